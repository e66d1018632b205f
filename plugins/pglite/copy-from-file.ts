import type { PGlite, Transaction } from '@electric-sql/pglite';

/** A name of ours (a table or a column), the only kind spliced into a COPY statement. */
const plainIdentifier = /^[a-z_][a-z0-9_]*$/;

/** What `copyThroughFile` uses of PGlite's (Emscripten's) file system, `PGlite.Module.FS`. */
interface CopyFileSystem {
  analyzePath(path: string): { exists: boolean };
  mkdirTree(path: string): void;
  writeFile(path: string, data: Uint8Array): void;
  unlink(path: string): void;
}

/** The folder of PGlite's in-memory file system where the COPY files go. */
const copyFolder = '/tmp';

/**
 * Where the `index`th COPY of a driver puts its rows in PGlite's in-memory file system, and the
 * `COPY ... FROM` that reads them from there. Each COPY has its own file, so two COPYs waiting
 * for PGlite's one connection never share one. The names are checked, never quoted: they are
 * weft's own (`copyRows` callers pass constants).
 *
 * Why a file and not PGlite's `/dev/blob` (`exec(sql, { blob })`): PGlite answers each read of
 * `/dev/blob` by copying the blob into the WebAssembly memory byte by byte in JavaScript (about
 * 1 ms for the 300 kB of 1,000 journal rows), where a file of its in-memory file system is copied
 * by one `TypedArray.set`.
 *
 * @example
 * copyFromFile('weft_journal', ['run_id', 'entries'], 7);
 * // { path: '/tmp/weft-copy-7', sql: "COPY weft_journal (run_id, entries) FROM '/tmp/weft-copy-7'" }
 */
export function copyFromFile(
  table: string,
  columns: readonly string[],
  index: number,
): { path: string; sql: string } {
  const bad = [table, ...columns].find((name) => !plainIdentifier.test(name));
  if (bad !== undefined) throw new TypeError(`copyRows: "${bad}" is not a plain SQL identifier`);
  const path = `${copyFolder}/weft-copy-${index}`;
  return { path, sql: `COPY ${table} (${columns.join(', ')}) FROM '${path}'` };
}

/**
 * Runs `sql` (a `copyFromFile` statement) on `target` with `text` as the file at `path` of
 * `database`'s in-memory file system, removed again whatever the outcome.
 *
 * @example
 * const { path, sql } = copyFromFile('weft_journal', ['run_id', 'entries'], 1);
 * await copyThroughFile(database, database, path, sql, 'r1\t[]\n');
 */
export async function copyThroughFile(
  database: PGlite,
  target: PGlite | Transaction,
  path: string,
  sql: string,
  text: string,
): Promise<void> {
  const fs: CopyFileSystem = database.Module.FS;
  const folder = path.slice(0, path.lastIndexOf('/'));
  if (!fs.analyzePath(folder).exists) fs.mkdirTree(folder);
  fs.writeFile(path, Buffer.from(text));
  try {
    await target.exec(sql);
  } finally {
    fs.unlink(path);
  }
}
