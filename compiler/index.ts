/**
 * The compiler's public entry: compile a project folder, validate it, parse one manifest source,
 * and format diagnostics. Everything else under `compiler/` is internal.
 *
 * @example
 * import { compile, formatDiagnostic } from './compiler/index.js';
 * const result = await compile('definitions');
 */
export { type CompileOptions, type CompileOutput, compile, validateProject } from './compile.js';
export type { Diagnostic, Severity } from './diagnostic.js';
export { type DiagnosticCode, diagnosticCatalogue } from './diagnostic-codes.js';
export { buildOpenApi } from './emit/emit-openapi.js';
export { type FormatOptions, formatDiagnostic, formatSummary } from './format-diagnostic.js';
export type { CompileResult, ManifestKind, ParsedManifest, SourcePosition } from './model.js';
export { type ParseSourceResult, parseSource } from './parse.js';
export { suggest } from './suggest.js';
