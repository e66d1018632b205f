import type { JournalEntryV1 } from '../../spec/v1/storage.js';
import { GroupCommit } from './group-commit.js';
import { journalInsertSql } from './journal-insert-sql.js';
import type { SqlDriver } from './sql-driver.js';
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
 * Appends journal entries in one statement (`journalInsertSql`), hence one transaction (no
 * BEGIN/COMMIT round trips). Idempotent as readers see it (entries written again change nothing
 * `getJournal` returns), so drivers may retry it.
 *
 * @example
 * await writeJournalEntries(driver, entries);
 */
export async function writeJournalEntries(
  driver: SqlDriver,
  entries: readonly JournalEntryV1[],
): Promise<void> {
  const { params, parameter } = parameterList();
  const sql = journalInsertSql(entries, parameter);
  await driver.query(sql, params, { idempotent: true, prepare: true });
}
