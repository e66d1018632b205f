import type { JournalEntryV1 } from '../../spec/v1/storage.js';
import { journalEntryFromRow } from './row-mappers.js';
import type { SqlRow } from './sql-driver.js';

/**
 * The journal as `getJournal` returns it, from the rows of the append-only `weft_journal` in `seq`
 * order: one entry per `(path, attempt)`, the last row written, at the position of the first (the
 * order of first write, as an upsert in place would keep it). Rows are mapped once each.
 *
 * @example
 * const rows = await driver.query('SELECT ... FROM weft_journal WHERE run_id = $1 ORDER BY seq', [runId]);
 * const journal = latestJournalEntries(rows);
 */
export function latestJournalEntries(rows: readonly SqlRow[]): JournalEntryV1[] {
  const positions = new Map<string, number>();
  const entries: JournalEntryV1[] = [];
  for (const row of rows) {
    const entry = journalEntryFromRow(row);
    const key = `${entry.attempt}\u0000${entry.path}`;
    const position = positions.get(key);
    if (position === undefined) {
      positions.set(key, entries.length);
      entries.push(entry);
    } else {
      entries[position] = entry;
    }
  }
  return entries;
}
