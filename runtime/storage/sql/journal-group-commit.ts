import type { JournalEntryV1 } from '../../spec/v1/storage.js';
import { copyMinRows, copyText } from './copy-text.js';
import { GroupCommit } from './group-commit.js';
import { journalInsertSqlOf, packJournal } from './journal-insert-sql.js';
import type { SqlDriver, SqlExecutor } from './sql-driver.js';
import { parameterList } from './sql-pagination.js';

/**
 * Writes journal entries with group commit (`GroupCommit`): calls that arrive while a write is in
 * flight are gathered into the next single write (one insert into the append-only journal, one
 * packed row per run), and each call resolves when the statement holding its entries commits (or
 * rejects with its error). When a batch of several calls fails, each call is retried alone so one
 * bad entry fails only its own caller.
 *
 * @example
 * const journal = new JournalGroupCommit(driver);
 * await Promise.all(runs.map((run) => journal.append([{ runId: run, path: 'a', attempt: 1, status: 'started', startedAt: 1 }])));
 */
export class JournalGroupCommit extends GroupCommit<JournalEntryV1> {
  constructor(driver: SqlDriver) {
    super((entries) => writeJournalEntries(driver, entries));
  }
}

/**
 * Appends journal entries in one statement, hence one transaction (no BEGIN/COMMIT round trips).
 * Idempotent as readers see it (entries written again change nothing `getJournal` returns), so
 * drivers may retry it.
 *
 * @example
 * await writeJournalEntries(driver, entries);
 */
export function writeJournalEntries(driver: SqlDriver, entries: readonly JournalEntryV1[]): Promise<void> {
  return appendJournalRows(driver, packJournal(entries));
}

/**
 * Whether `appendJournalRows` on `executor` goes through COPY: it has `copyRows` and the rows
 * are `copyMinRows` or more.
 */
export function copiesJournal(
  executor: SqlExecutor,
  packed: ReadonlyMap<string, string>,
): executor is SqlExecutor & Required<Pick<SqlExecutor, 'copyRows'>> {
  return executor.copyRows !== undefined && packed.size >= copyMinRows;
}

/**
 * Appends packed journal rows (`packJournal`) in one statement on a driver or inside a
 * transaction: their `COPY` when `copiesJournal`, else the prepared insert (`journalInsertSqlOf`).
 *
 * @example
 * await driver.transaction((tx) => appendJournalRows(tx, packJournal(entries)));
 */
export async function appendJournalRows(
  executor: SqlExecutor,
  packed: ReadonlyMap<string, string>,
): Promise<void> {
  if (copiesJournal(executor, packed)) {
    await executor.copyRows('weft_journal', ['run_id', 'entries'], copyText(packed));
    return;
  }
  const { params, parameter } = parameterList();
  await executor.query(journalInsertSqlOf(packed, parameter), params, { idempotent: true, prepare: true });
}
