import type { JournalEntryV1, RunRecordV1 } from '../../spec/v1/storage.js';
import { type CopyValue, copyMinRows, copyText } from './copy-text.js';
import { appendJournalRows } from './journal-group-commit.js';
import { journalInsertSqlOf, packJournal } from './journal-insert-sql.js';
import { jsonParam } from './row-mappers.js';
import type { SqlStatement } from './run-update-statement.js';
import type { SqlDriver } from './sql-driver.js';
import { parameterList } from './sql-pagination.js';

const idempotent = { idempotent: true, prepare: true } as const;
const columnNames = [
  'id',
  'workflow',
  'workflow_hash',
  'status',
  'input',
  'output',
  'error',
  'suspended',
  'wake_at',
  'parent_run_id',
  'parent_step',
  'lease_owner',
  'lease_expires_at',
  'cancel_requested',
  'created_at',
  'updated_at',
] as const;
const runInsertColumns = `INSERT INTO weft_runs (${columnNames.join(', ')})`;
/** The SQL type of each column, in `runInsertColumns` order. */
const columnTypes = [
  'text',
  'text',
  'text',
  'text',
  'jsonb',
  'jsonb',
  'jsonb',
  'jsonb',
  'bigint',
  'text',
  'text',
  'text',
  'bigint',
  'boolean',
  'bigint',
  'bigint',
] as const;
/** Up to this many runs go in a multi-row `VALUES` list; more through one `unnest` of column arrays. */
const valuesRowLimit = 16;

/**
 * A run to create and the journal entries written with it (`createRunAndAppendJournal`; none for
 * `createRun`).
 *
 * @example
 * const creation: RunCreation = { run, journal: [{ runId: run.id, path: 'a', attempt: 1, status: 'started', startedAt: 1 }] };
 */
export interface RunCreation {
  readonly run: RunRecordV1;
  readonly journal: readonly JournalEntryV1[];
}

/**
 * Inserts new runs, with their journal entries, in one transaction; a run whose id exists is left
 * as it is (`ON CONFLICT DO NOTHING`), so the write is idempotent and drivers may retry it (its
 * entries are written again: readers keep one entry per key). From `copyMinRows` runs, a driver's
 * `copyRows` goes first (about a third cheaper on PGlite), the runs' COPY and the entries' in one
 * transaction; COPY has no `ON CONFLICT`, so when that fails (an id that exists: nothing was
 * written) the statement below writes the batch. Otherwise ONE statement: the entries' insert
 * (`journalInsertSqlOf`) as its `WITH` clause, then the runs' insert.
 *
 * @example
 * await insertRuns(driver, [{ run: { id: 'r1', workflow: 'w', workflowHash: 'h', status: 'running', input: {}, createdAt: 1, updatedAt: 1 }, journal: [] }]);
 */
export async function insertRuns(driver: SqlDriver, creations: readonly RunCreation[]): Promise<void> {
  const rows = creations.map((creation) => runRow(creation.run));
  const packed = packJournal(creations.flatMap((creation) => creation.journal));
  if (hasCopyRows(driver) && rows.length >= copyMinRows) {
    const copied = await copyRuns(driver, rows, packed).then(
      () => true,
      () => false,
    );
    if (copied) return;
  }
  const { sql, params } = insertRunsStatement(rows, packed);
  await driver.query(sql, params, idempotent);
}

/** The runs' COPY, and the entries' (`appendJournalRows`) in the same transaction when there are any. */
async function copyRuns(
  driver: SqlDriver & Required<Pick<SqlDriver, 'copyRows'>>,
  rows: readonly CopyValue[][],
  packed: ReadonlyMap<string, string>,
): Promise<void> {
  const text = copyText(rows);
  if (packed.size === 0) return driver.copyRows('weft_runs', columnNames, text);
  await driver.transaction(async (tx) => {
    if (tx.copyRows === undefined) throw new TypeError('copyRows: not offered inside a transaction');
    await tx.copyRows('weft_runs', columnNames, text);
    await appendJournalRows(tx, packed);
  });
}

function hasCopyRows(driver: SqlDriver): driver is SqlDriver & Required<Pick<SqlDriver, 'copyRows'>> {
  return driver.copyRows !== undefined;
}

/** The one statement that inserts `rows` (and, as its `WITH` clause, the packed entries). */
function insertRunsStatement(
  rows: readonly CopyValue[][],
  packed: ReadonlyMap<string, string>,
): SqlStatement {
  const { params, parameter } = parameterList();
  const journal = packed.size === 0 ? '' : `WITH journal AS (${journalInsertSqlOf(packed, parameter)}) `;
  if (rows.length > valuesRowLimit) {
    const arrays = columnTypes.map(
      (type, index) => `${parameter(rows.map((row) => row[index]))}::${type === 'jsonb' ? 'text' : type}[]`,
    );
    return {
      sql: `${journal}${runInsertColumns}\n${unnestSelect(arrays)}\nON CONFLICT (id) DO NOTHING`,
      params,
    };
  }
  const tuples = rows.map(
    (row) => `(${columnTypes.map((type, index) => `${parameter(row[index])}::${type}`).join(', ')})`,
  );
  return {
    sql: `${journal}${runInsertColumns} VALUES ${tuples.join(', ')} ON CONFLICT (id) DO NOTHING`,
    params,
  };
}

/** The `SELECT` of the runs' columns from one `unnest` of the column arrays (placeholders given). */
function unnestSelect(arrays: readonly string[]): string {
  return `SELECT id, workflow, workflow_hash, status, input::jsonb, output::jsonb, error::jsonb, suspended::jsonb, wake_at,
  parent_run_id, parent_step, lease_owner, lease_expires_at, cancel_requested, created_at, updated_at
FROM unnest(${arrays.join(', ')})
  AS batch(id, workflow, workflow_hash, status, input, output, error, suspended, wake_at,
    parent_run_id, parent_step, lease_owner, lease_expires_at, cancel_requested, created_at, updated_at)`;
}

function runRow(run: RunRecordV1): CopyValue[] {
  return [
    run.id,
    run.workflow,
    run.workflowHash,
    run.status,
    jsonParam(run.input),
    jsonParam(run.output),
    jsonParam(run.error),
    jsonParam(run.suspended),
    run.wakeAt ?? null,
    run.parentRunId ?? null,
    run.parentStep ?? null,
    run.leaseOwner ?? null,
    run.leaseExpiresAt ?? null,
    run.cancelRequested ?? null,
    run.createdAt,
    run.updatedAt,
  ];
}
