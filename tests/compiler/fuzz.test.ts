// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` is weft expression syntax inside plain strings, not a template literal
/**
 * A seeded property test of the whole compiler: the valid `definitions/` manifests are mutated at
 * random (structure and text) and the compiler must never throw, and every diagnostic must have a
 * catalogue code, a file, a position that exists in that file, and a message.
 *
 * Replay: `WEFT_FUZZ_SEED=<seed> npx vitest run tests/compiler/fuzz.test.ts`; one case with
 * `WEFT_FUZZ_CASE=<case seed>` (printed with each failure) also prints its mutated text.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Document, isMap, isPair, isScalar, isSeq, type Node, parseDocument, visit } from 'yaml';
import { type Diagnostic, validateProject } from '../../compiler/index.js';
import type { ParsedManifest } from '../../compiler/model.js';
import { parseSource } from '../../compiler/parse.js';
import {
  analyseSources,
  copyDefinitions,
  createRandom,
  definitionsDir,
  malformation,
  type Random,
  readDefinitions,
  type TempProject,
} from './fixture-project.js';

const seed = Number(process.env.WEFT_FUZZ_SEED ?? 917_355);
const onlyCase = process.env.WEFT_FUZZ_CASE === undefined ? undefined : Number(process.env.WEFT_FUZZ_CASE);
/** In-memory cases (parse + validate, and the graph checks when the mutant still validates). */
const memoryCases = onlyCase === undefined ? 2500 : 1;
/** Cases through `validateProject` on one temp copy of `definitions/`. */
const diskCases = onlyCase === undefined ? 120 : 0;

const garbageExpressions = [
  '${{',
  '${{ }}',
  '${{ steps. }}',
  '${{ input..orderId }}',
  '${{ steps["lookup"].output[ }}',
  '${{ env.SECRET_TOKEN }}',
  'pre ${{ input.orderId }} post ${{',
  '${{ input.amount + }}',
  '${{ size( }}',
  '${{ steps.lookup.output.items[99999999999999999999] }}',
  '${{ input.a.b.c.d.e.f.g }}',
  '${{ x ? y : }}',
  '${{ [1, 2, 3].map(x, x * 2) }}',
  '${{ item }}',
  '${{ error.message }}',
  '${{ resume.approved }}',
  '${{ iteration }}',
  '${{ steps.__proto__.output }}',
  '${{ input.constructor.prototype }}',
  '${{ "unterminated }}',
  '${{ ${{ input.orderId }} }}',
  '{{#if}}',
  '{{> partial}}',
  '{{#each items}}{{/if}}',
  '{{lookup . "x"}}',
  '{{{raw}}}',
  'input.amount >',
  'size(steps.squares.output) > "x"',
  'steps.approve.output.approved && ',
  '1 / 0',
];
const scalarValues: unknown[] = [
  42,
  -1,
  0,
  3.5,
  1e308,
  true,
  false,
  null,
  '',
  'text',
  '5s',
  '0ms',
  'Not-Kebab',
  '-',
];
const vocabulary = [
  'id',
  'tool',
  'agent',
  'workflow',
  'steps',
  'when',
  'retry',
  'foreach',
  'loop',
  'maxIterations',
  'until',
  'switch',
  'default',
  'parallel',
  'branches',
  'suspend',
  'sleep',
  'set',
  'with',
  'input',
  'output',
  'type',
  'properties',
  'required',
  'items',
  'plugin',
  'http',
  'mcp',
  'token',
  'auth',
  'openapi',
  'plugins',
  'models',
  'kind',
  'apiVersion',
  'metadata',
  'spec',
  'name',
  '__proto__',
  'constructor',
];
const junk = [
  ':',
  '{',
  '}',
  '[',
  ']',
  '&',
  '*',
  '!',
  '|',
  '>',
  "'",
  '"',
  '%',
  '@',
  '`',
  '#',
  '-',
  '?',
  ',',
  '\t',
  '\n',
  '\r',
  ' ',
  'é',
  '\u2028',
  '\ufeff',
  '${{',
  '}}',
  '---\n',
  '...\n',
  '<<: *x\n',
  '\u0000',
];

type Collection = { items: unknown[]; flow?: boolean };

/** The value nodes of the document (mapping keys left out: a collection as a key is exotic YAML). */
function nodesOf(doc: Document): Node[] {
  const nodes: Node[] = [];
  visit(doc, (key, node) => {
    if (key !== 'key' && (isMap(node) || isSeq(node) || isScalar(node))) nodes.push(node);
  });
  return nodes;
}

function nested(random: Random, depth: number): unknown {
  let value: unknown = random.pick(scalarValues);
  for (let level = 0; level < depth; level++)
    value = random.next() < 0.5 ? [value] : { [random.pick(vocabulary)]: value };
  return value;
}

/** One structural mutation of the parsed document; false when it found nothing to mutate. */
function mutateDocument(doc: Document, random: Random, log: string[]): boolean {
  const nodes = nodesOf(doc);
  const collections = nodes.filter((node) => isMap(node) || isSeq(node)) as unknown as Collection[];
  const scalars = nodes.filter((node) => isScalar(node));
  const pairs = collections.flatMap((collection) => collection.items.filter((item) => isPair(item)));
  const operation = random.int(7);
  if (operation === 0 && collections.length > 0) {
    const collection = random.pick(collections);
    if (collection.items.length === 0) return false;
    collection.items.splice(random.int(collection.items.length), 1);
    log.push('delete a node');
  } else if (operation === 1 && scalars.length > 0) {
    const scalar = random.pick(scalars);
    scalar.value = random.pick(scalarValues);
    log.push(`retype a scalar to ${JSON.stringify(scalar.value)}`);
  } else if (operation === 2 && pairs.length > 0) {
    const pair = random.pick(pairs);
    if (!isScalar(pair.key)) return false;
    const key = String(pair.key.value);
    const at = random.int(key.length + 1);
    const edits = [
      `${key.slice(0, at)}${key.slice(at + 1)}`,
      `${key.slice(0, at)}${key[at] ?? 'x'}${key.slice(at)}`,
      `${key.slice(0, at)}${key[at + 1] ?? ''}${key[at] ?? ''}${key.slice(at + 2)}`,
      key.toUpperCase(),
    ];
    pair.key.value = random.pick(edits);
    log.push(`misspell ${key} as ${String(pair.key.value)}`);
  } else if (operation === 3 && collections.length > 0) {
    const collection = random.pick(collections);
    const replacement = isMap(collection)
      ? collection.items.map((pair) => (isPair(pair) ? pair.value : null))
      : Object.fromEntries(collection.items.map((item, index) => [`k${index}`, item]));
    replaceNode(doc, collection as unknown as Node, doc.createNode(replacement));
    log.push(isMap(collection) ? 'swap a map for a sequence' : 'swap a sequence for a map');
  } else if (operation === 4 && scalars.length > 0) {
    const scalar = random.pick(scalars);
    scalar.value = random.pick(garbageExpressions);
    log.push(`expression garbage ${String(scalar.value)}`);
  } else if (operation === 5 && nodes.length > 0) {
    const depth = random.pick([3, 20, 64, 200]);
    replaceNode(doc, random.pick(nodes), doc.createNode(nested(random, depth)));
    log.push(`deep nesting ${depth}`);
  } else if (operation === 6 && collections.length > 0) {
    const collection = random.pick(collections);
    const value = random.next() < 0.5 ? random.pick(scalarValues) : random.pick(garbageExpressions);
    if (isMap(collection)) collection.set(random.pick(vocabulary), value);
    else if (isSeq(collection)) collection.items.push(doc.createNode(value));
    log.push('add a node');
  } else return false;
  return true;
}

function replaceNode(doc: Document, target: Node, replacement: Node): void {
  if (doc.contents === target) {
    doc.contents = replacement;
    return;
  }
  visit(doc, (key, node) => {
    if (node === target && key !== 'key') return replacement;
    return undefined;
  });
}

/** One textual mutation (what structure cannot express: bad YAML). */
function mutateText(text: string, random: Random, log: string[]): string {
  const lines = text.split('\n');
  const line = random.int(lines.length);
  const offset = random.int(text.length + 1);
  switch (random.int(7)) {
    case 0: {
      const keyLines = lines.flatMap((value, index) => (/^\s*[\w-]+:/.test(value) ? [index] : []));
      const at = keyLines.length > 0 ? random.pick(keyLines) : line;
      lines.splice(at + 1, 0, lines[at] ?? '');
      log.push(`duplicate line ${at + 1}`);
      return lines.join('\n');
    }
    case 1: {
      const inserted = Array.from({ length: 1 + random.int(4) }, () => random.pick(junk)).join('');
      log.push(`insert ${JSON.stringify(inserted)} at ${offset}`);
      return `${text.slice(0, offset)}${inserted}${text.slice(offset)}`;
    }
    case 2:
      log.push(`truncate at ${offset}`);
      return text.slice(0, offset);
    case 3:
      lines[line] = (lines[line] ?? '').replace(/^ +/, '\t');
      log.push(`tab-indent line ${line + 1}`);
      return lines.join('\n');
    case 4:
      log.push('unquote the expressions');
      return text.replace(/"(\$\{\{[^"]*\}\})"/g, '$1');
    case 5: {
      const depth = random.pick([10, 100, 1000, 5000]);
      log.push(`flow nesting ${depth} at line ${line + 1}`);
      lines[line] = `${lines[line] ?? ''} ${'['.repeat(depth)}${']'.repeat(depth)}`;
      return lines.join('\n');
    }
    default: {
      const other = random.int(lines.length);
      [lines[line], lines[other]] = [lines[other] ?? '', lines[line] ?? ''];
      log.push(`swap lines ${line + 1} and ${other + 1}`);
      return lines.join('\n');
    }
  }
}

/** The mutated text of one case and what was done to it. */
function mutate(text: string, random: Random): { text: string; log: string[] } {
  const log: string[] = [];
  let current = text;
  const count = 1 + random.int(3);
  for (let step = 0; step < count; step++) {
    const doc = random.next() < 0.65 ? parseDocument(current) : undefined;
    if (doc !== undefined && doc.errors.length === 0 && mutateDocument(doc, random, log)) {
      try {
        current = doc.toString({ lineWidth: 0 });
        continue;
      } catch {
        log.push('(the document could not be printed; text mutation instead)');
      }
    }
    current = mutateText(current, random, log);
  }
  return { text: current, log };
}

/** Why a diagnostic's position does not exist in the file the user has, or undefined. */
function outOfFile(diagnostic: Diagnostic, texts: Readonly<Record<string, string>>): string | undefined {
  const text = texts[diagnostic.file];
  if (text === undefined) return undefined;
  const lines = text.split('\n');
  if (diagnostic.line > lines.length) return `line ${diagnostic.line} of a ${lines.length}-line file`;
  const length = (lines[diagnostic.line - 1] ?? '').length;
  if (diagnostic.column > length + 1) return `column ${diagnostic.column} of a ${length}-character line`;
  return undefined;
}

interface Failure {
  readonly caseSeed: number;
  readonly file: string;
  readonly mutations: string;
  readonly problem: string;
}

function check(
  diagnostics: readonly Diagnostic[],
  texts: Readonly<Record<string, string>>,
  record: (problem: string) => void,
): void {
  for (const diagnostic of diagnostics) {
    const problem = malformation(diagnostic) ?? outOfFile(diagnostic, texts);
    if (problem !== undefined)
      record(
        `${problem}: ${diagnostic.file}:${diagnostic.line}:${diagnostic.column} ${diagnostic.code} ${diagnostic.message}`,
      );
  }
}

const originals = readDefinitions();
const manifestFiles = Object.keys(readDefinitions({ manifestsOnly: true }));
const reason = (error: unknown): string =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

describe(`the compiler on randomly broken manifests (seed ${seed}; replay with WEFT_FUZZ_SEED=${seed})`, () => {
  it(`never throws and reports well-formed diagnostics: ${memoryCases} in-memory cases`, () => {
    const parsed = new Map<string, ParsedManifest[]>(
      manifestFiles.map((file) => [file, parseSource(file, originals[file] ?? '').manifests]),
    );
    const failures: Failure[] = [];
    let graphRuns = 0;
    for (let index = 0; index < memoryCases; index++) {
      const caseSeed = onlyCase ?? seed + index;
      const random = createRandom(caseSeed);
      const file = random.pick(manifestFiles);
      const { text, log } = mutate(originals[file] ?? '', random);
      if (onlyCase !== undefined) console.log(`case ${caseSeed}: ${file}\n${log.join('\n')}\n---\n${text}`);
      const record = (problem: string) =>
        void failures.push({ caseSeed, file, mutations: log.join('; '), problem });
      // The graph checks of the whole project are the slow part: every eighth case runs them
      // with all the other manifests, the rest with the non-workflow ones only.
      const others = [...parsed.entries()].flatMap(([other, manifests]) =>
        other === file || (index % 8 !== 0 && other.startsWith('workflows/')) ? [] : manifests,
      );
      try {
        const run = analyseSources(definitionsDir, { [file]: text }, others, { graph: 'if-any-valid' });
        if (run.graphBuilt) graphRuns += 1;
        check(run.diagnostics, { ...originals, [file]: text }, record);
      } catch (error) {
        record(`the compiler threw: ${reason(error)}`);
      }
    }
    expect(graphRuns).toBeGreaterThan(0);
    // The reused manifests were not changed by the runs: the untouched project is still clean.
    const untouched = analyseSources(definitionsDir, {}, [...parsed.values()].flat());
    expect(untouched.diagnostics).toEqual([]);
    expect(failures.slice(0, 15), `${failures.length} failing cases`).toEqual([]);
    // A guard against a hang only: thousands of cases, 6-40 s depending on the host's load.
  }, 300_000);

  describe(`${diskCases} cases through validateProject on a copy of definitions/`, () => {
    let project: TempProject;
    beforeAll(() => {
      project = copyDefinitions();
    });
    afterAll(() => {
      project.remove();
    });

    it.runIf(diskCases > 0)(
      'never throws and reports well-formed diagnostics',
      async () => {
        const files = Object.keys(originals);
        const failures: Failure[] = [];
        for (let index = 0; index < diskCases; index++) {
          const caseSeed = seed + 1_000_000 + index;
          const random = createRandom(caseSeed);
          const file = random.pick(files);
          const { text, log } = mutate(originals[file] ?? '', random);
          const record = (problem: string) =>
            void failures.push({ caseSeed, file, mutations: log.join('; '), problem });
          writeFileSync(join(project.dir, file), text);
          try {
            const result = await validateProject(project.dir);
            check(result.diagnostics, { ...originals, [file]: text }, record);
          } catch (error) {
            record(`validateProject threw: ${reason(error)}`);
          } finally {
            writeFileSync(join(project.dir, file), originals[file] ?? '');
          }
        }
        expect(readFileSync(join(project.dir, 'weft.yaml'), 'utf8')).toBe(originals['weft.yaml']);
        expect(failures.slice(0, 15), `${failures.length} failing cases`).toEqual([]);
      },
      300_000,
    );
  });
});
