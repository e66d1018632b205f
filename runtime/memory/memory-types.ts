import type { MessageRecordV1, MessageRoleV1, ThreadRecordV1 } from '../spec/v1/storage.js';

/** A memory thread: `{ id, resourceId?, title?, metadata?, createdAt, updatedAt }`. */
export type MemoryThread = ThreadRecordV1;

/** A stored message: `{ id, threadId, resourceId?, role, content, createdAt }`. */
export type MemoryMessage = MessageRecordV1;

/**
 * A message to save. `id` is optional (generated when absent; saving an id again replaces that
 * message, never duplicates it); `createdAt` defaults to now (after the thread's newest message,
 * in array order), or to the stored value when the id was saved before. `content` is a string or
 * AI-SDK-style parts: `{ type: 'text', text }`, `{ type: 'image', image }`, `{ type: 'file', data,
 * mediaType }`, `{ type: 'reasoning', text }`, `{ type: 'tool-call', toolCallId, toolName, input }`,
 * `{ type: 'tool-result', toolCallId, toolName, output }`.
 *
 * @example
 * const message: MessageInput = { threadId: 't-1', role: 'user', content: 'My order A1 is late.' };
 */
export interface MessageInput {
  readonly id?: string;
  readonly threadId: string;
  readonly resourceId?: string;
  readonly role: MessageRoleV1;
  readonly content: unknown;
  readonly createdAt?: number;
}

/** Fields of a new thread (`createThread`); every one optional. */
export interface CreateThreadInput {
  /** Default a generated id; an id already in use is `THREAD_ALREADY_EXISTS`. */
  readonly id?: string;
  readonly resourceId?: string;
  readonly title?: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** What `updateThread` may change. */
export interface UpdateThreadInput {
  readonly title?: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** How many messages around each recalled message are returned with it. */
export type MessageRange = number | { readonly before: number; readonly after: number };

/**
 * A semantic recall query: the `topK` stored messages most similar to `text` within one thread
 * (`threadId`) or every thread of a resource (`resourceId`; both given: both must match), each
 * with its neighbours.
 *
 * @example
 * const query: MemoryQuery = { resourceId: 'user-1', text: 'favourite colour', topK: 3 };
 */
export interface MemoryQuery {
  readonly threadId?: string;
  readonly resourceId?: string;
  readonly text: string;
  /** Default 5. */
  readonly topK?: number;
  /** Only messages created before this time (epoch ms). */
  readonly before?: number;
  /** Neighbours returned with each hit; default 1 before and 1 after. */
  readonly messageRange?: MessageRange;
  /** Message ids never returned (e.g. those already in the prompt). */
  readonly exclude?: readonly string[];
  readonly signal?: AbortSignal;
}

/** One similar message a query found. */
export interface MemoryHit {
  readonly messageId: string;
  readonly threadId: string;
  /** Higher is more similar. */
  readonly score: number;
}

/** The answer of `memory.query`: the hits, and the hits with their neighbours in conversation order. */
export interface MemoryQueryResult {
  /** Hits and neighbours, deduplicated, ordered by `createdAt` then id. */
  readonly messages: MemoryMessage[];
  /** Best first. */
  readonly hits: MemoryHit[];
}
