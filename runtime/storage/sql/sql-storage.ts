import type {
  JournalEntryV1,
  MessageRecordV1,
  RunExpectationV1,
  RunPatchV1,
  RunQueryV1,
  RunRecordV1,
  StorageV1,
  ThreadRecordV1,
} from '../../spec/v1/storage.js';
import { pageSize } from '../cursor.js';
import { GroupCommit } from './group-commit.js';
import { insertRuns, type RunCreation } from './insert-runs.js';
import { JournalGroupCommit } from './journal-group-commit.js';
import { latestJournalEntries } from './latest-journal-entries.js';
import { getMessagesStatement, saveMessagesStatement } from './message-statements.js';
import { runMigrations } from './migrations.js';
import {
  journalEntriesFromRow,
  jsonParam,
  messageFromRow,
  runFromRow,
  threadFromRow,
} from './row-mappers.js';
import { RunUpdateGroupCommit } from './run-update-group-commit.js';
import { runUpdateThenJournalStatement } from './run-update-statement.js';
import type { SqlDriver } from './sql-driver.js';
import { pageOf, parameterList, whereClause } from './sql-pagination.js';

const runColumns = `id, workflow, workflow_hash, status, input::text AS input, output::text AS output, error::text AS error,
  suspended::text AS suspended, wake_at, parent_run_id, parent_step, lease_owner, lease_expires_at, cancel_requested, created_at, updated_at`;
const threadColumns = 'id, resource_id, title, metadata::text AS metadata, created_at, updated_at';
const leaseIsFree = '(lease_owner IS NULL OR lease_expires_at IS NULL OR lease_expires_at < $4)';
const idempotent = { idempotent: true } as const;
/**
 * The runs whose status is not `completed`, found through `weft_runs_unfinished` (schema version
 * 5): there is no index on `status`, so that a run's updates stay in place (HOT).
 */
const unfinishedRuns =
  // A nested loop from the few unfinished runs, never a scan of all runs: `OFFSET 0` keeps the
  // planner from merging the lookup into a join it might plan from stale statistics (PGlite).
  'weft_runs_unfinished, LATERAL (SELECT * FROM weft_runs WHERE id = run_id OFFSET 0) AS run';

/** Where to read runs of `statuses`: the unfinished runs when `completed` is not among them. */
function runsMatching(statuses: readonly string[] | undefined): string {
  return statuses === undefined || statuses.includes('completed') ? 'weft_runs' : unfinishedRuns;
}
/** A hot read or lease statement with a fixed text: kept prepared where the driver can. */
const hot = { idempotent: true, prepare: true } as const;
/** A hot conditional write: kept prepared, never retried by the driver (it is not idempotent). */
const hotConditional = { prepare: true } as const;

/**
 * The one SQL implementation of `StorageV1`, shared by the PGlite and Postgres adapters (each
 * supplies a `SqlDriver`). Conditional updates and leases are single statements; run creations,
 * journal appends and conditional run updates are group-committed; the journal is append-only
 * with packed rows (one row per run per statement, holding the JSON array of that run's entries;
 * a step's new state is a new entry; `getJournal` keeps the last per key); lists are newest first
 * with opaque cursors.
 *
 * @example
 * const storage = new SqlStorage(driver);
 * await storage.init();
 * await storage.appendJournal([{ runId: 'r1', path: 'a', attempt: 1, status: 'completed', output: 1, startedAt: 1, endedAt: 2 }]);
 */
export class SqlStorage implements StorageV1 {
  readonly specificationVersion = 'v1' as const;
  readonly name: string;
  protected readonly driver: SqlDriver;
  readonly #journal: JournalGroupCommit;
  readonly #runs: GroupCommit<RunCreation>;
  readonly #updates: RunUpdateGroupCommit;

  constructor(driver: SqlDriver) {
    this.driver = driver;
    this.name = driver.name;
    this.#journal = new JournalGroupCommit(driver);
    this.#runs = new GroupCommit((creations) => insertRuns(driver, creations));
    this.#updates = new RunUpdateGroupCommit(driver);
  }

  async init(): Promise<void> {
    await runMigrations(this.driver);
  }

  async ping(): Promise<void> {
    await this.driver.query('SELECT 1', [], idempotent);
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  async putGraph(hash: string, graph: unknown): Promise<void> {
    await this.driver.query(
      'INSERT INTO weft_graphs (hash, graph) VALUES ($1, $2::jsonb) ON CONFLICT (hash) DO NOTHING',
      [hash, JSON.stringify(graph)],
      idempotent,
    );
  }

  async getGraph(hash: string): Promise<unknown | undefined> {
    const rows = await this.driver.query(
      'SELECT graph::text AS graph FROM weft_graphs WHERE hash = $1',
      [hash],
      idempotent,
    );
    const graph = rows[0]?.graph;
    return typeof graph === 'string' ? JSON.parse(graph) : undefined;
  }

  /** Group-committed: concurrent creations share one multi-row insert. */
  createRun(run: RunRecordV1): Promise<void> {
    return this.#runs.append([{ run, journal: [] }]);
  }

  /** Group-committed with `createRun`: the entries go in the run's row (one insert for all). */
  createRunAndAppendJournal(run: RunRecordV1, entries: readonly JournalEntryV1[]): Promise<void> {
    return this.#runs.append([{ run, journal: entries }]);
  }

  async getRun(runId: string): Promise<RunRecordV1 | undefined> {
    const rows = await this.driver.query(`SELECT ${runColumns} FROM weft_runs WHERE id = $1`, [runId], hot);
    return rows[0] === undefined ? undefined : runFromRow(rows[0]);
  }

  /** Group-committed: concurrent updates (of distinct runs) share one statement. */
  updateRun(runId: string, patch: RunPatchV1, expect?: RunExpectationV1): Promise<boolean> {
    return this.#updates.update({ runId, patch, expect });
  }

  /** The update, then the entries only if it applied: one statement (not group-committed). */
  async updateRunAndAppendJournal(
    runId: string,
    patch: RunPatchV1,
    expect: RunExpectationV1 | undefined,
    entries: readonly JournalEntryV1[],
  ): Promise<boolean> {
    const { sql, params } = runUpdateThenJournalStatement(runId, patch, expect, entries);
    return (await this.driver.query(sql, params, hotConditional)).length > 0;
  }

  /** The entries and the update in one statement, group-committed with concurrent updates. */
  appendJournalAndUpdateRun(
    runId: string,
    entries: readonly JournalEntryV1[],
    patch: RunPatchV1,
    expect?: RunExpectationV1,
  ): Promise<boolean> {
    return this.#updates.update({ runId, patch, expect }, entries);
  }

  async listRuns(query: RunQueryV1): Promise<{ items: RunRecordV1[]; nextCursor?: string }> {
    const { params, parameter } = parameterList();
    const conditions: string[] = [];
    if (query.workflow !== undefined) conditions.push(`workflow = ${parameter(query.workflow)}`);
    if (query.status !== undefined) conditions.push(`status = ANY(${parameter([...query.status])}::text[])`);
    if (query.parentRunId !== undefined) conditions.push(`parent_run_id = ${parameter(query.parentRunId)}`);
    const limit = pageSize(query.limit);
    const sql = `SELECT ${runColumns} FROM ${runsMatching(query.status)} ${whereClause(conditions, query.cursor, parameter)} ORDER BY created_at DESC, id DESC LIMIT ${limit + 1}`;
    return pageOf(await this.driver.query(sql, params, idempotent), limit, runFromRow);
  }

  async acquireLease(runId: string, owner: string, expiresAt: number, now: number): Promise<boolean> {
    const rows = await this.driver.query(
      `UPDATE weft_runs SET lease_owner = $2, lease_expires_at = $3 WHERE id = $1 AND (lease_owner = $2 OR ${leaseIsFree}) RETURNING id`,
      [runId, owner, expiresAt, now],
      { prepare: true },
    );
    return rows.length > 0;
  }

  async renewLeases(runIds: readonly string[], owner: string, expiresAt: number): Promise<string[]> {
    if (runIds.length === 0) return [];
    const rows = await this.driver.query(
      'UPDATE weft_runs SET lease_expires_at = $3 WHERE id = ANY($1::text[]) AND lease_owner = $2 RETURNING id',
      [[...runIds], owner, expiresAt],
      hot,
    );
    const held = new Set(rows.map((row) => String(row.id)));
    return runIds.filter((runId) => held.has(runId));
  }

  async releaseLease(runId: string, owner: string): Promise<void> {
    await this.driver.query(
      'UPDATE weft_runs SET lease_owner = NULL, lease_expires_at = NULL WHERE id = $1 AND lease_owner = $2',
      [runId, owner],
      idempotent,
    );
  }

  async findRecoverableRuns(now: number, limit: number): Promise<RunRecordV1[]> {
    const rows = await this.driver.query(
      `SELECT ${runColumns} FROM ${unfinishedRuns}
       WHERE status IN ('running', 'sleeping') AND (status = 'running' OR wake_at <= $1)
         AND (lease_owner IS NULL OR lease_expires_at IS NULL OR lease_expires_at < $1)
       ORDER BY created_at, id LIMIT $2`,
      [now, Math.max(0, Math.floor(limit))],
      idempotent,
    );
    return rows.map(runFromRow);
  }

  appendJournal(entries: readonly JournalEntryV1[]): Promise<void> {
    return this.#journal.append(entries);
  }

  /** The entries the run was created with (schema version 6), then its journal rows in `seq` order. */
  async getJournal(runId: string): Promise<JournalEntryV1[]> {
    const rows = await this.driver.query(
      `SELECT entries FROM (
  SELECT entries, 0 AS position, 0::bigint AS seq FROM weft_runs WHERE id = $1 AND entries IS NOT NULL
  UNION ALL SELECT entries, 1, seq FROM weft_journal WHERE run_id = $1
) AS journal ORDER BY position, seq`,
      [runId],
      hot,
    );
    return latestJournalEntries(rows.flatMap((row) => journalEntriesFromRow(runId, row)));
  }

  async saveThread(thread: ThreadRecordV1): Promise<ThreadRecordV1> {
    const rows = await this.driver.query(
      `INSERT INTO weft_threads (id, resource_id, title, metadata, created_at, updated_at) VALUES ($1, $2, $3, $4::jsonb, $5, $6)
       ON CONFLICT (id) DO UPDATE SET resource_id = excluded.resource_id, title = excluded.title, metadata = excluded.metadata,
         created_at = excluded.created_at, updated_at = excluded.updated_at
       RETURNING ${threadColumns}`,
      [
        thread.id,
        thread.resourceId ?? null,
        thread.title ?? null,
        jsonParam(thread.metadata),
        thread.createdAt,
        thread.updatedAt,
      ],
      idempotent,
    );
    return rows[0] === undefined ? structuredClone(thread) : threadFromRow(rows[0]);
  }

  async getThread(threadId: string): Promise<ThreadRecordV1 | undefined> {
    const rows = await this.driver.query(
      `SELECT ${threadColumns} FROM weft_threads WHERE id = $1`,
      [threadId],
      hot,
    );
    return rows[0] === undefined ? undefined : threadFromRow(rows[0]);
  }

  async listThreads(query: {
    resourceId?: string;
    limit?: number;
    cursor?: string;
  }): Promise<{ items: ThreadRecordV1[]; nextCursor?: string }> {
    const { params, parameter } = parameterList();
    const conditions = query.resourceId === undefined ? [] : [`resource_id = ${parameter(query.resourceId)}`];
    const limit = pageSize(query.limit);
    const sql = `SELECT ${threadColumns} FROM weft_threads ${whereClause(conditions, query.cursor, parameter)} ORDER BY created_at DESC, id DESC LIMIT ${limit + 1}`;
    return pageOf(await this.driver.query(sql, params, idempotent), limit, threadFromRow);
  }

  async deleteThread(threadId: string): Promise<boolean> {
    return this.driver.transaction(async (tx) => {
      await tx.query('DELETE FROM weft_messages WHERE thread_id = $1', [threadId]);
      const rows = await tx.query('DELETE FROM weft_threads WHERE id = $1 RETURNING id', [threadId]);
      return rows.length > 0;
    }, idempotent);
  }

  async saveMessages(messages: readonly MessageRecordV1[]): Promise<void> {
    if (messages.length === 0) return;
    const { sql, params } = saveMessagesStatement(messages);
    await this.driver.query(sql, params, idempotent);
  }

  async getMessages(query: { threadId: string; last?: number; before?: number }): Promise<MessageRecordV1[]> {
    if (query.last !== undefined && query.last <= 0) return [];
    const { sql, params } = getMessagesStatement(query);
    // Hot: an agent call with memory reads its thread's last messages every time.
    return (await this.driver.query(sql, params, hot)).map(messageFromRow);
  }

  async kvGet(namespace: string, key: string): Promise<unknown | undefined> {
    const rows = await this.driver.query(
      'SELECT value::text AS value FROM weft_kv WHERE namespace = $1 AND key = $2',
      [namespace, key],
      idempotent,
    );
    const value = rows[0]?.value;
    return typeof value === 'string' ? JSON.parse(value) : undefined;
  }

  async kvSet(namespace: string, key: string, value: unknown): Promise<void> {
    await this.driver.query(
      'INSERT INTO weft_kv (namespace, key, value) VALUES ($1, $2, $3::jsonb) ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value',
      [namespace, key, jsonParam(value)],
      idempotent,
    );
  }

  async kvDelete(namespace: string, key: string): Promise<void> {
    await this.driver.query(
      'DELETE FROM weft_kv WHERE namespace = $1 AND key = $2',
      [namespace, key],
      idempotent,
    );
  }
}
