import type { JournalEntryV1 } from '../../spec/v1/storage.js';
import { jsonParam } from './row-mappers.js';

const insertColumns =
  'INSERT INTO weft_journal (run_id, path, attempt, status, output, error, started_at, ended_at)';
/** Up to this many rows go in a multi-row `VALUES` list (cheap to plan); more go through `unnest`. */
const valuesRowLimit = 16;

/**
 * The text of one statement that appends journal entries to the append-only `weft_journal`
 * (schema version 2): plain inserts of immutable rows, no conflict check. Readers keep the last
 * row per `(runId, path, attempt)` at the position of the first (`latestJournalEntries`). Entries
 * with the same key in one call collapse to the last one, kept at the position of the first. A few
 * rows go in a multi-row `VALUES` list, many in one `unnest` of column arrays (one parameter per
 * column, whatever the count). Parameters are added through `parameter`, so the text can open a
 * larger statement (a `WITH` clause). Writing the same entries twice changes nothing a reader sees.
 *
 * @example
 * const { params, parameter } = parameterList();
 * await driver.query(journalInsertSql(entries, parameter), params, { idempotent: true });
 */
export function journalInsertSql(
  entries: readonly JournalEntryV1[],
  parameter: (value: unknown) => string,
): string {
  const rows = collapsed(entries).map(journalRow);
  if (rows.length <= valuesRowLimit) {
    const tuples = rows.map((row) => {
      const [runId, path, attempt, status, output, error, startedAt, endedAt] = row.map(parameter);
      return `(${runId}, ${path}, ${attempt}::integer, ${status}, ${output}::jsonb, ${error}::jsonb, ${startedAt}::bigint, ${endedAt}::bigint)`;
    });
    return `${insertColumns} VALUES ${tuples.join(', ')}`;
  }
  const columns: unknown[][] = [[], [], [], [], [], [], [], []];
  for (const values of rows) for (const [index, value] of values.entries()) columns[index]?.push(value);
  const [runId, path, attempt, status, output, error, startedAt, endedAt] = columns.map(parameter);
  return `${insertColumns}
SELECT run_id, path, attempt, status, output::jsonb, error::jsonb, started_at, ended_at
FROM unnest(${runId}::text[], ${path}::text[], ${attempt}::integer[], ${status}::text[], ${output}::text[], ${error}::text[], ${startedAt}::bigint[], ${endedAt}::bigint[])
  WITH ORDINALITY AS batch(run_id, path, attempt, status, output, error, started_at, ended_at, position)
ORDER BY position`;
}

/** One entry per key (the last one), at the position of the key's first entry. */
function collapsed(entries: readonly JournalEntryV1[]): readonly JournalEntryV1[] {
  if (entries.length < 2) return entries;
  const byKey = new Map<string, JournalEntryV1>();
  for (const entry of entries) byKey.set(`${entry.runId}\u0000${entry.attempt}\u0000${entry.path}`, entry);
  return byKey.size === entries.length ? entries : [...byKey.values()];
}

function journalRow(entry: JournalEntryV1): unknown[] {
  return [
    entry.runId,
    entry.path,
    entry.attempt,
    entry.status,
    jsonParam(entry.output),
    jsonParam(entry.error),
    entry.startedAt,
    entry.endedAt ?? null,
  ];
}
