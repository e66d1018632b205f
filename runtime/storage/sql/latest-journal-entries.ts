import type { JournalEntryV1 } from '../../spec/v1/storage.js';

/**
 * The journal as `getJournal` returns it, from one run's entries in the order they were written
 * (the packed rows of the append-only `weft_journal` in `seq` order, each row's entries in array
 * order): one entry per `(path, attempt)`, the last one written, at the position of the first
 * (the order of first write, as an upsert in place would keep it). Writing the same entries again
 * changes nothing this returns.
 *
 * @example
 * const rows = await driver.query('SELECT entries FROM weft_journal WHERE run_id = $1 ORDER BY seq', [runId]);
 * const journal = latestJournalEntries(rows.flatMap((row) => journalEntriesFromRow(runId, row)));
 */
export function latestJournalEntries(written: Iterable<JournalEntryV1>): JournalEntryV1[] {
  const positions = new Map<string, number>();
  const entries: JournalEntryV1[] = [];
  for (const entry of written) {
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
