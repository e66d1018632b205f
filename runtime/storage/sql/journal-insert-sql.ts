import type { JournalEntryV1 } from '../../spec/v1/storage.js';
import { journalEntryJson } from './row-mappers.js';

/**
 * The text of one statement that appends journal entries to the append-only `weft_journal`
 * (schema version 3, packed rows): ONE row per run, holding the JSON array (`text`) of that run's
 * entries in the order given; runs in the order of their first entry, so `seq` follows it. All
 * runs travel in ONE parameter, `{"<runId>":[<entry>,...],...}`, read with `json_each` (`json`,
 * not `jsonb`: entries pass through as text, nothing parses them). Plain inserts of immutable
 * rows, no conflict check: readers keep the last entry per `(runId, path, attempt)` at the
 * position of the first (`latestJournalEntries`), so writing the same entries twice changes
 * nothing a reader sees. The parameter is added through `parameter`, so the text can open a
 * larger statement (a `WITH` clause); its text is the same whatever the entries (prepared once).
 *
 * @example
 * const { params, parameter } = parameterList();
 * await driver.query(journalInsertSql(entries, parameter), params, { idempotent: true });
 */
export function journalInsertSql(
  entries: readonly JournalEntryV1[],
  parameter: (value: unknown) => string,
): string {
  return `INSERT INTO weft_journal (run_id, entries)
SELECT run_id, entries::text FROM json_each(${parameter(packedJournal(entries))}::json) WITH ORDINALITY AS batch(run_id, entries, position)
ORDER BY position`;
}

/**
 * The entries as one JSON object from run id to the run's entry array, written by hand so the
 * runs keep the order of their first entry (an object built in JavaScript would move integer-like
 * keys first) and each entry is serialised once.
 */
function packedJournal(entries: readonly JournalEntryV1[]): string {
  const runs = new Map<string, string[]>();
  for (const entry of entries) {
    const texts = runs.get(entry.runId);
    if (texts === undefined) runs.set(entry.runId, [journalEntryJson(entry)]);
    else texts.push(journalEntryJson(entry));
  }
  const members: string[] = [];
  for (const [runId, texts] of runs) members.push(`${JSON.stringify(runId)}:[${texts.join(',')}]`);
  return `{${members.join(',')}}`;
}
