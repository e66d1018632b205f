import type { SqlExecutor } from '../../runtime/storage/sql/sql-driver.js';

/**
 * Write transactions a PGlite database may age before its old tables are frozen: half of
 * Postgres's `autovacuum_freeze_max_age` (200,000,000), a tenth of the roughly 2.1 billion at
 * which transaction IDs wrap around.
 */
export const defaultFreezeMaxAge = 100_000_000;

/** How often an open database is checked: at 10,000 write transactions a second, 6 million apart. */
const defaultCheckIntervalMs = 10 * 60_000;

/**
 * Options of a `TransactionIdFreezer`.
 *
 * @example
 * const options: TransactionIdFreezerOptions = { maxAge: 1_000, checkIntervalMs: 50 };
 */
export interface TransactionIdFreezerOptions {
  /** Past this age (`age(datfrozenxid)`, in transactions), tables are frozen. Default `defaultFreezeMaxAge`. */
  readonly maxAge?: number;
  /** Milliseconds between checks while the database is open. Default 10 minutes. */
  readonly checkIntervalMs?: number;
}

/**
 * Keeps a PGlite database away from transaction ID wraparound, which autovacuum prevents on a
 * Postgres server and nothing prevents in PGlite: it runs Postgres as a standalone backend with
 * no autovacuum, where `age(datfrozenxid)` grows by one with every write transaction and never
 * comes down, and where Postgres only warns past its stop limit (the limit applies under a
 * postmaster), so rows never frozen would turn invisible after about 2.1 billion write
 * transactions. A check reads the database's age (one query); past `maxAge` it runs
 * `VACUUM (FREEZE)` on each table (with its TOAST table) older than half of `maxAge`, oldest
 * first. The database waits for that (a large table takes seconds), about once every 50 million
 * write transactions. `start()` checks at once and then every `checkIntervalMs` until `stop()`.
 *
 * @example
 * const freezer = new TransactionIdFreezer(driver);
 * await freezer.start(); // at opening
 * await freezer.stop(); // before closing
 */
export class TransactionIdFreezer {
  readonly #executor: SqlExecutor;
  readonly #maxAge: number;
  readonly #checkIntervalMs: number;
  #timer: ReturnType<typeof setInterval> | undefined;
  /** The check in flight (checks never overlap). */
  #running: Promise<unknown> = Promise.resolve();

  constructor(executor: SqlExecutor, options: TransactionIdFreezerOptions = {}) {
    const maxAge = options.maxAge ?? defaultFreezeMaxAge;
    if (!Number.isInteger(maxAge) || maxAge < 2)
      throw new RangeError('maxAge must be an integer of 2 or more');
    this.#executor = executor;
    this.#maxAge = maxAge;
    this.#checkIntervalMs = options.checkIntervalMs ?? defaultCheckIntervalMs;
  }

  /** Checks now, then every `checkIntervalMs` (a timer that keeps no process alive) until `stop()`. */
  async start(): Promise<string[]> {
    const frozen = await this.check();
    this.#timer ??= setInterval(() => void this.check().catch(() => undefined), this.#checkIntervalMs);
    this.#timer.unref();
    return frozen;
  }

  /** Stops the checks; resolves once none is in flight. */
  async stop(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running.catch(() => undefined);
  }

  /** One check; resolves the tables it froze (none while the database is younger than `maxAge`). */
  check(): Promise<string[]> {
    const next = this.#running.catch(() => undefined).then(() => this.#freezeIfOld());
    this.#running = next;
    return next;
  }

  async #freezeIfOld(): Promise<string[]> {
    const [database] = await this.#executor.query(
      'SELECT age(datfrozenxid)::int8 AS age FROM pg_database WHERE datname = current_database()',
    );
    if (Number(database?.age) <= this.#maxAge) return [];
    // `regclass` output is the table's name as SQL spells it (schema-qualified and quoted when
    // needed), written by Postgres: safe to put into the statement.
    const tables = await this.#executor.query(
      `SELECT c.oid::regclass::text AS name
FROM pg_class c LEFT JOIN pg_class t ON t.oid = c.reltoastrelid
WHERE c.relkind IN ('r', 'm') AND greatest(age(c.relfrozenxid), coalesce(age(t.relfrozenxid), 0)) > $1
ORDER BY greatest(age(c.relfrozenxid), coalesce(age(t.relfrozenxid), 0)) DESC`,
      [Math.floor(this.#maxAge / 2)],
    );
    const frozen: string[] = [];
    for (const { name } of tables) {
      await this.#executor.exec(`VACUUM (FREEZE) ${String(name)}`);
      frozen.push(String(name));
    }
    return frozen;
  }
}
