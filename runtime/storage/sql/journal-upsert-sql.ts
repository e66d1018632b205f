import type { JournalEntryV1 } from '../../spec/v1/storage.js';
import { jsonParam } from './row-mappers.js';

const upsertColumns =
  'INSERT INTO weft_journal (run_id, path, attempt, status, output, error, started_at, ended_at)';
const onConflict = `ON CONFLICT (run_id, path, attempt) DO UPDATE SET
  status = excluded.status, output = excluded.output, error = excluded.error,
  started_at = excluded.started_at, ended_at = excluded.ended_at`;
/** Up to this many rows go in a multi-row `VALUES` list (cheap to plan); more go through `unnest`. */
const valuesRowLimit = 16;

/**
 * The text of one statement that upserts journal entries by `(runId, path, attempt)`, its
 * parameters added through `parameter` (so it can open a larger statement, e.g. as a `WITH`
 * clause). Entries with the same key collapse to the last one, kept at the position of the first
 * (the order of first write). A few rows go in a multi-row `VALUES` list, many in one `unnest` of
 * column arrays (one parameter per column, whatever the count). Idempotent.
 *
 * @example
 * const { params, parameter } = parameterList();
 * await driver.query(journalUpsertSql(entries, parameter), params, { idempotent: true });
 */
export function journalUpsertSql(
  entries: readonly JournalEntryV1[],
  parameter: (value: unknown) => string,
): string {
  const byKey = new Map<string, JournalEntryV1>();
  for (const entry of entries) byKey.set(`${entry.runId}\u0000${entry.attempt}\u0000${entry.path}`, entry);
  const rows = [...byKey.values()].map(journalRow);
  if (rows.length <= valuesRowLimit) {
    const tuples = rows.map((row) => {
      const [runId, path, attempt, status, output, error, startedAt, endedAt] = row.map(parameter);
      return `(${runId}, ${path}, ${attempt}::integer, ${status}, ${output}::jsonb, ${error}::jsonb, ${startedAt}::bigint, ${endedAt}::bigint)`;
    });
    return `${upsertColumns} VALUES ${tuples.join(', ')} ${onConflict}`;
  }
  const columns: unknown[][] = [[], [], [], [], [], [], [], []];
  for (const values of rows) for (const [index, value] of values.entries()) columns[index]?.push(value);
  const [runId, path, attempt, status, output, error, startedAt, endedAt] = columns.map(parameter);
  return `${upsertColumns}
SELECT run_id, path, attempt, status, output::jsonb, error::jsonb, started_at, ended_at
FROM unnest(${runId}::text[], ${path}::text[], ${attempt}::integer[], ${status}::text[], ${output}::text[], ${error}::text[], ${startedAt}::bigint[], ${endedAt}::bigint[])
  WITH ORDINALITY AS batch(run_id, path, attempt, status, output, error, started_at, ended_at, position)
ORDER BY position
${onConflict}`;
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
