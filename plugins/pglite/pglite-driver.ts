import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { SqlDriver, SqlExecutor, SqlRow } from '../../runtime/storage/sql/sql-driver.js';
import { pgliteStorageError } from './pglite-errors.js';

/**
 * The `SqlDriver` over one PGlite database in the calling thread, opened on first use by `open`
 * (which may take a lock); `PgliteWorkerDriver` is the default, with the database in its own thread.
 * PGlite has a single connection: transactions go through `db.transaction()` (never a manual
 * `BEGIN`), several statements through `exec()`. Failures become `STORAGE_FAILED` with the PGlite
 * error as `cause`.
 *
 * @example
 * const driver = new PgliteDriver(() => PGlite.create({ dataDir: 'memory://' }));
 * await driver.query('SELECT 1');
 */
export class PgliteDriver implements SqlDriver {
  readonly name = 'pglite';
  readonly #open: () => Promise<PGlite>;
  #database: Promise<PGlite> | undefined;

  constructor(open: () => Promise<PGlite>) {
    this.#open = open;
  }

  /** The database, opening it on the first call. */
  database(): Promise<PGlite> {
    this.#database ??= this.#open();
    return this.#database;
  }

  /** True once `database()` was called (so `close()` has something to close). */
  get opened(): boolean {
    return this.#database !== undefined;
  }

  async query(sql: string, params: readonly unknown[] = []): Promise<SqlRow[]> {
    return runQuery(await this.database(), sql, params);
  }

  async exec(sql: string): Promise<void> {
    return runExec(await this.database(), sql);
  }

  async transaction<T>(body: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const database = await this.database();
    return database
      .transaction((tx) =>
        body({
          query: (sql, params = []) => runQuery(tx, sql, params),
          exec: (sql) => runExec(tx, sql),
        }),
      )
      .catch((error: unknown) => {
        throw pgliteStorageError(error, 'transaction');
      });
  }

  async close(): Promise<void> {
    if (this.#database === undefined) return;
    const database = await this.#database.catch(() => undefined);
    if (database !== undefined && !database.closed) await database.close();
  }
}

async function runQuery(
  target: PGlite | Transaction,
  sql: string,
  params: readonly unknown[],
): Promise<SqlRow[]> {
  try {
    const result = await target.query<SqlRow>(sql, [...params]);
    return result.rows;
  } catch (error) {
    throw pgliteStorageError(error, sql);
  }
}

async function runExec(target: PGlite | Transaction, sql: string): Promise<void> {
  try {
    await target.exec(sql);
  } catch (error) {
    throw pgliteStorageError(error, sql);
  }
}
