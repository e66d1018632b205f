import type { JournalEntryV1, RunRecordV1 } from '../../spec/v1/storage.js';
import { type CopyValue, copyMinRows, copyText } from './copy-text.js';
import { packJournal } from './journal-insert-sql.js';
import { jsonParam } from './row-mappers.js';
import type { SqlDriver } from './sql-driver.js';

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
  'entries',
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
  'text',
] as const;
/** Up to this many runs go in a multi-row `VALUES` list; more through one `unnest` of column arrays. */
const valuesRowLimit = 16;

/**
 * A run to create and the journal entries it is created with (`createRunAndAppendJournal`; none
 * for `createRun`), all of that run.
 *
 * @example
 * const creation: RunCreation = { run, journal: [{ runId: run.id, path: 'a', attempt: 1, status: 'started', startedAt: 1 }] };
 */
export interface RunCreation {
  readonly run: RunRecordV1;
  readonly journal: readonly JournalEntryV1[];
}

const unnestSql = `${runInsertColumns}
SELECT id, workflow, workflow_hash, status, input::jsonb, output::jsonb, error::jsonb, suspended::jsonb, wake_at,
  parent_run_id, parent_step, lease_owner, lease_expires_at, cancel_requested, created_at, updated_at, entries
FROM unnest(${columnTypes.map((type, index) => `$${index + 1}::${type === 'jsonb' ? 'text' : type}[]`).join(', ')})
  AS batch(id, workflow, workflow_hash, status, input, output, error, suspended, wake_at,
    parent_run_id, parent_step, lease_owner, lease_expires_at, cancel_requested, created_at, updated_at, entries)
ON CONFLICT (id) DO NOTHING`;

/**
 * Inserts new runs in one statement (hence one transaction), each with the entries it is created
 * with packed into its `entries` column (schema version 6: one packed journal row held in the
 * run's row, read first by `getJournal`); a run whose id exists is left as it is, entries and all
 * (`ON CONFLICT DO NOTHING`), so the statement is idempotent and drivers may retry it. From
 * `copyMinRows` runs, a driver's `copyRows` goes first (about a third cheaper on PGlite); COPY
 * has no `ON CONFLICT`, so when it fails (an id that exists: nothing was inserted) the insert
 * below writes the batch.
 *
 * @example
 * await insertRuns(driver, [{ run: { id: 'r1', workflow: 'w', workflowHash: 'h', status: 'running', input: {}, createdAt: 1, updatedAt: 1 }, journal: [] }]);
 */
export async function insertRuns(driver: SqlDriver, creations: readonly RunCreation[]): Promise<void> {
  const rows = creations.map(runRow);
  if (driver.copyRows !== undefined && rows.length >= copyMinRows) {
    const copied = await driver.copyRows('weft_runs', columnNames, copyText(rows)).then(
      () => true,
      () => false,
    );
    if (copied) return;
  }
  if (rows.length > valuesRowLimit) {
    const columns = columnTypes.map((_, index) => rows.map((row) => row[index]));
    await driver.query(unnestSql, columns, idempotent);
    return;
  }
  const width = columnTypes.length;
  const tuples = rows.map(
    (_, row) => `(${columnTypes.map((type, index) => `$${row * width + index + 1}::${type}`).join(', ')})`,
  );
  await driver.query(
    `${runInsertColumns} VALUES ${tuples.join(', ')} ON CONFLICT (id) DO NOTHING`,
    rows.flat(),
    idempotent,
  );
}

function runRow({ run, journal }: RunCreation): CopyValue[] {
  const other = journal.find((entry) => entry.runId !== run.id);
  if (other !== undefined)
    throw new TypeError(`createRunAndAppendJournal: an entry of run "${other.runId}", not "${run.id}"`);
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
    journal.length === 0 ? null : (packJournal(journal).get(run.id) ?? null),
  ];
}
