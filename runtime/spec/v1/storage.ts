/**
 * The storage contract, version 1: runs, their journal, stored graphs, memory threads and
 * messages, and a small key-value space. Every adapter (memory, PGlite, Postgres, and plugins')
 * implements this and passes `tests/contracts/storage`.
 *
 * Rules every adapter keeps:
 * - Writes are durable when the returned promise resolves.
 * - Conditional updates (`expect`) are atomic: of two concurrent calls with the same expectation,
 *   exactly one succeeds; the other resolves `false` and changes nothing.
 * - Values are JSON; adapters return fresh copies (callers may mutate what they get).
 * - Timestamps are epoch milliseconds.
 *
 * @example
 * await storage.init();
 * await storage.createRun({ id: 'r1', workflow: 'w', workflowHash: 'h', status: 'running', input: {}, createdAt: 1, updatedAt: 1 });
 */
export interface StorageV1 {
  readonly specificationVersion: 'v1';
  /** A short name for messages (`memory`, `pglite`, `postgres`). */
  readonly name: string;
  /**
   * True when one process owns the data (an embedded store behind a process lock): every lease
   * another owner holds when an engine opens it is stale, and its runs are recovered at once.
   */
  readonly exclusive?: boolean;

  /** Creates or migrates the tables (idempotent; migrations recorded in a version table). */
  init(): Promise<void>;
  /** Resolves when the store answers a trivial query (health checks). */
  ping(): Promise<void>;
  close(): Promise<void>;

  // Graphs, by content hash (a run executes the version it started with).
  putGraph(hash: string, graph: unknown): Promise<void>;
  getGraph(hash: string): Promise<unknown | undefined>;

  // Runs.
  /** Creates the run; when a run with its id exists, keeps that one (idempotent). */
  createRun(run: RunRecordV1): Promise<void>;
  /**
   * Optional. Creates the run with `entries` (of this run) as the first of its journal, both at
   * once (adapters may group-commit concurrent calls): the same effect as `createRun(run)` then
   * `appendJournal(entries)`, except that when a run with its id exists, that run is kept and the
   * entries are not written. The engine creates a new run with it, together with the `started`
   * entry of its first step, and falls back to the two calls when an adapter lacks it.
   *
   * @example
   * await storage.createRunAndAppendJournal?.(
   *   { id: 'r1', workflow: 'w', workflowHash: 'h', status: 'running', input: {}, createdAt: 1, updatedAt: 1 },
   *   [{ runId: 'r1', path: 'first', attempt: 1, status: 'started', startedAt: 1 }],
   * );
   */
  createRunAndAppendJournal?(run: RunRecordV1, entries: readonly JournalEntryV1[]): Promise<void>;
  getRun(runId: string): Promise<RunRecordV1 | undefined>;
  /**
   * Applies `patch` to the run. With `expect`, only if the current record matches every given
   * field (status in a list, lease owner); resolves whether it was applied.
   */
  updateRun(runId: string, patch: RunPatchV1, expect?: RunExpectationV1): Promise<boolean>;
  listRuns(query: RunQueryV1): Promise<{ items: RunRecordV1[]; nextCursor?: string }>;
  /**
   * Takes the lease of a run for `owner` until `expiresAt` when the run has no lease, its lease has
   * lapsed (`leaseExpiresAt < now`), or `owner` already holds it. Resolves whether it was taken.
   */
  acquireLease(runId: string, owner: string, expiresAt: number, now: number): Promise<boolean>;
  /** Extends every lease `owner` holds on the given runs; resolves the ids it still holds. */
  renewLeases(runIds: readonly string[], owner: string, expiresAt: number): Promise<string[]>;
  releaseLease(runId: string, owner: string): Promise<void>;
  /**
   * Runs that need an executor: status `running` (or `sleeping` with `wakeAt <= now`) whose lease
   * is absent or lapsed, oldest first.
   */
  findRecoverableRuns(now: number, limit: number): Promise<RunRecordV1[]>;

  // Journal.
  /**
   * Writes journal entries (insert or replace by `(runId, path, attempt)`), all in one transaction.
   * Adapters may group-commit concurrent calls; each call resolves only after its own entries are durable.
   */
  appendJournal(entries: readonly JournalEntryV1[]): Promise<void>;
  getJournal(runId: string): Promise<JournalEntryV1[]>;
  /**
   * Optional. Writes `entries` to the journal and applies `patch` to the run under `expect`:
   * the same effect as `appendJournal(entries)` then `updateRun(runId, patch, expect)` (the entries
   * are written whether or not the update applies; resolves whether it applied), but an adapter
   * may commit both at once (one transaction, group-committed with concurrent calls). The engine
   * ends a run with it (the last step's completion and the run's end in one write) and falls back
   * to the two calls when an adapter lacks it.
   *
   * @example
   * const applied = await storage.appendJournalAndUpdateRun?.(
   *   'r1',
   *   [{ runId: 'r1', path: 'last', attempt: 1, status: 'completed', output: 1, startedAt: 1, endedAt: 2 }],
   *   { status: 'completed', output: 1, leaseOwner: null, leaseExpiresAt: null, updatedAt: 2 },
   *   { status: ['running'], leaseOwner: 'owner-1' },
   * );
   */
  appendJournalAndUpdateRun?(
    runId: string,
    entries: readonly JournalEntryV1[],
    patch: RunPatchV1,
    expect?: RunExpectationV1,
  ): Promise<boolean>;
  /**
   * Optional. Applies `patch` to the run under `expect` and, ONLY if it applied, writes `entries`
   * (entries of this run) to its journal, both at once; resolves whether it applied. Unlike
   * `appendJournalAndUpdateRun`, a call whose update does not apply writes nothing. The engine
   * resumes a run with it (the `suspended -> running` claim and the `resumed` entry in one commit:
   * of two concurrent resumes the loser writes nothing) and falls back to `updateRun`, then
   * `appendJournal` when it applied, for an adapter that lacks it.
   *
   * @example
   * const applied = await storage.updateRunAndAppendJournal?.(
   *   'r1',
   *   { status: 'running', suspended: null, updatedAt: 3 },
   *   { status: ['suspended'] },
   *   [{ runId: 'r1', path: 'approve', attempt: 1, status: 'resumed', output: { approved: true }, startedAt: 1 }],
   * );
   */
  updateRunAndAppendJournal?(
    runId: string,
    patch: RunPatchV1,
    expect: RunExpectationV1 | undefined,
    entries: readonly JournalEntryV1[],
  ): Promise<boolean>;

  // Memory threads and messages.
  saveThread(thread: ThreadRecordV1): Promise<ThreadRecordV1>;
  getThread(threadId: string): Promise<ThreadRecordV1 | undefined>;
  listThreads(query: {
    resourceId?: string;
    limit?: number;
    cursor?: string;
  }): Promise<{ items: ThreadRecordV1[]; nextCursor?: string }>;
  /** Deletes the thread and its messages; resolves whether it existed. */
  deleteThread(threadId: string): Promise<boolean>;
  /** Inserts or replaces by message id (saving the same id twice keeps one message). */
  saveMessages(messages: readonly MessageRecordV1[]): Promise<void>;
  /** Messages of a thread in `createdAt` order (then id); `last` keeps the newest N; `before` excludes newer. */
  getMessages(query: { threadId: string; last?: number; before?: number }): Promise<MessageRecordV1[]>;

  // Key-value.
  kvGet(namespace: string, key: string): Promise<unknown | undefined>;
  kvSet(namespace: string, key: string, value: unknown): Promise<void>;
  kvDelete(namespace: string, key: string): Promise<void>;
}

export type RunStatusV1 = 'running' | 'suspended' | 'sleeping' | 'completed' | 'failed' | 'cancelled';

export interface RunErrorV1 {
  readonly code: string;
  readonly message: string;
  readonly step?: string;
  readonly retryable?: boolean;
  readonly details?: unknown;
}

export interface SuspensionV1 {
  /** Step path, e.g. `approve` or `review[2]/approve`. */
  readonly step: string;
  readonly payload: unknown;
  /** Epoch ms after which the suspension times out (absent = never). */
  readonly timeoutAt?: number;
}

export interface RunRecordV1 {
  readonly id: string;
  readonly workflow: string;
  /** Content hash of the workflow graph this run executes. */
  readonly workflowHash: string;
  readonly status: RunStatusV1;
  readonly input: unknown;
  readonly output?: unknown;
  readonly error?: RunErrorV1;
  readonly suspended?: readonly SuspensionV1[];
  /** When a sleeping run wakes (epoch ms). */
  readonly wakeAt?: number;
  readonly parentRunId?: string;
  readonly parentStep?: string;
  readonly leaseOwner?: string;
  readonly leaseExpiresAt?: number;
  /** Set by `cancel()`: the executor stops at the next step boundary or interrupts a wait. */
  readonly cancelRequested?: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** Fields to change; `null` clears an optional field. */
export type RunPatchV1 = {
  readonly status?: RunStatusV1;
  readonly output?: unknown;
  readonly error?: RunErrorV1 | null;
  readonly suspended?: readonly SuspensionV1[] | null;
  readonly wakeAt?: number | null;
  readonly leaseOwner?: string | null;
  readonly leaseExpiresAt?: number | null;
  readonly cancelRequested?: boolean;
  readonly updatedAt: number;
};

export interface RunExpectationV1 {
  readonly status?: readonly RunStatusV1[];
  readonly leaseOwner?: string;
}

export interface RunQueryV1 {
  readonly workflow?: string;
  readonly status?: readonly RunStatusV1[];
  readonly parentRunId?: string;
  /** Newest first. */
  readonly limit?: number;
  readonly cursor?: string;
}

export type JournalStatusV1 =
  | 'started'
  | 'completed'
  | 'failed'
  | 'skipped'
  | 'suspended'
  | 'resumed'
  | 'sleeping'
  | 'compensated';

export interface JournalEntryV1 {
  readonly runId: string;
  /** Step path: `lookup`, `squares[3]/square`, `poll[2]/check`. */
  readonly path: string;
  /** 1-based attempt number. */
  readonly attempt: number;
  readonly status: JournalStatusV1;
  readonly output?: unknown;
  readonly error?: RunErrorV1;
  readonly startedAt: number;
  readonly endedAt?: number;
}

export interface ThreadRecordV1 {
  readonly id: string;
  readonly resourceId?: string;
  readonly title?: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type MessageRoleV1 = 'system' | 'user' | 'assistant' | 'tool';

export interface MessageRecordV1 {
  readonly id: string;
  readonly threadId: string;
  readonly resourceId?: string;
  readonly role: MessageRoleV1;
  /** A string, or AI-SDK-style parts (`{ type: 'text', text }`, `{ type: 'tool-call', ... }`). */
  readonly content: unknown;
  readonly createdAt: number;
}
