/**
 * weft side of W7 and W8 (bench/WORKLOADS.md), through the public API of a project opened with
 * `Weft.open` (outside any timer):
 *
 * - W7: one save = `weft.memory.saveMessages([{ threadId, role: 'user', content }])` (which
 *   creates the thread on first use, stores the message, and embeds and indexes it for semantic
 *   recall: weft's default, `local:hash-384` into the project's vector store; Mastra's W7 has no
 *   embedder). Recalls of the last 20: `weft.memory.getMessages({ threadId, last: 20 })` (what
 *   an agent call loads, runtime/agent/load-memory.ts; shown as `remember`) and the storage's own
 *   `getMessages` (`storage`). Configurations `memory` and `pglite` (PGlite on disk).
 * - W8: the project's vector store, `await weft.getVector()`: `memory` (in-memory storage:
 *   MemoryVectorStore) and `pglite` (PGlite on disk: pgvector in the project database; when
 *   `getVector()` does not give a pgvector store yet, the `PgVector` of plugins/pgvector over the
 *   storage's SQL driver, and the note says so).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type {
  MemoryWorkload,
  PrepareMemory,
  PrepareVectors,
  VectorWorkload,
} from './harness/data-workloads.js';
import { openWeft, type WeftInstance } from './weft.js';

const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface StoredMessage {
  readonly content: unknown;
}
interface MemoryApi {
  saveMessages(messages: readonly { threadId: string; role: string; content: unknown }[]): Promise<unknown>;
  getMessages(query: { threadId: string; last?: number }): Promise<StoredMessage[]>;
}
interface VectorStore {
  createIndex(options: { name: string; dimension: number; metric: string }): Promise<void>;
  upsert(options: {
    index: string;
    vectors: readonly { id: string; vector: readonly number[]; metadata?: unknown }[];
  }): Promise<void>;
  query(options: { index: string; vector: readonly number[]; topK: number }): Promise<{ id: string }[]>;
  describeIndex(name: string): Promise<{ count: number }>;
  listIndexes(): Promise<string[]>;
}
interface WeftWithData extends WeftInstance {
  readonly memory?: MemoryApi;
  getVector?(): Promise<VectorStore>;
}

function pending(what: string): Error {
  return new Error(`pending: ${what} has not landed in this build of weft`);
}

function textOf(message: StoredMessage): string {
  return typeof message.content === 'string' ? message.content : JSON.stringify(message.content);
}

export const prepareMemory: PrepareMemory = async (config) => {
  const { weft, cleanup } = (await openWeft(config)) as { weft: WeftWithData; cleanup: () => void };
  const memory = weft.memory;
  if (memory === undefined) {
    await weft.close();
    cleanup();
    throw pending('weft.memory');
  }
  const storage = weft.storage as {
    getMessages(query: { threadId: string; last?: number }): Promise<StoredMessage[]>;
  };
  const workload: MemoryWorkload = {
    save: async (threadId, text) => {
      await memory.saveMessages([{ threadId, role: 'user', content: text }]);
    },
    recalls: {
      remember: async (threadId, count) => (await memory.getMessages({ threadId, last: count })).map(textOf),
      storage: async (threadId, count) => (await storage.getMessages({ threadId, last: count })).map(textOf),
    },
    note: 'weft.memory.saveMessages also embeds (local:hash-384) and indexes the message',
    close: async () => {
      await weft.close();
      cleanup();
    },
  };
  return workload;
};

/** The pgvector store over the project's SQL storage, from the same build as the runtime. */
async function pgVectorOver(weft: WeftInstance): Promise<VectorStore> {
  const entry =
    process.env.WEFT_BENCH_SOURCE === '1'
      ? join(repoDir, 'plugins', 'pgvector', 'index.ts')
      : join(repoDir, 'dist', 'plugins', 'pgvector', 'index.js');
  if (!existsSync(entry)) throw pending('plugins/pgvector');
  const { PgVector, storageSqlDriver } = (await import(pathToFileURL(entry).href)) as {
    PgVector: new (options: { driver: unknown }) => VectorStore;
    storageSqlDriver(storage: unknown): unknown;
  };
  const driver = storageSqlDriver(weft.storage);
  if (driver === undefined) throw new Error('the pglite storage exposes no sqlDriver()');
  return new PgVector({ driver });
}

export const prepareVectors: PrepareVectors = async (config) => {
  const { weft, cleanup } = (await openWeft(config)) as { weft: WeftWithData; cleanup: () => void };
  const close = async () => {
    await weft.close();
    cleanup();
  };
  if (weft.getVector === undefined) {
    await close();
    throw pending('weft.getVector()');
  }
  let store = await weft.getVector();
  let note = `weft.getVector(): ${store.constructor.name}`;
  if (config !== 'memory' && store.constructor.name === 'MemoryVectorStore') {
    store = await pgVectorOver(weft).catch(async (error: unknown) => {
      await close();
      throw error;
    });
    note = `${store.constructor.name} of plugins/pgvector over the PGlite storage (weft.getVector() gave MemoryVectorStore)`;
  }
  const index = 'bench';
  const workload: VectorWorkload = {
    createIndex: (dimension) => store.createIndex({ name: index, dimension, metric: 'cosine' }),
    upsert: (batch) => store.upsert({ index, vectors: batch }),
    count: async () => {
      const names = await store.listIndexes();
      if (!names.includes(index)) throw new Error(`listIndexes has no "${index}": ${names.join(', ')}`);
      return (await store.describeIndex(index)).count;
    },
    query: async (vector, topK) => (await store.query({ index, vector, topK })).map((hit) => hit.id),
    note,
    close,
  };
  return workload;
};
