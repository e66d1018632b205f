import type { DiagnosticCode } from './diagnostic-codes.js';

export type Severity = 'error' | 'warning';

/**
 * One problem found by the compiler. The compiler returns these as data and reports all of them;
 * only the CLI and the host turn them into exits or throws.
 *
 * @example
 * { code: 'SCHEMA_UNKNOWN_KEY', severity: 'error', file: 'workflows/order.yaml', line: 12, column: 7,
 *   pointer: '/spec/steps/0/retyr', message: 'Unknown key "retyr".', hint: 'Did you mean "retry"?' }
 */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** Path relative to the project folder, with `/` separators. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** JSON pointer into the manifest document (`''` for the whole document). */
  readonly pointer: string;
  readonly message: string;
  readonly hint?: string;
}
