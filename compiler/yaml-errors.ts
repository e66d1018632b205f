// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` is weft expression syntax inside plain strings, not a template literal
import type { YAMLError } from 'yaml';
import type { Diagnostic } from './diagnostic.js';
import type { LinePositions } from './line-index.js';
import { makeDiagnostic } from './make-diagnostic.js';

const unquotedExpression = /\$\{\{/g;
const keyToken = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^:\s]+)/;

function isQuoted(text: string, offset: number): boolean {
  const before = text[offset - 1];
  return before === '"' || before === "'";
}

/** Offsets of `${{` that start a plain (unquoted) scalar and are followed by a YAML error. */
function unquotedExpressionOffsets(text: string, errors: readonly YAMLError[]): number[] {
  const offsets: number[] = [];
  for (const match of text.matchAll(unquotedExpression)) {
    const offset = match.index;
    if (isQuoted(text, offset)) continue;
    if (errors.some((error) => error.pos[0] >= offset && error.pos[0] <= offset + 3)) offsets.push(offset);
  }
  return offsets;
}

/** Where a user should look: an unclosed quote is reported at its opening quote, not at the end of the file. */
function errorOffset(text: string, error: YAMLError): number {
  if (error.code !== 'MISSING_CHAR' || !/quote/i.test(error.message)) return error.pos[0];
  const quote = /'/.test(error.message.replace(/"quote/, '')) ? "'" : '"';
  for (let i = Math.min(error.pos[0], text.length - 1); i >= 0; i -= 1) {
    if (text[i] === quote && text[i - 1] !== '\\') return i;
  }
  return error.pos[0];
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  const trimmed = line.replace(/ at line \d+, column \d+:?$/, '').trim();
  return trimmed.endsWith('.') ? trimmed : `${trimmed}.`;
}

/**
 * Turns the YAML parser's errors of one document into diagnostics: duplicate keys become
 * `YAML_DUPLICATE_KEY` (at the second key), an unquoted `${{ }}` inside a flow collection becomes
 * `YAML_UNQUOTED_EXPRESSION` (its follow-on errors on the same line are dropped), everything else
 * `YAML_SYNTAX`, at most one per line.
 *
 * @example
 * yamlErrorDiagnostics('a.yaml', text, doc.errors, lineCounter);
 */
export function yamlErrorDiagnostics(
  file: string,
  text: string,
  errors: readonly YAMLError[],
  lineCounter: LinePositions,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const usedLines = new Set<number>();
  for (const offset of unquotedExpressionOffsets(text, errors)) {
    const { line, col } = lineCounter.linePos(offset);
    if (usedLines.has(line)) continue;
    usedLines.add(line);
    const end = text.indexOf('}}', offset);
    const expression = end === -1 ? '${{ ... }}' : text.slice(offset, end + 2);
    diagnostics.push(
      makeDiagnostic(
        'YAML_UNQUOTED_EXPRESSION',
        file,
        { line, column: col },
        '',
        `The expression ${expression} is inside a flow collection ({ } or [ ]) and is not quoted, so YAML reads its braces as structure.`,
        { hint: `Quote it: "${expression}"` },
      ),
    );
  }
  let syntaxReported = diagnostics.length > 0;
  for (const error of errors) {
    const duplicate = error.code === 'DUPLICATE_KEY';
    // After the first syntax error the parser's view of the document is off, and what it reports
    // next is noise about lines that are fine: keep the first (duplicate keys are independent).
    if (!duplicate && syntaxReported) continue;
    const { line, col } = lineCounter.linePos(errorOffset(text, error));
    if (usedLines.has(line)) continue;
    usedLines.add(line);
    if (!duplicate) syntaxReported = true;
    const key = duplicate
      ? (keyToken.exec(text.slice(error.pos[0], error.pos[0] + 256))?.[0] ?? '').replace(/^["']|["']$/g, '')
      : '';
    diagnostics.push(
      duplicate
        ? makeDiagnostic(
            'YAML_DUPLICATE_KEY',
            file,
            { line, column: col },
            '',
            `The key "${key}" appears twice in the same mapping.`,
            {
              hint: 'Remove or rename one of the two keys.',
            },
          )
        : makeDiagnostic('YAML_SYNTAX', file, { line, column: col }, '', firstLine(error.message)),
    );
  }
  return diagnostics;
}
