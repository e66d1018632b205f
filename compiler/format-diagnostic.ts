import type { Diagnostic } from './diagnostic.js';

/** Options of `formatDiagnostic`. */
export interface FormatOptions {
  /** The text of the diagnostic's file, for the code frame; no frame without it. */
  readonly source?: string | undefined;
  /** ANSI colours (the CLI enables them only on a TTY without NO_COLOR). */
  readonly color?: boolean;
}

const ansi = (code: string) => (text: string, on: boolean) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);
const red = ansi('31');
const yellow = ansi('33');
const bold = ansi('1');
const dim = ansi('2');
const cyan = ansi('36');

function codeFrame(source: string, line: number, column: number, color: boolean): string[] {
  const lines = source.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const current = lines[line - 1];
  if (current === undefined) return [];
  const first = Math.max(1, line - 1);
  const last = Math.min(lines.length, line + 1);
  const width = String(last).length;
  const frame: string[] = [];
  for (let number = first; number <= last; number++) {
    const text = lines[number - 1] ?? '';
    const marker = number === line ? bold('>', color) : ' ';
    frame.push(`  ${marker} ${dim(`${String(number).padStart(width)} |`, color)} ${text}`);
    if (number === line) {
      const padding = current.slice(0, Math.max(0, column - 1)).replace(/[^\t]/g, ' ');
      frame.push(`    ${dim(`${' '.repeat(width)} |`, color)} ${padding}${red('^', color)}`);
    }
  }
  return frame;
}

/**
 * Formats one diagnostic the way the CLI prints it: `file:line:col: error CODE message`, an
 * indented `hint:` line, and (given the file's text) a code frame with a caret under the column.
 *
 * @example
 * formatDiagnostic(diagnostic, { source: text });
 * // workflows/order.yaml:12:7: error SCHEMA_UNKNOWN_KEY Unknown key "retyr".
 * //   hint: Did you mean "retry"?
 * //     11 |     - id: lookup
 * //   > 12 |       retyr: 3
 * //        |       ^
 */
export function formatDiagnostic(diagnostic: Diagnostic, options: FormatOptions = {}): string {
  const color = options.color ?? false;
  const severity = diagnostic.severity === 'error' ? red('error', color) : yellow('warning', color);
  const location = bold(`${diagnostic.file}:${diagnostic.line}:${diagnostic.column}:`, color);
  const lines = [`${location} ${severity} ${cyan(diagnostic.code, color)} ${diagnostic.message}`];
  if (diagnostic.hint !== undefined) lines.push(`  ${dim('hint:', color)} ${diagnostic.hint}`);
  if (options.source !== undefined)
    lines.push(...codeFrame(options.source, diagnostic.line, diagnostic.column, color));
  return lines.join('\n');
}

/**
 * The closing summary line: `2 errors, 1 warning in 7 manifests`.
 *
 * @example
 * formatSummary([], 3); // '0 errors, 0 warnings in 3 manifests'
 */
export function formatSummary(diagnostics: readonly Diagnostic[], manifestCount: number): string {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(manifestCount, 'manifest')}`;
}
