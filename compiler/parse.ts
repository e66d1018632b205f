import { type Document, isMap, isScalar, parseAllDocuments } from 'yaml';
import type { Diagnostic } from './diagnostic.js';
import { type LinePositions, lineIndex } from './line-index.js';
import { makeDiagnostic } from './make-diagnostic.js';
import { apiVersion, isManifestKind, manifestKinds } from './manifest-kinds.js';
import type { ParsedManifest } from './model.js';
import { createLocator, type Locator } from './source-map.js';
import { suggest } from './suggest.js';
import { yamlErrorDiagnostics } from './yaml-errors.js';

/** Aliases a document may expand; more is treated as an alias bomb. */
export const maxAliasCount = 100;

/** What `parseSource` returns: the manifests whose envelope is sound, and every problem found. */
export interface ParseSourceResult {
  readonly manifests: ParsedManifest[];
  readonly diagnostics: Diagnostic[];
}

const start = { line: 1, column: 1 };

/**
 * Runs `parse` with `process.env` swapped for a plain-object copy of the two variables the
 * `yaml` package reads (its debug switches `LOG_TOKENS` and `LOG_STREAM`). `yaml` reads
 * `process.env.LOG_TOKENS` once per token, and each read of the real `process.env` is a call into
 * the C++ environment (about a fifth of the parse time on large projects); reads of a plain
 * object are free. The parse is synchronous, so no other code sees the swap.
 */
function withSnapshotEnv<T>(parse: () => T): T {
  const env = process.env;
  const snapshot: NodeJS.ProcessEnv = {};
  for (const name of ['LOG_TOKENS', 'LOG_STREAM']) {
    const value = env[name];
    if (value !== undefined) snapshot[name] = value;
  }
  process.env = snapshot;
  try {
    return parse();
  } finally {
    process.env = env;
  }
}

function isOpenApiDocument(value: Record<string, unknown>): boolean {
  return !('apiVersion' in value) && !('kind' in value) && ('openapi' in value || 'swagger' in value);
}

function envelopeDiagnostic(
  file: string,
  value: Record<string, unknown>,
  locate: Locator,
): Diagnostic | undefined {
  if (value.apiVersion !== apiVersion) {
    const found = value.apiVersion === undefined ? 'missing' : JSON.stringify(value.apiVersion);
    return makeDiagnostic(
      'MANIFEST_UNKNOWN_API_VERSION',
      file,
      locate(value.apiVersion === undefined ? '' : '/apiVersion'),
      '/apiVersion',
      `apiVersion is ${found}; weft understands "${apiVersion}".`,
      { hint: `Set apiVersion: ${apiVersion}` },
    );
  }
  if (!isManifestKind(value.kind)) {
    const kind = value.kind;
    const near = typeof kind === 'string' ? suggest(kind, manifestKinds) : undefined;
    const list = manifestKinds.join(', ');
    return makeDiagnostic(
      'MANIFEST_UNKNOWN_KIND',
      file,
      locate(kind === undefined ? '' : '/kind'),
      '/kind',
      kind === undefined ? 'The manifest has no kind.' : `Unknown kind ${JSON.stringify(kind)}.`,
      {
        hint:
          near === undefined ? `The kinds are ${list}.` : `Did you mean "${near}"? The kinds are ${list}.`,
      },
    );
  }
  return undefined;
}

function manifestName(value: Record<string, unknown>): string {
  const metadata = value.metadata;
  if (typeof metadata !== 'object' || metadata === null) return '';
  const name = (metadata as Record<string, unknown>).name;
  return typeof name === 'string' ? name : '';
}

type DocumentOutcome = { manifest?: ParsedManifest; diagnostics: Diagnostic[]; empty: boolean };

function parseDocument(
  file: string,
  text: string,
  doc: Document,
  index: number,
  lineCounter: LinePositions,
): DocumentOutcome {
  if (doc.errors.length > 0)
    return { diagnostics: yamlErrorDiagnostics(file, text, doc.errors, lineCounter), empty: false };
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null))
    return { diagnostics: [], empty: true };
  const locate = createLocator(doc, lineCounter, text);
  if (!isMap(doc.contents)) {
    const message = 'A manifest must be a mapping with apiVersion, kind, metadata and spec.';
    return {
      diagnostics: [makeDiagnostic('MANIFEST_NOT_OBJECT', file, locate(''), '', message)],
      empty: false,
    };
  }
  let value: Record<string, unknown>;
  try {
    value = doc.toJS({ maxAliasCount }) as Record<string, unknown>;
  } catch {
    const message = `The document expands more than ${maxAliasCount} YAML aliases.`;
    const hint = 'Repeat the values instead of nesting aliases (a YAML "billion laughs" pattern is refused).';
    return {
      diagnostics: [makeDiagnostic('YAML_ALIAS_LIMIT', file, locate(''), '', message, { hint })],
      empty: false,
    };
  }
  if (isOpenApiDocument(value)) return { diagnostics: [], empty: false };
  const problem = envelopeDiagnostic(file, value, locate);
  if (problem !== undefined) return { diagnostics: [problem], empty: false };
  const manifest: ParsedManifest = {
    file,
    documentIndex: index,
    kind: value.kind as ParsedManifest['kind'],
    name: manifestName(value),
    value: value as unknown as ParsedManifest['value'],
    locate,
  };
  return { manifest, diagnostics: [], empty: false };
}

/**
 * Parses the text of one manifest file (any number of `---` documents) without schema
 * validation. Never throws: every problem is a diagnostic, and a bad document does not hide the
 * others. OpenAPI documents (no apiVersion/kind, an `openapi` key) are skipped silently: they are
 * imported by Integration manifests.
 *
 * @example
 * const { manifests, diagnostics } = parseSource('tools/a.yaml', 'apiVersion: weft/v1\nkind: Tool\n...');
 * manifests[0]?.locate('/spec/input', { key: true }); // { line: 5, column: 3 }
 */
export function parseSource(file: string, text: string): ParseSourceResult {
  if (text.includes('\u0000')) {
    const message = 'The file holds a NUL byte: it is binary, not YAML text.';
    return { manifests: [], diagnostics: [makeDiagnostic('FILE_NOT_YAML', file, start, '', message)] };
  }
  const empty = () => ({
    manifests: [],
    diagnostics: [
      makeDiagnostic('FILE_EMPTY', file, start, '', 'The file holds no manifest.', { severity: 'warning' }),
    ],
  });
  if (text.trim() === '') return empty();
  const lineCounter = lineIndex(text);
  const documents = withSnapshotEnv(() => parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false }));
  const manifests: ParsedManifest[] = [];
  const diagnostics: Diagnostic[] = [];
  let emptyCount = 0;
  documents.forEach((doc, index) => {
    const outcome = parseDocument(file, text, doc, index, lineCounter);
    if (outcome.manifest !== undefined) manifests.push(outcome.manifest);
    diagnostics.push(...outcome.diagnostics);
    if (outcome.empty) emptyCount += 1;
  });
  if (emptyCount === documents.length) return empty();
  return { manifests, diagnostics };
}
