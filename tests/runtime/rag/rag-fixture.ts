import { LocalHashEmbedder } from '../../../runtime/embedders/local-hash-embedder.js';
import { KnowledgeBase } from '../../../runtime/rag/knowledge-base.js';
import type { EmbedderV1 } from '../../../runtime/spec/v1/embedder.js';
import type { KnowledgeGraphV1 } from '../../../runtime/spec/v1/graph.js';
import type { VectorStoreV1 } from '../../../runtime/spec/v1/vector-store.js';
import { MemoryStorage } from '../../../runtime/storage/memory-storage.js';
import { MemoryVectorStore } from '../../../runtime/vector/memory-vector-store.js';

/** A Knowledge definition for tests (recursive chunking, small chunks). */
export function knowledgeDefinition(overrides: Partial<KnowledgeGraphV1> = {}): KnowledgeGraphV1 {
  return {
    name: 'docs',
    description: 'Test documents.',
    sources: [],
    chunking: { strategy: 'recursive', size: 60, overlap: 0 },
    embedder: 'local:hash-64',
    index: 'docs',
    ...overrides,
  };
}

/** An embedder that counts its calls and batch sizes and can be told to fail on call n (1-based). */
export class SpyEmbedder implements EmbedderV1 {
  readonly specificationVersion = 'v1' as const;
  readonly name = 'local:hash-64';
  readonly dimension = 64;
  readonly batches: number[] = [];
  failOnCall: number | undefined;
  readonly maxBatchSize?: number;
  readonly #inner = new LocalHashEmbedder(64);

  constructor(maxBatchSize?: number) {
    if (maxBatchSize !== undefined) this.maxBatchSize = maxBatchSize;
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    this.batches.push(texts.length);
    if (this.failOnCall === this.batches.length) throw new Error('embedding service down');
    return this.#inner.embed(texts);
  }
}

/** A vector store whose upserts (and, optionally, deletes) fail from a given call on. */
export class FlakyVectorStore extends MemoryVectorStore implements VectorStoreV1 {
  upserts = 0;
  failUpsertFrom: number | undefined;
  failDeletes = false;

  override async upsert(options: Parameters<VectorStoreV1['upsert']>[0]): Promise<void> {
    this.upserts += 1;
    if (this.failUpsertFrom !== undefined && this.upserts >= this.failUpsertFrom)
      throw new Error('vector store unavailable');
    return super.upsert(options);
  }

  override async delete(options: Parameters<VectorStoreV1['delete']>[0]): Promise<void> {
    if (this.failDeletes) throw new Error('vector store unavailable');
    return super.delete(options);
  }
}

/** A knowledge base over in-memory storage and vectors. */
export async function knowledgeBase(
  options: {
    definition?: KnowledgeGraphV1;
    store?: VectorStoreV1;
    embedder?: EmbedderV1;
    projectDir?: string;
  } = {},
) {
  const storage = new MemoryStorage();
  await storage.init();
  const store = options.store ?? new MemoryVectorStore();
  const embedder = options.embedder ?? new SpyEmbedder();
  const rag = new KnowledgeBase({
    definition: options.definition ?? knowledgeDefinition(),
    vector: store,
    embedder,
    storage,
    ...(options.projectDir === undefined ? {} : { projectDir: options.projectDir }),
  });
  return { rag, store, embedder, storage };
}

/** The ids stored in an index (every vector, by querying with topK large enough). */
export async function storedIds(store: VectorStoreV1, index: string): Promise<string[]> {
  const { count, dimension } = await store.describeIndex(index);
  if (count === 0) return [];
  const probe = new Array<number>(dimension).fill(0);
  probe[0] = 1;
  const hits = await store.query({ index, vector: probe, topK: count });
  return hits.map((hit) => hit.id).sort();
}
