/**
 * From this many rows in one write, a driver's `copyRows` (when it has one) is used: COPY inserts
 * rows page by page, where `INSERT ... SELECT` places and logs each row alone (on PGlite, 1,000
 * journal rows take about half the time). Below it, one prepared statement is cheaper.
 */
export const copyMinRows = 32;

/** A value of one COPY field: `null` and `undefined` are SQL NULL, anything else its text. */
export type CopyValue = string | number | boolean | null | undefined;

/** The characters COPY's text format gives a meaning to inside a field. */
const specialCharacters = /[\\\n\r\t]/g;
const escapes: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * One field in COPY's text format: `\N` for NULL, else the text with backslash, newline, carriage
 * return and tab escaped (so no field can end a row, split a column or spell the `\.` end marker).
 *
 * @example
 * copyField('a\tb'); // 'a\\tb'
 * copyField(null); // '\\N'
 */
export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  const text = String(value);
  // Four `indexOf`s scan a long field (a journal row's JSON) about three times as fast as a regular
  // expression does, and most fields have none of the four.
  if (
    text.indexOf('\\') === -1 &&
    text.indexOf('\n') === -1 &&
    text.indexOf('\r') === -1 &&
    text.indexOf('\t') === -1
  )
    return text;
  return text.replace(specialCharacters, (character) => escapes[character] ?? character);
}

/**
 * Rows in COPY's text format (`COPY ... FROM STDIN`, the default text format): fields separated
 * by tabs, each row ended by a newline.
 *
 * @example
 * copyText([['r1', '[{"path":"a"}]'], ['r2', null]]); // 'r1\t[{"path":"a"}]\nr2\t\\N\n'
 */
export function copyText(rows: Iterable<readonly CopyValue[]>): string {
  let text = '';
  for (const row of rows) {
    for (let index = 0; index < row.length; index += 1)
      text += index === 0 ? copyField(row[index]) : `\t${copyField(row[index])}`;
    text += '\n';
  }
  return text;
}
