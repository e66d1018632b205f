import type { Index, Pinecone } from '@pinecone-database/pinecone';
import type { CreateVectorIndexV1, VectorMetricV1 } from '../../runtime/spec/v1/vector-store.js';

/**
 * Where one weft index lives in Pinecone: a Pinecone index (name and data plane host), a
 * namespace in it, and the dimension and metric its vectors have.
 *
 * @example
 * const target: PineconeTarget = { indexName: 'kb', host: 'https://kb-x.svc.pinecone.io', namespace: 'help_center', dimension: 384, metric: 'cosine' };
 */
export interface PineconeTarget {
  readonly indexName: string;
  readonly host: string;
  readonly namespace: string;
  readonly dimension: number;
  readonly metric: VectorMetricV1;
}

/**
 * Runs one Pinecone call with the store's timeout, retries and error mapping; `index` names the
 * weft index the call is about (a failure drops what is cached about it).
 *
 * @example
 * const list = await call('list indexes', undefined, () => client.listIndexes());
 */
export type PineconeCall = <T>(
  operation: string,
  index: string | undefined,
  call: () => Promise<T>,
) => Promise<T>;

/**
 * How weft indexes map onto Pinecone: one Pinecone index each (`PineconeIndexLayout`), or one
 * namespace each inside a shared, existing Pinecone index (`PineconeNamespaceLayout`). The data
 * operations (upsert, query, delete) are the same in both and go to `target(name)`.
 *
 * @example
 * const target = await layout.target('help_center');
 * await pineconeIndex(client, target).query({ vector, topK: 5 });
 */
export interface PineconeLayout {
  /** Creates a weft index; a no-op when it exists with the same dimension and metric. */
  create(options: CreateVectorIndexV1): Promise<void>;
  /** Where a weft index lives (cached); `VECTOR_INDEX_NOT_FOUND` when it does not exist. */
  target(name: string): Promise<PineconeTarget>;
  /** A weft index's target and vector count, read afresh. */
  count(name: string): Promise<{ readonly target: PineconeTarget; readonly count: number }>;
  /** The weft indexes, sorted. */
  list(): Promise<string[]>;
  /** Deletes a weft index and its vectors; `VECTOR_INDEX_NOT_FOUND` when it does not exist. */
  remove(name: string): Promise<void>;
  /** Drops what is cached about a weft index (it may have changed elsewhere). */
  forget(name: string): void;
}

/**
 * The Pinecone client's data plane handle of a target (its index host and namespace).
 *
 * @example
 * await pineconeIndex(client, target).upsert({ records });
 */
export function pineconeIndex(client: Pinecone, target: PineconeTarget): Index {
  return client.index({ name: target.indexName, host: target.host, namespace: target.namespace });
}
