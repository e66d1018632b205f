/**
 * Mastra 0.24.9 side of W7 and W8 (bench/WORKLOADS.md), its default stores on disk:
 * W7 `new Memory({ storage: new LibSQLStore({ url: 'file:<tmp>/mastra.db' }), options: { lastMessages: 20,
 * semanticRecall: false, workingMemory: { enabled: false } } })` (no embedder, no vector store),
 * one save = `memory.saveMessages({ messages: [one v2 message], format: 'v2' })`, recalls through
 * `rememberMessages` (the agent path), `query({ selectBy: { last: 20 } })` and the store's own
 * `getMessages`. W8 `new LibSQLVector({ connectionUrl: 'file:<tmp>/vectors.db' })`, cosine index
 * of dimension 384.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MastraMessageV2 } from '@mastra/core/agent';
import { LibSQLStore, LibSQLVector } from '@mastra/libsql';
import { Memory } from '@mastra/memory';
import type {
  MemoryWorkload,
  PrepareMemory,
  PrepareVectors,
  VectorWorkload,
} from '../harness/data-workloads.js';

const resourceId = 'bench-user';

function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-mastra-data-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function textOf(message: MastraMessageV2): string {
  const part = message.content.parts.find((p) => p.type === 'text');
  return part?.type === 'text' ? part.text : (message.content.content ?? '');
}

export const prepareMemory: PrepareMemory = async (config) => {
  if (config !== 'libsql-file')
    throw new Error(`Mastra runs W7 in configuration "libsql-file" (got "${config}")`);
  const { dir, cleanup } = tempDir();
  const storage = new LibSQLStore({ url: `file:${join(dir, 'mastra.db')}` });
  const memory = new Memory({
    storage,
    options: { lastMessages: 20, semanticRecall: false, workingMemory: { enabled: false } },
  });
  const threads = new Set<string>();
  let sequence = 0;
  const ensureThread = async (threadId: string) => {
    if (threads.has(threadId)) return;
    await memory.saveThread({
      thread: { id: threadId, resourceId, title: threadId, createdAt: new Date(), updatedAt: new Date() },
    });
    threads.add(threadId);
  };
  const workload: MemoryWorkload = {
    save: async (threadId, text) => {
      await ensureThread(threadId);
      sequence += 1;
      const message: MastraMessageV2 = {
        id: `m-${sequence}`,
        role: 'user',
        createdAt: new Date(Date.now() + sequence),
        threadId,
        resourceId,
        content: { format: 2, parts: [{ type: 'text', text }], content: text },
      };
      await memory.saveMessages({ messages: [message], format: 'v2' });
    },
    recalls: {
      remember: async (threadId, count) =>
        (
          await memory.rememberMessages({ threadId, resourceId, config: { lastMessages: count } })
        ).messagesV2.map(textOf),
      query: async (threadId, count) =>
        (await memory.query({ threadId, resourceId, selectBy: { last: count } })).messagesV2.map(textOf),
      storage: async (threadId, count) =>
        (await storage.getMessages({ threadId, resourceId, selectBy: { last: count }, format: 'v2' })).map(
          textOf,
        ),
    },
    close: async () => cleanup(),
  };
  return workload;
};

export const prepareVectors: PrepareVectors = async (config) => {
  if (config !== 'libsql-file')
    throw new Error(`Mastra runs W8 in configuration "libsql-file" (got "${config}")`);
  const { dir, cleanup } = tempDir();
  const vectors = new LibSQLVector({ connectionUrl: `file:${join(dir, 'vectors.db')}` });
  const indexName = 'bench';
  const workload: VectorWorkload = {
    createIndex: (dimension) => vectors.createIndex({ indexName, dimension, metric: 'cosine' }),
    upsert: async (batch) => {
      await vectors.upsert({
        indexName,
        ids: batch.map((item) => item.id),
        vectors: batch.map((item) => [...item.vector]),
        metadata: batch.map((item) => ({ ...item.metadata })),
      });
    },
    count: async () => {
      const names = await vectors.listIndexes();
      if (!names.includes(indexName))
        throw new Error(`listIndexes has no "${indexName}": ${names.join(', ')}`);
      return (await vectors.describeIndex({ indexName })).count;
    },
    query: async (vector, topK) =>
      (await vectors.query({ indexName, queryVector: [...vector], topK })).map((result) => result.id),
    close: async () => cleanup(),
  };
  return workload;
};
