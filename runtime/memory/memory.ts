import { randomUUID } from 'node:crypto';
import { LocalHashEmbedder } from '../embedders/local-hash-embedder.js';
import { weftError } from '../errors/create-weft-error.js';
import { WeftError } from '../errors/weft-error.js';
import type { EmbedderV1 } from '../spec/v1/embedder.js';
import type { StorageV1, ThreadRecordV1 } from '../spec/v1/storage.js';
import type { LoggerV1 } from '../spec/v1/tool-executor.js';
import type { VectorFilterV1, VectorStoreV1 } from '../spec/v1/vector-store.js';
import { MemoryVectorStore } from '../vector/memory-vector-store.js';
import { expandHits, normaliseRange } from './expand-hits.js';
import type {
  CreateThreadInput,
  MemoryHit,
  MemoryMessage,
  MemoryQuery,
  MemoryQueryResult,
  MemoryThread,
  MessageInput,
  MessageRange,
  UpdateThreadInput,
} from './memory-types.js';
import { MessageIndex } from './message-index.js';
import { prepareMessages } from './prepare-messages.js';
import { UnindexedMessages } from './unindexed-messages.js';

/** The part of `StorageV1` memory uses. */
export type MemoryStorage = Pick<
  StorageV1,
  | 'saveThread'
  | 'getThread'
  | 'listThreads'
  | 'deleteThread'
  | 'saveMessages'
  | 'getMessages'
  | 'kvGet'
  | 'kvSet'
>;

/** Options of `new Memory(...)`. */
export interface MemoryOptions {
  readonly storage: MemoryStorage;
  /** The vector store (or how to open it); default an in-memory store. */
  readonly vector?: VectorStoreV1 | (() => Promise<VectorStoreV1>);
  /** The embedder (or how to resolve it); default `local:hash-384`. */
  readonly embedder?: EmbedderV1 | (() => Promise<EmbedderV1>);
  /** Awaited before every operation (the storage's `init`); default nothing. */
  readonly whenReady?: () => Promise<unknown>;
  readonly logger?: LoggerV1;
  /** Neighbours returned with each recalled message; default 1 before and 1 after. */
  readonly messageRange?: MessageRange;
  readonly now?: () => number;
  readonly generateId?: () => string;
}

const silent: LoggerV1 = { debug() {}, info() {}, warn() {}, error() {} };

const lazy = <T>(value: T | (() => Promise<T>) | undefined, fallback: () => T): (() => Promise<T>) => {
  if (typeof value === 'function') return value as () => Promise<T>;
  let made: T | undefined = value;
  return async () => {
    made ??= fallback();
    return made;
  };
};

/**
 * Conversation memory (`weft.memory`): threads of messages in the project storage, and semantic
 * recall over them. Messages with text are embedded when saved (the project embedder, default
 * `local:hash-384`) and upserted into a vector index by message id. Saving stores first: if
 * embedding then fails, the messages are kept, listed durably for indexing on a later save or
 * query, and the call rejects with `MEMORY_INDEX_FAILED` (the embedder's error as `cause`).
 *
 * @example
 * const thread = await weft.memory.createThread({ resourceId: 'user-1', title: 'Order A1' });
 * await weft.memory.saveMessages([{ threadId: thread.id, role: 'user', content: 'My favourite colour is teal.' }]);
 * const last = await weft.memory.getMessages({ threadId: thread.id, last: 10 });
 * const { messages } = await weft.memory.query({ resourceId: 'user-1', text: 'favourite colour', topK: 3 });
 */
export class Memory {
  readonly #storage: MemoryStorage;
  readonly #ready: () => Promise<unknown>;
  readonly #index: MessageIndex;
  readonly #unindexed: UnindexedMessages;
  readonly #logger: LoggerV1;
  readonly #now: () => number;
  readonly #generateId: () => string;
  readonly #range: { before: number; after: number };

  constructor(options: MemoryOptions) {
    this.#storage = options.storage;
    this.#ready = options.whenReady ?? (async () => undefined);
    this.#index = new MessageIndex({
      vector: lazy(options.vector, () => new MemoryVectorStore()),
      embedder: lazy(options.embedder, () => new LocalHashEmbedder(384)),
    });
    this.#unindexed = new UnindexedMessages(options.storage);
    this.#logger = options.logger ?? silent;
    this.#now = options.now ?? Date.now;
    this.#generateId = options.generateId ?? randomUUID;
    this.#range = normaliseRange(options.messageRange);
  }

  /** Creates a thread (id generated unless given); an id in use is `THREAD_ALREADY_EXISTS` (409). */
  async createThread(input: CreateThreadInput = {}): Promise<MemoryThread> {
    await this.#ready();
    const id = input.id ?? this.#generateId();
    if ((await this.#storage.getThread(id)) !== undefined) {
      throw weftError('THREAD_ALREADY_EXISTS', {
        message: `A memory thread with the id "${id.slice(0, 200)}" already exists.`,
        details: { threadId: id.slice(0, 200) },
      });
    }
    const now = this.#now();
    return this.#storage.saveThread({ ...input, id, createdAt: now, updatedAt: now });
  }

  /** The thread, or `undefined`. */
  async getThread(threadId: string): Promise<MemoryThread | undefined> {
    await this.#ready();
    return this.#storage.getThread(threadId);
  }

  /** Threads newest first, optionally of one resource, a page at a time (`{ items, nextCursor? }`). */
  async listThreads(query: { resourceId?: string; limit?: number; cursor?: string } = {}) {
    await this.#ready();
    return this.#storage.listThreads(query);
  }

  /** Changes a thread's title or metadata; `THREAD_NOT_FOUND` (404) for an unknown id. */
  async updateThread(threadId: string, changes: UpdateThreadInput): Promise<MemoryThread> {
    const thread = await this.#existing(threadId);
    return this.#storage.saveThread({
      ...thread,
      ...changes,
      updatedAt: Math.max(this.#now(), thread.updatedAt),
    });
  }

  /**
   * Inserts or replaces a thread record as given (the low-level upsert agents use; prefer
   * `createThread` / `updateThread`).
   */
  async saveThread(thread: ThreadRecordV1): Promise<MemoryThread> {
    await this.#ready();
    return this.#storage.saveThread(thread);
  }

  /** Deletes a thread, its messages and their vectors; resolves whether the thread existed. */
  async deleteThread(threadId: string): Promise<boolean> {
    await this.#ready();
    const existed = await this.#storage.deleteThread(threadId);
    await this.#index.removeThread(threadId);
    return existed;
  }

  /**
   * Validates and saves messages (`saveMessages([...])` or `saveMessages({ messages })`), creating
   * a thread that does not exist yet, then embeds those with text. Idempotent by id: saving an id
   * again replaces the message and its vector. Invalid input is `MESSAGE_INVALID` (400, with the
   * JSON pointer) and saves nothing. Resolves the saved records.
   */
  async saveMessages(
    input: readonly MessageInput[] | { readonly messages: readonly MessageInput[] },
  ): Promise<MemoryMessage[]> {
    await this.#ready();
    const records = await prepareMessages(
      Array.isArray(input) ? input : (input as { messages: unknown }).messages,
      {
        storage: this.#storage,
        now: this.#now,
        generateId: this.#generateId,
      },
    );
    await this.#storage.saveMessages(records);
    try {
      await this.#unindexed.retry((pending) => this.#index.add(pending));
      await this.#index.add(records);
    } catch (error) {
      await this.#unindexed.add(records);
      throw this.#indexFailed(error, records);
    }
    return records;
  }

  /** A thread's messages oldest first; `last` keeps the newest N, `before` (epoch ms) drops newer ones. */
  async getMessages(query: { threadId: string; last?: number; before?: number }): Promise<MemoryMessage[]> {
    await this.#ready();
    return this.#storage.getMessages(query);
  }

  /**
   * Semantic recall: the `topK` (default 5) messages most similar to `text` in a thread or a
   * resource's threads, each with its neighbours, deduplicated, in conversation order.
   */
  async query(query: MemoryQuery): Promise<MemoryQueryResult> {
    await this.#ready();
    if (typeof query.text !== 'string' || query.text.trim() === '')
      throw weftError('VALIDATION_FAILED', {
        message: 'A memory query needs a non-empty text.',
        details: { pointer: '/text' },
      });
    if (query.threadId === undefined && query.resourceId === undefined)
      throw weftError('VALIDATION_FAILED', {
        message: 'A memory query needs a threadId or a resourceId.',
        details: { pointer: '' },
      });
    const topK = query.topK ?? 5;
    if (!Number.isInteger(topK) || topK < 1 || topK > 100)
      throw weftError('VALIDATION_FAILED', {
        message: 'topK must be an integer from 1 to 100.',
        details: { pointer: '/topK' },
      });
    await this.#unindexed
      .retry((pending) => this.#index.add(pending))
      .catch((error: unknown) => {
        this.#logger.warn('Messages saved earlier are still not indexed for recall.', {
          error: String(error),
        });
      });
    const exclude = new Set(query.exclude ?? []);
    const found = await this.#index.search({
      text: query.text,
      topK,
      filter: recallFilter(query),
      ...(query.signal === undefined ? {} : { signal: query.signal }),
    });
    const hits: MemoryHit[] = found.map((hit) => ({
      messageId: typeof hit.metadata?.messageId === 'string' ? hit.metadata.messageId : hit.id,
      threadId: typeof hit.metadata?.threadId === 'string' ? hit.metadata.threadId : '',
      score: hit.score,
    }));
    const threads = new Map<string, MemoryMessage[]>();
    for (const threadId of new Set(hits.map((hit) => hit.threadId)))
      threads.set(threadId, await this.#storage.getMessages({ threadId }));
    const range = query.messageRange === undefined ? this.#range : normaliseRange(query.messageRange);
    const messages = expandHits(
      hits,
      threads,
      range,
      (message) =>
        !exclude.has(message.id) && (query.before === undefined || message.createdAt < query.before),
    );
    return { messages, hits };
  }

  async #existing(threadId: string): Promise<MemoryThread> {
    await this.#ready();
    const thread = await this.#storage.getThread(threadId);
    if (thread !== undefined) return thread;
    throw weftError('THREAD_NOT_FOUND', {
      message: 'No memory thread has this id.',
      details: { threadId: threadId.slice(0, 200) },
    });
  }

  #indexFailed(error: unknown, records: readonly MemoryMessage[]): WeftError {
    const reason = error instanceof Error ? error.message : String(error);
    this.#logger.warn('Messages saved but not indexed for recall; a later save retries.', {
      messages: records.length,
      error: reason,
    });
    return weftError('MEMORY_INDEX_FAILED', {
      message: `The ${records.length} message(s) were saved, but not indexed for semantic recall (${reason}); a later save or query retries.`,
      details: { saved: records.map((record) => record.id) },
      retryable: WeftError.isInstance(error) ? error.retryable : true,
      cause: error,
    });
  }
}

function recallFilter(query: MemoryQuery): VectorFilterV1 {
  return {
    ...(query.threadId === undefined ? {} : { threadId: query.threadId }),
    ...(query.resourceId === undefined ? {} : { resourceId: query.resourceId }),
    ...(query.before === undefined ? {} : { createdAt: { $lt: query.before } }),
    ...(query.exclude === undefined || query.exclude.length === 0
      ? {}
      : { messageId: { $nin: [...query.exclude] } }),
  };
}
