import { type PGlite, parse, protocol } from '@electric-sql/pglite';
import type { SqlRow } from '../../runtime/storage/sql/sql-driver.js';

/** Data folders whose file system PGlite must sync after a statement (browser storage only). */
const syncedDataDir = /^(idb|opfs-ahp):\/\//;

/**
 * Runs ONE statement (no parameters) on `database` through Postgres's simple query protocol and
 * resolves the rows of its result, as `database.exec(sql)` does, with less JavaScript per call: a
 * hot `EXECUTE` (ADR 0018) took 51 µs this way against 80 µs through `exec` (a journal append,
 * ADR 0025). It takes the same two locks as `exec`, so it waits for a transaction in progress and
 * never runs inside one; it leaves out what `exec` does besides: its log line and, for the file
 * systems PGlite has in Node (a folder, `memory://`), the sync after each statement, which does
 * nothing for them. A closing or closed database rejects as `exec` does. Rows are parsed with
 * the database's own type parsers; a failed statement rejects with PGlite's own error. Not for use
 * inside a `database.transaction()` callback: it would wait for that transaction.
 *
 * @example
 * const rows = await simpleStatement(database, "EXECUTE weft_1('r1')"); // [{ id: 'r1' }]
 */
export function simpleStatement(database: PGlite, sql: string): Promise<SqlRow[]> {
  const message = protocol.serialize.query(sql);
  const syncToFs = syncedDataDir.test(database.dataDir ?? '');
  return database._runExclusiveTransaction(() =>
    database._runExclusiveQuery(async () => {
      await database._checkReady(); // closing or closed: PGlite's own error, as from exec
      const { messages } = await database.execProtocol(message, { syncToFs });
      return (parse.parseResults(messages, database.parsers)[0]?.rows ?? []) as SqlRow[];
    }),
  );
}
