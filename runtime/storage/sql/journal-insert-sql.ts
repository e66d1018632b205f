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
  return journalInsertSqlOf(packJournal(entries), parameter);
}

/** `journalInsertSql` of entries already packed (`packJournal`). */
export function journalInsertSqlOf(
  packed: ReadonlyMap<string, string>,
  parameter: (value: unknown) => string,
): string {
  return `INSERT INTO weft_journal (run_id, entries)
SELECT run_id, entries::text FROM json_each(${parameter(packedObject(packed))}::json) WITH ORDINALITY AS batch(run_id, entries, position)
ORDER BY position`;
}

/**
 * The packed rows of `entries`: run id to the JSON array (text) of that run's entries, runs in
 * the order of their first entry, each entry serialised once (`journalEntryJson`).
 *
 * @example
 * packJournal(entries).get('r1'); // '[{"path":"a","attempt":1,...}]'
 */
export function packJournal(entries: readonly JournalEntryV1[]): Map<string, string> {
  const packed = new Map<string, string>();
  for (const entry of entries) {
    const text = journalEntryJson(entry);
    const previous = packed.get(entry.runId);
    packed.set(entry.runId, previous === undefined ? text : `${previous},${text}`);
  }
  // Setting a key that is there keeps its place: the runs stay in the order of their first entry.
  for (const [runId, texts] of packed) packed.set(runId, `[${texts}]`);
  return packed;
}

/**
 * The packed rows as one JSON object from run id to entry array, written by hand so the runs keep
 * their order (an object built in JavaScript would move integer-like keys first).
 */
function packedObject(packed: ReadonlyMap<string, string>): string {
  const members: string[] = [];
  for (const [runId, entries] of packed) members.push(`${JSON.stringify(runId)}:${entries}`);
  return `{${members.join(',')}}`;
}
