import type { JournalEntryV1 } from '../../spec/v1/storage.js';
import { GroupCommit } from './group-commit.js';
import { jsonParam } from './row-mappers.js';
import type { SqlDriver } from './sql-driver.js';

const idempotent = { idempotent: true } as const;

const upsertJournalSql = `
INSERT INTO weft_journal (run_id, path, attempt, status, output, error, started_at, ended_at)
SELECT run_id, path, attempt, status, output::jsonb, error::jsonb, started_at, ended_at
FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[])
  WITH ORDINALITY AS batch(run_id, path, attempt, status, output, error, started_at, ended_at, position)
ORDER BY position
ON CONFLICT (run_id, path, attempt) DO UPDATE SET
  status = excluded.status, output = excluded.output, error = excluded.error,
  started_at = excluded.started_at, ended_at = excluded.ended_at`;

/**
 * Writes journal entries with group commit (`GroupCommit`): calls that arrive while a write is in
 * flight are gathered into the next single write (one multi-row upsert statement), and each call
 * resolves when the statement holding its entries commits (or rejects with its error). When a
 * batch of several calls fails, each call is retried alone so one bad entry fails only its own caller.
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

const upsertColumns =
  'INSERT INTO weft_journal (run_id, path, attempt, status, output, error, started_at, ended_at)';
const onConflict = `ON CONFLICT (run_id, path, attempt) DO UPDATE SET
  status = excluded.status, output = excluded.output, error = excluded.error,
  started_at = excluded.started_at, ended_at = excluded.ended_at`;
/** Up to this many rows go in a multi-row `VALUES` list (cheap to plan); more go through `unnest`. */
const valuesRowLimit = 16;

/**
 * Upserts journal entries by `(runId, path, attempt)` in one statement, hence one transaction
 * (no BEGIN/COMMIT round trips). Entries with the same key collapse to the last one, kept at the
 * position of the first (the order of first write). A few rows go in a multi-row `VALUES` list,
 * many in one `unnest` of column arrays (one parameter per column, whatever the count).
 * Idempotent, so drivers may retry it.
 *
 * @example
 * await writeJournalEntries(driver, entries);
 */
export async function writeJournalEntries(
  driver: SqlDriver,
  entries: readonly JournalEntryV1[],
): Promise<void> {
  const byKey = new Map<string, JournalEntryV1>();
  for (const entry of entries) byKey.set(`${entry.runId}\u0000${entry.attempt}\u0000${entry.path}`, entry);
  const rows = [...byKey.values()].map(journalRow);
  if (rows.length <= valuesRowLimit) {
    const tuples = rows.map((_, row) => {
      const at = row * 8;
      return `($${at + 1}, $${at + 2}, $${at + 3}::integer, $${at + 4}, $${at + 5}::jsonb, $${at + 6}::jsonb, $${at + 7}::bigint, $${at + 8}::bigint)`;
    });
    await driver.query(`${upsertColumns} VALUES ${tuples.join(', ')} ${onConflict}`, rows.flat(), idempotent);
    return;
  }
  const columns: unknown[][] = [[], [], [], [], [], [], [], []];
  for (const values of rows) for (const [index, value] of values.entries()) columns[index]?.push(value);
  await driver.query(upsertJournalSql, columns, idempotent);
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
