import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { buildGraph } from '../../compiler/build-graph.js';
import type { Diagnostic } from '../../compiler/diagnostic.js';
import { diagnosticCatalogue } from '../../compiler/diagnostic-codes.js';
import type { CompileContext, ParsedManifest } from '../../compiler/model.js';
import { parseSource } from '../../compiler/parse.js';
import { projectChecks } from '../../compiler/project-checks.js';
import { validateManifest } from '../../compiler/validate.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The example project. */
export const definitionsDir = join(repoRoot, 'definitions');

/** The invalid-manifest fixtures: one folder per case, plus `_base/` (see its README.md). */
export const invalidFixturesDir = join(repoRoot, 'tests', 'fixtures', 'invalid');

/** The folder of the valid project laid under every invalid case. */
export const baseFolder = '_base';

/** A throw-away project folder. */
export interface TempProject {
  readonly dir: string;
  remove(): void;
}

/** Optional `case.json` of an invalid case. */
interface CaseOptions {
  readonly omitBaseFiles?: readonly string[];
}

/**
 * The case folders under `tests/fixtures/invalid/`, sorted (without `_base`).
 *
 * @example
 * invalidCaseNames(); // ['cel-foreach-items-not-list', 'cel-syntax-error', ...]
 */
export function invalidCaseNames(): string[] {
  return readdirSync(invalidFixturesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== baseFolder)
    .map((entry) => entry.name)
    .sort();
}

/**
 * Lays an invalid case into a fresh temp folder: the valid base project first, then the case's
 * own files over it (minus `expected.json` and `case.json`), then `generated` files (bytes that
 * cannot live in the repository as text).
 *
 * @example
 * const project = layInvalidCase('yaml-duplicate-key'); ... project.remove();
 */
export function layInvalidCase(
  name: string,
  generated: Readonly<Record<string, string | Uint8Array>> = {},
): TempProject {
  const dir = mkdtempSync(join(tmpdir(), 'weft-invalid-'));
  cpSync(join(invalidFixturesDir, baseFolder), dir, { recursive: true });
  if (name !== baseFolder) {
    const source = join(invalidFixturesDir, name);
    const optionsFile = join(source, 'case.json');
    const options: CaseOptions = existsSync(optionsFile)
      ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as CaseOptions)
      : {};
    for (const file of options.omitBaseFiles ?? []) rmSync(join(dir, file));
    cpSync(source, dir, {
      recursive: true,
      filter: (path) => !path.endsWith(`${sep}expected.json`) && !path.endsWith(`${sep}case.json`),
    });
  }
  for (const [file, content] of Object.entries(generated)) writeFileSync(join(dir, file), content);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Copies `definitions/` into a fresh temp folder.
 *
 * @example
 * const project = copyDefinitions(); ... project.remove();
 */
export function copyDefinitions(): TempProject {
  const dir = mkdtempSync(join(tmpdir(), 'weft-definitions-'));
  cpSync(definitionsDir, dir, { recursive: true, filter: (path) => !path.includes(`${sep}.weft`) });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('.') ? [] : walk(path);
    return entry.name.endsWith('.yaml') || entry.name.endsWith('.yml') ? [path] : [];
  });
}

/**
 * The YAML files of `definitions/` (path relative to it, `/` separators -> text), sorted by path.
 * `manifestsOnly` leaves out documents that are not weft manifests (the OpenAPI documents).
 *
 * @example
 * Object.keys(readDefinitions()); // ['agents/researcher.yaml', ..., 'weft.yaml', ...]
 */
export function readDefinitions(options: { manifestsOnly?: boolean } = {}): Record<string, string> {
  const files: Record<string, string> = {};
  for (const path of walk(definitionsDir).sort()) {
    const text = readFileSync(path, 'utf8');
    if (options.manifestsOnly === true && !/^apiVersion:/m.test(text)) continue;
    files[relative(definitionsDir, path).split(sep).join('/')] = text;
  }
  return files;
}

/**
 * Runs the compiler's stages over in-memory manifest texts as `validateProject` does over a folder
 * (parse -> validate -> project checks -> buildGraph), touching the disk only for what the
 * project references (plugin files, OpenAPI documents under `dir`). Unlike `validateProject` it
 * does not catch a crash of a stage: the caller sees it. `validOthers` are manifests parsed and
 * validated once and reused (they must be valid: they are not validated again, which keeps
 * thousands of runs cheap). `graph: 'if-any-valid'` skips the graph stage when none of the
 * manifests of `files` is valid (the graph of `validOthers` alone is then already known).
 *
 * @example
 * const { diagnostics } = analyseSources(definitionsDir, { 'tools/a.yaml': text }, otherManifests);
 */
export function analyseSources(
  dir: string,
  files: Readonly<Record<string, string>>,
  validOthers: readonly ParsedManifest[] = [],
  options: { graph?: 'always' | 'if-any-valid' | 'never' } = {},
): { diagnostics: Diagnostic[]; graphBuilt: boolean } {
  const context: CompileContext = { dir, diagnostics: [] };
  const parsed: ParsedManifest[] = [];
  for (const [file, text] of Object.entries(files)) {
    const result = parseSource(file, text);
    parsed.push(...result.manifests);
    context.diagnostics.push(...result.diagnostics);
  }
  const valid: ParsedManifest[] = [...validOthers];
  for (const manifest of parsed) {
    const problems = validateManifest(manifest);
    context.diagnostics.push(...problems);
    if (!problems.some((problem) => problem.severity === 'error')) valid.push(manifest);
  }
  context.diagnostics.push(...projectChecks(dir, [...validOthers, ...parsed]));
  const graph = options.graph ?? 'always';
  const graphBuilt = graph === 'always' || (graph === 'if-any-valid' && valid.length > validOthers.length);
  if (graphBuilt) buildGraph(valid, context);
  return { diagnostics: context.diagnostics, graphBuilt };
}

/** Why a diagnostic is malformed (no file, a position below 1, an unknown code...), or undefined. */
export function malformation(diagnostic: Diagnostic): string | undefined {
  if (!Object.hasOwn(diagnosticCatalogue, diagnostic.code)) return `unknown code ${String(diagnostic.code)}`;
  if (diagnostic.code === 'COMPILER_INTERNAL_ERROR') return `a compiler crash: ${diagnostic.message}`;
  if (typeof diagnostic.file !== 'string' || diagnostic.file === '') return 'no file';
  if (!Number.isInteger(diagnostic.line) || diagnostic.line < 1) return `line ${diagnostic.line}`;
  if (!Number.isInteger(diagnostic.column) || diagnostic.column < 1) return `column ${diagnostic.column}`;
  if (typeof diagnostic.message !== 'string' || diagnostic.message.trim() === '') return 'no message';
  if (diagnostic.severity !== 'error' && diagnostic.severity !== 'warning')
    return `severity ${String(diagnostic.severity)}`;
  return undefined;
}

/**
 * The number of lines of `text` as an editor shows them (a final newline opens one more, empty,
 * line where the cursor can stand).
 */
export function editorLineCount(text: string): number {
  return text.split('\n').length;
}

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same sequence. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, below). */
  int(below: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

/**
 * A seeded PRNG, so that every random test case can be replayed from its seed.
 *
 * @example
 * const random = createRandom(42); random.int(10); // always the same
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number): number => Math.floor(next() * below);
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      const item = items[int(items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
  };
}

/** A place where a key can be inserted into a closed mapping of a manifest. */
export interface KeySite {
  /** JSON pointer of the mapping. */
  readonly pointer: string;
  /** Where the inserted key will stand (1-based): the line and column of the key it goes before. */
  readonly line: number;
  readonly column: number;
  /** Offset of the start of that line in the text (the insertion point). */
  readonly offset: number;
  /** The keys already in the mapping. */
  readonly siblings: readonly string[];
}

/** Keys whose value is free data (values, labels, plugin config...), not a closed object. */
const openValueKeys = new Set([
  'with',
  'set',
  'payload',
  'headers',
  'query',
  'body',
  'response',
  'labels',
  'config',
  'data',
  'default',
  'const',
  'enum',
  'env',
]);

/** Keys whose mapping has free keys (names) but closed values. */
const nameMapKeys = new Set(['properties', 'actions']);

function opensValue(key: string, path: readonly string[], kind: string): boolean {
  if (openValueKeys.has(key)) return true;
  if (key === 'metadata' && path.length > 0) return true;
  if (key === 'context' && path.includes('steps')) return true;
  return key === 'output' && kind === 'Workflow' && path.length === 1 && path[0] === 'spec';
}

const pointerOf = (path: readonly string[]): string =>
  path.map((segment) => `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

function collectSites(
  node: unknown,
  path: readonly string[],
  open: boolean,
  context: { kind: string; text: string; lineCounter: LineCounter; out: KeySite[] },
): void {
  if (isSeq(node)) {
    node.items.forEach((item, index) => {
      collectSites(item, [...path, String(index)], open, context);
    });
    return;
  }
  if (!isMap(node)) return;
  const last = path[path.length - 1];
  const names = last !== undefined && nameMapKeys.has(last);
  const keys = node.items.flatMap((pair) => (isScalar(pair.key) ? [String(pair.key.value)] : []));
  for (const pair of node.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const start = pair.key.range?.[0];
    if (!open && !names && node.flow !== true && start !== undefined) {
      const { line, col } = context.lineCounter.linePos(start);
      const offset = start - (col - 1);
      if (context.text.slice(offset, start).trim() === '')
        context.out.push({ pointer: pointerOf(path), line, column: col, offset, siblings: keys });
    }
    collectSites(
      pair.value,
      [...path, key],
      open || (!names && opensValue(key, path, context.kind)),
      context,
    );
  }
}

/**
 * The places of a one-document manifest where an inserted key must be reported as unknown:
 * before each key of a block mapping that the manifest language closes (free-data mappings such
 * as `with`, `set`, `headers`, workflow `output`, `properties` names are left out).
 *
 * @example
 * unknownKeySites(text)[0]; // { pointer: '', line: 1, column: 1, offset: 0, siblings: ['apiVersion', ...] }
 */
export function unknownKeySites(text: string): KeySite[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const kind = String(doc.get('kind') ?? '');
  const out: KeySite[] = [];
  collectSites(doc.contents, [], false, { kind, text, lineCounter, out });
  return out;
}
