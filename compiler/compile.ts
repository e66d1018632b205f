import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CompiledGraphV1 } from '../runtime/spec/v1/graph.js';
import { buildGraph } from './build-graph.js';
import type { Diagnostic } from './diagnostic.js';
import { discover } from './discover.js';
import { compareDiagnostics, dedupeDiagnostics, makeDiagnostic } from './make-diagnostic.js';
import type { CompileContext, CompileResult, ParsedManifest } from './model.js';
import { parseSource } from './parse.js';
import { checkPluginExecutors } from './plugins/check-plugin-executors.js';
import { readManifestFile } from './read-manifest-file.js';
import { validateManifests } from './validate.js';

/** Options of `compile`. */
export interface CompileOptions {
  /** Where artefacts are written; default `<dir>/.weft/`. Relative paths are relative to the working directory. */
  readonly out?: string;
  /** Write the artefacts to `out` (default false: only return them). */
  readonly write?: boolean;
}

/** `CompileResult` plus the emitted artefacts (when ok) and the files written. */
export type CompileOutput = CompileResult & {
  /** Emitted artefacts by file name, when the compilation succeeded. */
  readonly artefacts?: Readonly<Record<string, string>>;
  /** Absolute paths of the files written (with `write: true`). */
  readonly written?: readonly string[];
};

const start = { line: 1, column: 1 };
const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function internal(file: string, stage: string, error: unknown): Diagnostic {
  return makeDiagnostic(
    'COMPILER_INTERNAL_ERROR',
    file,
    start,
    '',
    `The ${stage} stage failed unexpectedly: ${reasonOf(error)}`,
    {
      hint: 'This is a bug in weft; please report it with the project that triggers it.',
    },
  );
}

/** Reads the files 32 at a time (file reads overlap; parsing stays in order). */
async function readAll(
  dir: string,
  files: readonly string[],
): Promise<Awaited<ReturnType<typeof readManifestFile>>[]> {
  const reads: Awaited<ReturnType<typeof readManifestFile>>[] = [];
  for (let start = 0; start < files.length; start += 32) {
    reads.push(
      ...(await Promise.all(files.slice(start, start + 32).map((file) => readManifestFile(dir, file)))),
    );
  }
  return reads;
}

async function parseProject(dir: string, context: CompileContext): Promise<ParsedManifest[] | undefined> {
  let files: string[];
  try {
    files = await discover(dir);
  } catch (error) {
    context.diagnostics.push(
      makeDiagnostic(
        'PROJECT_NOT_FOUND',
        '.',
        start,
        '',
        `The project folder ${dir} cannot be read: ${reasonOf(error)}`,
      ),
    );
    return undefined;
  }
  const manifests: ParsedManifest[] = [];
  const reads = await readAll(dir, files);
  for (const [index, file] of files.entries()) {
    try {
      const read = reads[index] ?? (await readManifestFile(dir, file));
      if ('diagnostic' in read) {
        context.diagnostics.push(read.diagnostic);
        continue;
      }
      const parsed = parseSource(file, read.text);
      manifests.push(...parsed.manifests);
      context.diagnostics.push(...parsed.diagnostics);
    } catch (error) {
      context.diagnostics.push(internal(file, 'parse', error));
    }
  }
  return manifests;
}

/** Discover, parse, validate and build the graph; shared by `compile` and `validateProject`. */
async function analyse(
  dir: string,
): Promise<{ context: CompileContext; graph: CompiledGraphV1 | undefined; manifestCount: number }> {
  const context: CompileContext = { dir, diagnostics: [] };
  const manifests = await parseProject(dir, context);
  if (manifests === undefined) return { context, graph: undefined, manifestCount: 0 };
  const valid = validateManifests(manifests, context);
  const validSet = new Set(valid);
  const invalid = new Set(
    manifests
      .filter((manifest) => !validSet.has(manifest))
      .map((manifest) => `${manifest.kind.toLowerCase()}:${manifest.name}`),
  );
  let graph: CompiledGraphV1 | undefined;
  try {
    graph = buildGraph(valid, { ...context, invalid });
  } catch (error) {
    context.diagnostics.push(internal('.', 'link and check', error));
  }
  if (graph !== undefined && !hasErrors(context.diagnostics))
    await checkPluginExecutors(valid, graph, context).catch((error: unknown) => {
      context.diagnostics.push(internal('.', 'plugin check', error));
    });
  if (graph === undefined && !context.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) {
    context.diagnostics.push(
      internal('.', 'link and check', new Error('no graph was built, yet no problem was reported')),
    );
  }
  return { context, graph, manifestCount: manifests.length };
}

function finish(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return dedupeDiagnostics(diagnostics).sort(compareDiagnostics);
}

const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((diagnostic) => diagnostic.severity === 'error');

/**
 * Compiles a project folder: discover -> parse -> validate -> link/check (`buildGraph`) -> emit.
 * Never throws for bad input: every problem is a diagnostic (sorted by file and position), and a
 * compiler bug becomes `COMPILER_INTERNAL_ERROR`. With `write`, the artefacts are written to
 * `out` (default `<dir>/.weft/`).
 *
 * @example
 * const result = await compile('definitions', { write: true });
 * if (!result.ok) for (const d of result.diagnostics) console.log(formatDiagnostic(d));
 */
export async function compile(dir: string, options: CompileOptions = {}): Promise<CompileOutput> {
  const root = resolve(dir);
  const { context, graph, manifestCount } = await analyse(root);
  if (graph === undefined || hasErrors(context.diagnostics))
    return { ok: false, diagnostics: finish(context.diagnostics), manifestCount };
  let artefacts: Record<string, string>;
  try {
    // Loaded on demand: the emitters pull in json-schema-to-typescript, which `validate` never needs.
    const { emitArtefacts } = await import('./emit/index.js');
    artefacts = await emitArtefacts(graph);
  } catch (error) {
    const diagnostic = makeDiagnostic(
      'EMIT_FAILED',
      '.',
      start,
      '',
      `The artefacts could not be generated: ${reasonOf(error)}`,
    );
    return { ok: false, diagnostics: finish([...context.diagnostics, diagnostic]), manifestCount };
  }
  const diagnostics = finish(context.diagnostics);
  if (options.write !== true) return { ok: true, graph, diagnostics, manifestCount, artefacts };
  const out = resolve(options.out ?? join(root, '.weft'));
  try {
    await mkdir(out, { recursive: true });
    const written: string[] = [];
    for (const name of Object.keys(artefacts).sort()) {
      const path = join(out, name);
      await writeFile(path, artefacts[name] ?? '');
      written.push(path);
    }
    return { ok: true, graph, diagnostics, manifestCount, artefacts, written };
  } catch (error) {
    const diagnostic = makeDiagnostic(
      'EMIT_FAILED',
      '.',
      start,
      '',
      `The artefacts could not be written to ${out}: ${reasonOf(error)}`,
    );
    return { ok: false, diagnostics: finish([...diagnostics, diagnostic]), manifestCount };
  }
}

/**
 * Checks a project folder like `compile` but emits nothing: every diagnostic of parse, validate,
 * link and check.
 *
 * @example
 * const { ok, diagnostics } = await validateProject('.');
 */
export async function validateProject(dir: string): Promise<CompileResult> {
  const { context, graph, manifestCount } = await analyse(resolve(dir));
  const diagnostics = finish(context.diagnostics);
  if (graph === undefined || hasErrors(diagnostics)) return { ok: false, diagnostics, manifestCount };
  return { ok: true, graph, diagnostics, manifestCount };
}
