/**
 * A row as a driver returns it: column name to value.
 *
 * @example
 * const row: SqlRow = { id: 'r1', created_at: '1700000000000' };
 */
export type SqlRow = Record<string, unknown>;

/**
 * Options of one statement.
 *
 * @example
 * await driver.query('SELECT 1', [], { idempotent: true });
 */
export interface SqlQueryOptions {
  /**
   * True when running the statement twice has the same effect as once, so a driver may retry it
   * after a transient connection failure (reads, upserts).
   */
  readonly idempotent?: boolean;
  /**
   * True for a hot statement whose text recurs (the journal append, run updates): a driver may
   * keep it prepared (parsed and planned once per connection) and only bind new parameters.
   */
  readonly prepare?: boolean;
}

/**
 * What a transaction body can run: statements inside the open transaction.
 *
 * @example
 * await driver.transaction(async (tx: SqlExecutor) => tx.query('DELETE FROM weft_kv'));
 */
export interface SqlExecutor {
  /** One statement; `prepare` is honoured as by `SqlDriver.query` (`idempotent` means nothing inside a transaction). */
  query(sql: string, params?: readonly unknown[], options?: SqlQueryOptions): Promise<SqlRow[]>;
  /** Several statements separated by `;`, no parameters. */
  exec(sql: string): Promise<void>;
  /**
   * Optional bulk path: appends `text` (rows in COPY's text format, `copyText`) to `table`'s
   * `columns` with one `COPY ... FROM STDIN` (one statement, all rows or none; defaults fill the
   * other columns). A driver without it leaves it out and callers insert with `query`.
   */
  copyRows?(table: string, columns: readonly string[], text: string): Promise<void>;
}

/**
 * The tiny driver interface the one SQL implementation of storage runs over (`SqlStorage`). The
 * PGlite and Postgres plugins each provide one. Drivers map their failures to `WeftError`s
 * (`STORAGE_UNAVAILABLE`, `STORAGE_FAILED`) with the original error as `cause`.
 *
 * @example
 * const rows = await driver.query('SELECT id FROM weft_runs WHERE status = $1', ['running']);
 * await driver.transaction(async (tx) => { await tx.query('DELETE FROM weft_kv WHERE namespace = $1', ['n']); });
 */
export interface SqlDriver extends SqlExecutor {
  /** A short name for messages (`pglite`, `postgres`). */
  readonly name: string;
  query(sql: string, params?: readonly unknown[], options?: SqlQueryOptions): Promise<SqlRow[]>;
  /**
   * Runs `body` in one transaction: committed when it resolves, rolled back when it throws. With
   * `idempotent`, a driver may run the whole transaction again after a transient connection failure.
   */
  transaction<T>(body: (tx: SqlExecutor) => Promise<T>, options?: SqlQueryOptions): Promise<T>;
  close(): Promise<void>;
}
