/** A name of ours (a table or a column), the only kind spliced into a COPY statement. */
const plainIdentifier = /^[a-z_][a-z0-9_]*$/;

/**
 * The `COPY ... FROM '/dev/blob'` statement that reads rows in COPY's text format from the blob
 * PGlite is given with it (`exec(sql, { blob })`). The names are checked, never quoted: they are
 * weft's own (`copyRows` callers pass constants).
 *
 * @example
 * copyFromBlobSql('weft_journal', ['run_id', 'entries']); // "COPY weft_journal (run_id, entries) FROM '/dev/blob'"
 */
export function copyFromBlobSql(table: string, columns: readonly string[]): string {
  const bad = [table, ...columns].find((name) => !plainIdentifier.test(name));
  if (bad !== undefined) throw new TypeError(`copyRows: "${bad}" is not a plain SQL identifier`);
  return `COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`;
}
