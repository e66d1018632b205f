import type { JournalEntryV1 } from '../../spec/v1/storage.js';
import { copyText } from './copy-text.js';
import { GroupCommit } from './group-commit.js';
import { journalInsertSqlOf, packJournal } from './journal-insert-sql.js';
import type { SqlDriver } from './sql-driver.js';
import { parameterList } from './sql-pagination.js';

/**
 * From this many runs in one write, a driver's `copyRows` (when it has one) appends the packed
 * rows: COPY inserts them page by page, where `INSERT ... SELECT` logs and places each row alone
 * (on PGlite, 1,000 rows take about half the time). Below it, the prepared insert is cheaper.
 */
export const journalCopyMinRuns = 32;

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
 * Appends journal entries in one statement, hence one transaction (no BEGIN/COMMIT round trips):
 * `COPY` of the packed rows (`copyRows`) for `journalCopyMinRuns` runs or more when the driver
 * offers it, else the prepared insert (`journalInsertSql`). Idempotent as readers see it (entries
 * written again change nothing `getJournal` returns), so drivers may retry it.
 *
 * @example
 * await writeJournalEntries(driver, entries);
 */
export async function writeJournalEntries(
  driver: SqlDriver,
  entries: readonly JournalEntryV1[],
): Promise<void> {
  const packed = packJournal(entries);
  if (driver.copyRows !== undefined && packed.size >= journalCopyMinRuns) {
    await driver.copyRows('weft_journal', ['run_id', 'entries'], copyText(packed));
    return;
  }
  const { params, parameter } = parameterList();
  const sql = journalInsertSqlOf(packed, parameter);
  await driver.query(sql, params, { idempotent: true, prepare: true });
}
