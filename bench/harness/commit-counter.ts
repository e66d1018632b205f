/**
 * Counts the commits weft's SQL storage makes while one unmeasured run executes, for "ms per
 * commit" (median run time / commits per run). A commit is one write statement sent outside a
 * transaction (autocommit: an INSERT/UPDATE/DELETE, or a `WITH` holding one), one `exec`, one
 * `copyRows` (a COPY) or one `transaction()`; reads (`SELECT`) are not commits. Group commit (several runs' journal appends
 * in one statement) makes this a count of what really reached the database, not of
 * `appendJournal` calls. Counted on the storage's `driver` (weft's SqlStorage), patched only for
 * the counting run and restored after it, so the measured runs are untouched. Background writes
 * during that run (lease renewals) are counted too: they are commits the run paid for.
 */

interface DriverLike {
  query(sql: string, ...rest: unknown[]): Promise<unknown>;
  exec(sql: string): Promise<unknown>;
  transaction(...args: unknown[]): Promise<unknown>;
  copyRows?(...args: unknown[]): Promise<unknown>;
}

function isWrite(sql: string): boolean {
  if (/^\s*select\b/i.test(sql)) return false;
  if (/^\s*with\b/i.test(sql)) return /\b(insert|update|delete)\b/i.test(sql);
  return true;
}

function driverOf(storage: object): DriverLike | undefined {
  const driver = (storage as { driver?: Partial<DriverLike> }).driver;
  return typeof driver?.query === 'function' &&
    typeof driver.exec === 'function' &&
    typeof driver.transaction === 'function'
    ? (driver as DriverLike)
    : undefined;
}

/**
 * Runs `body` and resolves how many commits the storage made meanwhile, or undefined when the
 * storage is not a SQL storage (in-memory).
 *
 * @example
 * const commits = await countCommits(weft.storage, () => workflow.createRun().start({ n: 0 }));
 */
export async function countCommits(
  storage: object,
  body: () => Promise<unknown>,
): Promise<number | undefined> {
  const driver = driverOf(storage);
  if (driver === undefined) return undefined;
  const own = new Set(Object.keys(driver));
  const original = {
    query: driver.query,
    exec: driver.exec,
    transaction: driver.transaction,
    copyRows: driver.copyRows,
  };
  let commits = 0;
  driver.query = function query(this: unknown, sql: string, ...rest: unknown[]) {
    if (isWrite(sql)) commits += 1;
    return original.query.call(this, sql, ...rest);
  };
  driver.exec = function exec(this: unknown, sql: string) {
    commits += 1;
    return original.exec.call(this, sql);
  };
  driver.transaction = function transaction(this: unknown, ...args: unknown[]) {
    commits += 1;
    return original.transaction.apply(this, args);
  };
  const copyRows = original.copyRows;
  if (copyRows !== undefined) {
    driver.copyRows = function copy(this: unknown, ...args: unknown[]) {
      commits += 1;
      return copyRows.apply(this, args);
    };
  }
  try {
    await body();
    return commits;
  } finally {
    for (const name of ['query', 'exec', 'transaction', 'copyRows'] as const) {
      if (original[name] === undefined) continue;
      if (own.has(name)) driver[name] = original[name] as never;
      else delete (driver as Partial<DriverLike>)[name];
    }
  }
}
