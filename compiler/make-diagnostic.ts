import type { Diagnostic, Severity } from './diagnostic.js';
import type { DiagnosticCode } from './diagnostic-codes.js';
import type { SourcePosition } from './model.js';

/**
 * Builds a diagnostic, leaving `hint` out when there is none (exactOptionalPropertyTypes).
 *
 * @example
 * makeDiagnostic('FILE_EMPTY', 'a.yaml', { line: 1, column: 1 }, '', 'The file is empty.', { severity: 'warning' });
 */
export function makeDiagnostic(
  code: DiagnosticCode,
  file: string,
  position: SourcePosition,
  pointer: string,
  message: string,
  options: { hint?: string | undefined; severity?: Severity } = {},
): Diagnostic {
  const base = {
    code,
    severity: options.severity ?? 'error',
    file,
    line: position.line,
    column: position.column,
    pointer,
    message,
  };
  return options.hint === undefined ? base : { ...base, hint: options.hint };
}

/** Sort order of diagnostics: file, line, column, code. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** Removes exact repeats (same code, file, position, pointer and message). */
export function dedupeDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((diagnostic) => {
    const key = [
      diagnostic.code,
      diagnostic.file,
      diagnostic.line,
      diagnostic.column,
      diagnostic.pointer,
      diagnostic.message,
    ].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
