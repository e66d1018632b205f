import type { SqlExecutor } from '../../runtime/storage/sql/sql-driver.js';

/** Rows changed since a table's last `ANALYZE` before the next: 50 plus 10 % of the table (Postgres's autovacuum defaults). */
function threshold(analyzedRows: number): number {
  return 50 + 0.1 * analyzedRows;
}

/** Rows changed in a table of `vacuumed` before its next `VACUUM`: 1,000 plus 10 % of the rows it has seen. */
function vacuumThreshold(changedRows: number): number {
  return 1_000 + 0.1 * changedRows;
}

/**
 * Keeps the planner's statistics of some tables fresh where no autovacuum runs: PGlite runs
 * Postgres in single-user mode, with no background workers, so a table is never analyzed unless
 * someone says so, and with no statistics the planner misjudges how many rows match (it read and
 * sorted all 1,000 messages of a thread to return its last 20, 2.1 ms instead of 0.06 ms with any
 * statistics). Callers report the rows they wrote; once a table has had 50 + 10 % of its size in
 * changes since the last `ANALYZE`, one runs in the background (errors ignored: statistics are an
 * optimisation). A table named in `vacuumed` (rows inserted and soon deleted, such as
 * `weft_runs_unfinished`) gets `VACUUM (ANALYZE)` instead, after 1,000 + 10 % changes, so its
 * dead rows do not pile up in its pages and index. `settled()` waits for the one in flight (before
 * closing).
 *
 * @example
 * const analyze = new AutoAnalyze(driver, ['weft_runs_unfinished']);
 * analyze.wrote('weft_messages', 20);
 */
export class AutoAnalyze {
  readonly #driver: SqlExecutor;
  readonly #vacuumed: ReadonlySet<string>;
  readonly #tables = new Map<string, { analyzedRows: number; changed: number }>();
  #running: Promise<void> = Promise.resolve();

  constructor(driver: SqlExecutor, vacuumed: readonly string[] = []) {
    this.#driver = driver;
    this.#vacuumed = new Set(vacuumed);
  }

  /** Records `rows` written to `table` (a fixed identifier of ours, never user input). */
  wrote(table: string, rows: number): void {
    const state = this.#tables.get(table) ?? { analyzedRows: 0, changed: 0 };
    state.changed += rows;
    this.#tables.set(table, state);
    const vacuum = this.#vacuumed.has(table);
    if (state.changed < (vacuum ? vacuumThreshold : threshold)(state.analyzedRows)) return;
    state.analyzedRows += state.changed;
    state.changed = 0;
    const command = vacuum ? `VACUUM (ANALYZE) ${table}` : `ANALYZE ${table}`;
    this.#running = this.#running.then(() => this.#driver.exec(command)).catch(() => undefined);
  }

  /** Resolves once no `ANALYZE` (or `VACUUM`) is in flight. */
  settled(): Promise<void> {
    return this.#running;
  }
}
