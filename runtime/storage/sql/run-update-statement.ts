import type { JournalEntryV1, RunExpectationV1, RunPatchV1 } from '../../spec/v1/storage.js';
import { journalInsertSql, packJournal } from './journal-insert-sql.js';
import { jsonParam } from './row-mappers.js';
import { parameterList } from './sql-pagination.js';

/**
 * A statement and its parameters.
 *
 * @example
 * const { sql, params }: SqlStatement = runUpdateStatement('r1', { updatedAt: 2 });
 */
export interface SqlStatement {
  readonly sql: string;
  readonly params: unknown[];
}

/**
 * Builds the single conditional `UPDATE` of `updateRun`: the patch's fields (`null` clears), the
 * expectation in the `WHERE` clause, and `RETURNING id` so the caller learns whether it applied.
 * Being one statement, two concurrent calls with the same expectation cannot both apply. Given
 * journal entries, their insert (`journalInsertSql`) opens the statement as a `WITH` clause: both commit together, and
 * the entries are written whether or not the update applies.
 *
 * @example
 * const { sql, params } = runUpdateStatement('r1', { status: 'completed', updatedAt: 2 }, { status: ['running'] });
 * // UPDATE weft_runs SET updated_at = $2, status = $3 WHERE id = $1 AND status = ANY($4::text[]) RETURNING id
 */
export function runUpdateStatement(
  runId: string,
  patch: RunPatchV1,
  expect?: RunExpectationV1,
  journal: readonly JournalEntryV1[] = [],
): SqlStatement {
  const { params, parameter } = parameterList();
  const id = parameter(runId);
  const withJournal =
    journal.length === 0 ? '' : `WITH journal AS (${journalInsertSql(journal, parameter)}) `;
  return { sql: `${withJournal}${updateSql(id, patch, expect, parameter)}`, params };
}

/**
 * The statement of `updateRunAndAppendJournal`: the conditional `UPDATE` (as `runUpdateStatement`
 * builds it) in a `WITH` clause, then the insert of the entries (one packed row, `packJournal`)
 * for the row it updated, so nothing is written when the update does not apply; returns the
 * updated id. The entries must all be of `runId`.
 *
 * @example
 * const { sql, params } = runUpdateThenJournalStatement('r1', { status: 'running', updatedAt: 3 }, { status: ['suspended'] }, entries);
 * // WITH updated AS (UPDATE weft_runs SET ... RETURNING id), journal AS (INSERT INTO weft_journal ... FROM updated) SELECT id FROM updated
 */
export function runUpdateThenJournalStatement(
  runId: string,
  patch: RunPatchV1,
  expect: RunExpectationV1 | undefined,
  entries: readonly JournalEntryV1[],
): SqlStatement {
  const packed = packJournal(entries);
  const other = [...packed.keys()].find((key) => key !== runId);
  if (other !== undefined)
    throw new TypeError(`updateRunAndAppendJournal: an entry of run "${other}", not "${runId}"`);
  const { params, parameter } = parameterList();
  const update = updateSql(parameter(runId), patch, expect, parameter);
  const rows = packed.get(runId);
  if (rows === undefined) return { sql: update, params };
  return {
    sql: `WITH updated AS (${update}), journal AS (INSERT INTO weft_journal (run_id, entries) SELECT id, ${parameter(rows)}::text FROM updated) SELECT id FROM updated`,
    params,
  };
}

/** `UPDATE weft_runs SET ... WHERE ... RETURNING id` of run placeholder `id` (the patch, the expectation). */
function updateSql(
  id: string,
  patch: RunPatchV1,
  expect: RunExpectationV1 | undefined,
  parameter: (value: unknown) => string,
): string {
  const sets = [`updated_at = ${parameter(patch.updatedAt)}`];
  if (patch.status !== undefined) sets.push(`status = ${parameter(patch.status)}`);
  if ('output' in patch) sets.push(`output = ${parameter(jsonParam(patch.output))}::jsonb`);
  if (patch.error !== undefined)
    sets.push(`error = ${parameter(jsonParam(patch.error ?? undefined))}::jsonb`);
  if (patch.suspended !== undefined)
    sets.push(`suspended = ${parameter(jsonParam(patch.suspended ?? undefined))}::jsonb`);
  if (patch.wakeAt !== undefined) sets.push(`wake_at = ${parameter(patch.wakeAt)}::bigint`);
  if (patch.leaseOwner !== undefined) sets.push(`lease_owner = ${parameter(patch.leaseOwner)}::text`);
  if (patch.leaseExpiresAt !== undefined)
    sets.push(`lease_expires_at = ${parameter(patch.leaseExpiresAt)}::bigint`);
  if (patch.cancelRequested !== undefined)
    sets.push(`cancel_requested = ${parameter(patch.cancelRequested)}`);
  const conditions = [`id = ${id}`];
  if (expect?.status !== undefined) conditions.push(`status = ANY(${parameter([...expect.status])}::text[])`);
  if (expect?.leaseOwner !== undefined) conditions.push(`lease_owner = ${parameter(expect.leaseOwner)}`);
  return `UPDATE weft_runs SET ${sets.join(', ')} WHERE ${conditions.join(' AND ')} RETURNING id`;
}
