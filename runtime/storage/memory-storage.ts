import type {
  JournalEntryV1,
  MessageRecordV1,
  RunExpectationV1,
  RunPatchV1,
  RunQueryV1,
  RunRecordV1,
  StorageV1,
  ThreadRecordV1,
} from '../spec/v1/storage.js';
import { decodeCursor, encodeCursor, isAfterCursor, pageSize } from './cursor.js';
import {
  applyRunPatch,
  cloneValue,
  compareNewestFirst,
  compareOldestFirst,
  isLeaseFree,
  isRecoverable,
  type MutableRunRecord,
  matchesExpectation,
} from './run-record-helpers.js';

/**
 * The in-memory reference implementation of `StorageV1`: the adapter for tests, benchmarks and
 * projects that need no durability. Nothing survives the process. Values are copied on the way in
 * and out (callers may mutate what they pass and get); journal entries of a run keep the order of
 * their first write; `createRun` of an existing id keeps the existing run (idempotent), like the
 * SQL adapters.
 *
 * @example
 * const storage = new MemoryStorage();
 * await storage.init();
 * await storage.createRun({ id: 'r1', workflow: 'w', workflowHash: 'h', status: 'running', input: {}, createdAt: 1, updatedAt: 1 });
 * await storage.updateRun('r1', { status: 'completed', updatedAt: 2 }, { status: ['running'] }); // true
 */
export class MemoryStorage implements StorageV1 {
  readonly specificationVersion = 'v1' as const;
  readonly name = 'memory';

  readonly #graphs = new Map<string, unknown>();
  readonly #runs = new Map<string, MutableRunRecord>();
  readonly #journal = new Map<string, Map<string, JournalEntryV1>>();
  readonly #threads = new Map<string, ThreadRecordV1>();
  readonly #messages = new Map<string, Map<string, MessageRecordV1>>();
  readonly #messageThread = new Map<string, string>();
  readonly #kv = new Map<string, Map<string, unknown>>();

  async init(): Promise<void> {}

  async ping(): Promise<void> {}

  async close(): Promise<void> {}

  async putGraph(hash: string, graph: unknown): Promise<void> {
    if (!this.#graphs.has(hash)) this.#graphs.set(hash, cloneValue(graph));
  }

  async getGraph(hash: string): Promise<unknown | undefined> {
    return cloneValue(this.#graphs.get(hash));
  }

  async createRun(run: RunRecordV1): Promise<void> {
    if (!this.#runs.has(run.id)) this.#runs.set(run.id, cloneValue(run) as MutableRunRecord);
  }

  /** Both writes happen in this call's synchronous part: no reader sees the run without its entries. */
  async createRunAndAppendJournal(run: RunRecordV1, entries: readonly JournalEntryV1[]): Promise<void> {
    if (this.#runs.has(run.id)) return;
    await Promise.all([this.createRun(run), this.appendJournal(entries)]);
  }

  async getRun(runId: string): Promise<RunRecordV1 | undefined> {
    return cloneValue(this.#runs.get(runId));
  }

  async updateRun(runId: string, patch: RunPatchV1, expect?: RunExpectationV1): Promise<boolean> {
    return this.#update(runId, patch, expect);
  }

  /** The update and, when it applied, the append, in this call's synchronous part. */
  async updateRunAndAppendJournal(
    runId: string,
    patch: RunPatchV1,
    expect: RunExpectationV1 | undefined,
    entries: readonly JournalEntryV1[],
  ): Promise<boolean> {
    if (!this.#update(runId, patch, expect)) return false;
    await this.appendJournal(entries);
    return true;
  }

  #update(runId: string, patch: RunPatchV1, expect: RunExpectationV1 | undefined): boolean {
    const record = this.#runs.get(runId);
    if (record === undefined || !matchesExpectation(record, expect)) return false;
    applyRunPatch(record, patch);
    return true;
  }

  async listRuns(query: RunQueryV1): Promise<{ items: RunRecordV1[]; nextCursor?: string }> {
    const cursor = decodeCursor(query.cursor);
    const matching: RunRecordV1[] = [];
    for (const run of this.#runs.values()) {
      if (query.workflow !== undefined && run.workflow !== query.workflow) continue;
      if (query.status !== undefined && !query.status.includes(run.status)) continue;
      if (query.parentRunId !== undefined && run.parentRunId !== query.parentRunId) continue;
      if (cursor !== undefined && !isAfterCursor(run, cursor)) continue;
      matching.push(run);
    }
    return page(matching.sort(compareNewestFirst), pageSize(query.limit));
  }

  async acquireLease(runId: string, owner: string, expiresAt: number, now: number): Promise<boolean> {
    const record = this.#runs.get(runId);
    if (record === undefined) return false;
    if (record.leaseOwner !== owner && !isLeaseFree(record, now)) return false;
    record.leaseOwner = owner;
    record.leaseExpiresAt = expiresAt;
    return true;
  }

  async renewLeases(runIds: readonly string[], owner: string, expiresAt: number): Promise<string[]> {
    const held: string[] = [];
    for (const runId of runIds) {
      const record = this.#runs.get(runId);
      if (record === undefined || record.leaseOwner !== owner) continue;
      record.leaseExpiresAt = expiresAt;
      held.push(runId);
    }
    return held;
  }

  async releaseLease(runId: string, owner: string): Promise<void> {
    const record = this.#runs.get(runId);
    if (record === undefined || record.leaseOwner !== owner) return;
    delete record.leaseOwner;
    delete record.leaseExpiresAt;
  }

  async findRecoverableRuns(now: number, limit: number): Promise<RunRecordV1[]> {
    const found: RunRecordV1[] = [];
    for (const run of this.#runs.values()) if (isRecoverable(run, now)) found.push(run);
    return found
      .sort(compareOldestFirst)
      .slice(0, Math.max(0, limit))
      .map((run) => cloneValue(run));
  }

  async appendJournal(entries: readonly JournalEntryV1[]): Promise<void> {
    for (const entry of entries) {
      let ofRun = this.#journal.get(entry.runId);
      if (ofRun === undefined) {
        ofRun = new Map();
        this.#journal.set(entry.runId, ofRun);
      }
      ofRun.set(`${entry.attempt}\u0000${entry.path}`, copyEntry(entry));
    }
  }

  /** `appendJournal` then `updateRun` (nothing else runs in between but what they await). */
  async appendJournalAndUpdateRun(
    runId: string,
    entries: readonly JournalEntryV1[],
    patch: RunPatchV1,
    expect?: RunExpectationV1,
  ): Promise<boolean> {
    await this.appendJournal(entries);
    return this.updateRun(runId, patch, expect);
  }

  async getJournal(runId: string): Promise<JournalEntryV1[]> {
    const ofRun = this.#journal.get(runId);
    return ofRun === undefined ? [] : Array.from(ofRun.values(), copyEntry);
  }

  async saveThread(thread: ThreadRecordV1): Promise<ThreadRecordV1> {
    this.#threads.set(thread.id, cloneValue(thread));
    return cloneValue(thread);
  }

  async getThread(threadId: string): Promise<ThreadRecordV1 | undefined> {
    return cloneValue(this.#threads.get(threadId));
  }

  async listThreads(query: {
    resourceId?: string;
    limit?: number;
    cursor?: string;
  }): Promise<{ items: ThreadRecordV1[]; nextCursor?: string }> {
    const cursor = decodeCursor(query.cursor);
    const matching: ThreadRecordV1[] = [];
    for (const thread of this.#threads.values()) {
      if (query.resourceId !== undefined && thread.resourceId !== query.resourceId) continue;
      if (cursor !== undefined && !isAfterCursor(thread, cursor)) continue;
      matching.push(thread);
    }
    return page(matching.sort(compareNewestFirst), pageSize(query.limit));
  }

  async deleteThread(threadId: string): Promise<boolean> {
    const existed = this.#threads.delete(threadId);
    const messages = this.#messages.get(threadId);
    if (messages !== undefined) {
      for (const id of messages.keys()) this.#messageThread.delete(id);
      this.#messages.delete(threadId);
    }
    return existed;
  }

  async saveMessages(messages: readonly MessageRecordV1[]): Promise<void> {
    for (const message of messages) {
      const previousThread = this.#messageThread.get(message.id);
      if (previousThread !== undefined && previousThread !== message.threadId)
        this.#messages.get(previousThread)?.delete(message.id);
      let ofThread = this.#messages.get(message.threadId);
      if (ofThread === undefined) {
        ofThread = new Map();
        this.#messages.set(message.threadId, ofThread);
      }
      ofThread.set(message.id, cloneValue(message));
      this.#messageThread.set(message.id, message.threadId);
    }
  }

  async getMessages(query: { threadId: string; last?: number; before?: number }): Promise<MessageRecordV1[]> {
    const ofThread = this.#messages.get(query.threadId);
    if (ofThread === undefined) return [];
    const { before, last } = query;
    let found = Array.from(ofThread.values());
    if (before !== undefined) found = found.filter((message) => message.createdAt < before);
    found.sort(compareOldestFirst);
    if (last !== undefined) found = last <= 0 ? [] : found.slice(-last);
    return found.map((message) => cloneValue(message));
  }

  async kvGet(namespace: string, key: string): Promise<unknown | undefined> {
    return cloneValue(this.#kv.get(namespace)?.get(key));
  }

  async kvSet(namespace: string, key: string, value: unknown): Promise<void> {
    let space = this.#kv.get(namespace);
    if (space === undefined) {
      space = new Map();
      this.#kv.set(namespace, space);
    }
    space.set(key, cloneValue(value));
  }

  async kvDelete(namespace: string, key: string): Promise<void> {
    this.#kv.get(namespace)?.delete(key);
  }
}

function page<T extends { createdAt: number; id: string }>(
  sorted: readonly T[],
  limit: number,
): { items: T[]; nextCursor?: string } {
  const items = sorted.slice(0, limit).map((item) => cloneValue(item));
  const last = items[items.length - 1];
  if (sorted.length > limit && last !== undefined) return { items, nextCursor: encodeCursor(last) };
  return { items };
}

/** Copies a journal entry: only its JSON values need a deep copy (the hot path of every step). */
function copyEntry(entry: JournalEntryV1): JournalEntryV1 {
  const copy = { ...entry };
  if (typeof entry.output === 'object' && entry.output !== null) copy.output = structuredClone(entry.output);
  if (entry.error !== undefined) copy.error = structuredClone(entry.error);
  return copy;
}
