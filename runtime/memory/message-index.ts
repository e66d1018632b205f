import { createHash } from 'node:crypto';
import { embedTexts } from '../embedders/embed-texts.js';
import type { EmbedderV1 } from '../spec/v1/embedder.js';
import type {
  VectorFilterV1,
  VectorMetadataV1,
  VectorQueryResultV1,
  VectorStoreV1,
} from '../spec/v1/vector-store.js';
import type { MemoryMessage } from './memory-types.js';
import { messageText } from './message-text.js';

/** Every memory index name starts with this (`weft_memory_local_hash_384`). */
export const memoryIndexPrefix = 'weft_memory_';

/**
 * The vector index of the messages embedded by `embedder`: one index per embedder, so that vectors
 * of two models (even of the same length) never mix. `weft_memory_<embedder>` (`_<dimension>`
 * appended unless the name ends with it), at most 63 characters.
 *
 * @example
 * memoryIndexName({ name: 'local:hash-384', dimension: 384 }); // 'weft_memory_local_hash_384'
 * memoryIndexName({ name: 'openai:text-embedding-3-small', dimension: 1536 }); // 'weft_memory_openai_text_embedding_3_small_1536'
 */
export function memoryIndexName(embedder: Pick<EmbedderV1, 'name' | 'dimension'>): string {
  const slug = embedder.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const suffix = slug.endsWith(`_${embedder.dimension}`) ? '' : `_${embedder.dimension}`;
  const name = `${memoryIndexPrefix}${slug}${suffix}`;
  if (name.length <= 63) return name;
  const hash = createHash('sha256').update(embedder.name).digest('hex').slice(0, 10);
  return `${memoryIndexPrefix}${slug.slice(0, 63 - memoryIndexPrefix.length - hash.length - suffix.length - 1)}_${hash}${suffix}`;
}

/** Where `MessageIndex` finds the vector store and the embedder (both resolved lazily). */
export interface MessageIndexOptions {
  readonly vector: () => Promise<VectorStoreV1>;
  readonly embedder: () => Promise<EmbedderV1>;
}

/** A similarity search in the memory index. */
export interface MessageSearch {
  readonly text: string;
  readonly topK: number;
  readonly filter?: VectorFilterV1;
  readonly signal?: AbortSignal;
}

/**
 * The vector side of memory: embeds messages with text and upserts them by message id (so saving
 * a message twice leaves one vector), with metadata `{ threadId, resourceId?, messageId,
 * createdAt, role }`; searches them; deletes a thread's vectors from every memory index.
 *
 * @example
 * const index = new MessageIndex({ vector: () => weft.getVector(), embedder: () => weft.resolveEmbedder() });
 * await index.add(savedMessages);
 * const hits = await index.search({ text: 'favourite colour', topK: 3, filter: { threadId: 't-1' } });
 */
export class MessageIndex {
  readonly #options: MessageIndexOptions;
  readonly #created = new Map<string, Promise<void>>();

  constructor(options: MessageIndexOptions) {
    this.#options = options;
  }

  /** Embeds and upserts the messages that have text; removes the vectors of those that have none. */
  async add(messages: readonly MemoryMessage[], signal?: AbortSignal): Promise<void> {
    const withText = messages
      .map((message) => ({ message, text: messageText(message.content) }))
      .filter(({ text }) => text !== '');
    const withoutText = messages.filter((message) => messageText(message.content) === '');
    const { store, embedder, index } = await this.#open();
    if (withoutText.length > 0) await store.delete({ index, ids: withoutText.map((message) => message.id) });
    if (withText.length === 0) return;
    const vectors = await embedTexts(
      embedder,
      withText.map(({ text }) => text),
      signal === undefined ? {} : { signal },
    );
    await store.upsert({
      index,
      vectors: withText.map(({ message }, position) => ({
        id: message.id,
        vector: vectors[position] ?? [],
        metadata: metadataOf(message),
      })),
    });
  }

  /** The `topK` messages closest to `text`, best first. */
  async search(search: MessageSearch): Promise<VectorQueryResultV1[]> {
    const { store, embedder, index } = await this.#open();
    const [vector] = await embedTexts(
      embedder,
      [search.text],
      search.signal === undefined ? {} : { signal: search.signal },
    );
    return store.query({
      index,
      vector: vector ?? [],
      topK: search.topK,
      ...(search.filter === undefined ? {} : { filter: search.filter }),
    });
  }

  /** Deletes every vector of the thread, in every memory index (of this and of earlier embedders). */
  async removeThread(threadId: string): Promise<void> {
    const store = await this.#options.vector();
    const names = (await store.listIndexes()).filter((name) => name.startsWith(memoryIndexPrefix));
    for (const index of names) await store.delete({ index, filter: { threadId } });
  }

  async #open(): Promise<{ store: VectorStoreV1; embedder: EmbedderV1; index: string }> {
    const [store, embedder] = await Promise.all([this.#options.vector(), this.#options.embedder()]);
    const index = memoryIndexName(embedder);
    let created = this.#created.get(index);
    if (created === undefined) {
      created = store.createIndex({ name: index, dimension: embedder.dimension, metric: 'cosine' });
      this.#created.set(index, created);
      created.catch(() => this.#created.delete(index));
    }
    await created;
    return { store, embedder, index };
  }
}

function metadataOf(message: MemoryMessage): VectorMetadataV1 {
  return {
    threadId: message.threadId,
    messageId: message.id,
    createdAt: message.createdAt,
    role: message.role,
    ...(message.resourceId === undefined ? {} : { resourceId: message.resourceId }),
  };
}
