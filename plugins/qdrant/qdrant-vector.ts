import { QdrantClient } from '@qdrant/js-client-rest';
import { weftError } from '../../runtime/errors/create-weft-error.js';
import { WeftError } from '../../runtime/errors/weft-error.js';
import type {
  CreateVectorIndexV1,
  DeleteVectorsV1,
  QueryVectorsV1,
  UpsertVectorsV1,
  VectorIndexStatsV1,
  VectorMetadataV1,
  VectorMetricV1,
  VectorQueryResultV1,
  VectorStoreV1,
} from '../../runtime/spec/v1/vector-store.js';
import { defaultRetryPolicy, type RetryPolicy, retryCall } from '../../runtime/vector/hosted/retry-call.js';
import { batchRecords, upsertInBatches } from '../../runtime/vector/hosted/upsert-in-batches.js';
import { parseVectorFilter } from '../../runtime/vector/parse-vector-filter.js';
import { sortVectorResults } from '../../runtime/vector/sort-vector-results.js';
import {
  validateCreateIndex,
  validateIndexName,
  validateTopK,
  validateVectorId,
  validateVectorRecords,
  validateVectorValues,
} from '../../runtime/vector/validate-vector-input.js';
import { classifyQdrantError } from './classify-qdrant-error.js';
import { toQdrantFilter } from './qdrant-filter.js';
import { qdrantPointId, weftIdKey } from './qdrant-point-id.js';

/**
 * How `QdrantVector` reaches Qdrant.
 *
 * @example
 * const options: QdrantVectorOptions = { url: 'http://127.0.0.1:6333', batchSize: 512 };
 */
export interface QdrantVectorOptions {
  /** The REST URL, `http(s)://host:6333`. */
  readonly url: string;
  readonly apiKey?: string;
  /** Points per upsert request (default 256). */
  readonly batchSize?: number;
  readonly retry?: RetryPolicy;
  /** Randomness of the retry jitter (tests inject it). */
  readonly random?: () => number;
}

interface CollectionInfo {
  readonly dimension: number;
  readonly metric: VectorMetricV1;
}

type QdrantDistance = 'Cosine' | 'Euclid' | 'Dot';

const distanceOf: Readonly<Record<VectorMetricV1, QdrantDistance>> = {
  cosine: 'Cosine',
  euclidean: 'Euclid',
  dotproduct: 'Dot',
};

/** Qdrant stores cosine vectors normalised; the original is kept here to give it back as written. */
const weftVectorKey = '_weft_vector';
const maxRequestBytes = 16 * 1024 * 1024;

/**
 * A `VectorStoreV1` over Qdrant collections (one weft index = one collection with one unnamed
 * vector of `size` and `distance` Cosine/Euclid/Dot). Point ids are name-based UUIDs of weft ids
 * (`qdrantPointId`), the weft id kept in the payload as `_weft_id`; metadata is the rest of the
 * payload, nested objects and arrays included. Filters are translated exactly (`toQdrantFilter`);
 * Euclid distances `d` are reported as `1 / (1 + d)`. Every call has a timeout and is retried on
 * 429/5xx/network errors with exponential backoff and jitter.
 *
 * @example
 * const store = new QdrantVector({ url: 'http://127.0.0.1:6333' });
 * await store.createIndex({ name: 'help-center', dimension: 384, metric: 'cosine' });
 */
export class QdrantVector implements VectorStoreV1 {
  readonly specificationVersion = 'v1';
  readonly #client: QdrantClient;
  readonly #options: QdrantVectorOptions;
  readonly #policy: RetryPolicy;
  readonly #collections = new Map<string, CollectionInfo>();

  constructor(options: QdrantVectorOptions) {
    this.#options = options;
    this.#policy = options.retry ?? defaultRetryPolicy;
    this.#client = new QdrantClient({
      url: options.url,
      timeout: this.#policy.timeoutMs,
      checkCompatibility: false,
      // The key goes in a header directly: the client warns about keys over http otherwise.
      ...(options.apiKey === undefined ? {} : { headers: { 'api-key': options.apiKey } }),
    });
  }

  async createIndex(options: CreateVectorIndexV1): Promise<void> {
    const { name, dimension, metric } = validateCreateIndex(options);
    let existing = await this.#describe(name);
    if (existing === undefined) {
      try {
        await this.#call(`create collection "${name}"`, name, () =>
          this.#client.createCollection(name, { vectors: { size: dimension, distance: distanceOf[metric] } }),
        );
        this.#collections.set(name, { dimension, metric });
        return;
      } catch (error) {
        if (!(WeftError.isInstance(error) && error.code === 'VECTOR_INDEX_CONFLICT')) throw error;
        existing = await this.#describe(name);
        if (existing === undefined) throw error;
      }
    }
    if (existing.dimension !== dimension || existing.metric !== metric) {
      throw weftError('VECTOR_INDEX_CONFLICT', {
        message: `Qdrant collection "${name}" exists with dimension ${existing.dimension} and metric ${existing.metric}, not ${dimension} and ${metric}.`,
        details: {
          store: 'qdrant',
          index: name,
          existing: { dimension: existing.dimension, metric: existing.metric },
          requested: { dimension, metric },
        },
      });
    }
  }

  async upsert(options: UpsertVectorsV1): Promise<void> {
    const info = await this.#info(options.index);
    const records = validateVectorRecords({ ...info, index: options.index, vectors: options.vectors });
    const points = records.map((record) => {
      if (
        record.metadata !== undefined &&
        (weftIdKey in record.metadata || weftVectorKey in record.metadata)
      ) {
        throw weftError('VALIDATION_FAILED', {
          message: `The metadata of vector "${record.id}" uses a key the Qdrant store reserves (${weftIdKey}, ${weftVectorKey}).`,
          details: { store: 'qdrant', index: options.index, id: record.id },
        });
      }
      return {
        id: qdrantPointId(record.id),
        vector: [...record.vector],
        payload: {
          ...record.metadata,
          [weftIdKey]: record.id,
          ...(info.metric === 'cosine' ? { [weftVectorKey]: [...record.vector] } : {}),
        },
      };
    });
    const batches = batchRecords(
      points,
      { maxRecords: this.#options.batchSize ?? 256, maxBytes: maxRequestBytes },
      (point) => Buffer.byteLength(JSON.stringify(point)),
    );
    await upsertInBatches(
      'qdrant',
      options.index,
      batches,
      (point) => String(point.payload[weftIdKey]),
      (batch) =>
        this.#call(`upsert into "${options.index}"`, options.index, () =>
          this.#client.upsert(options.index, { wait: true, points: [...batch] }),
        ).then(() => undefined),
    );
  }

  async query(options: QueryVectorsV1): Promise<VectorQueryResultV1[]> {
    const info = await this.#info(options.index);
    const vector = validateVectorValues({ ...info, index: options.index, vector: options.vector });
    const topK = validateTopK(options.index, options.topK);
    const filter =
      options.filter === undefined ? undefined : toQdrantFilter(parseVectorFilter(options.filter));
    const withVector = options.includeVector === true && info.metric !== 'cosine';
    const response = await this.#call(`query "${options.index}"`, options.index, () =>
      this.#client.query(options.index, {
        query: [...vector],
        limit: topK,
        with_payload: true,
        with_vector: withVector,
        ...(filter === undefined ? {} : { filter }),
      }),
    );
    const hits = response.points.map((point): VectorQueryResultV1 => {
      const {
        [weftIdKey]: id,
        [weftVectorKey]: original,
        ...metadata
      } = (point.payload ?? {}) as Record<string, unknown>;
      const stored = info.metric === 'cosine' ? original : point.vector;
      return {
        id: typeof id === 'string' ? id : String(point.id),
        score: info.metric === 'euclidean' ? 1 / (1 + point.score) : point.score,
        ...(Object.keys(metadata).length === 0 ? {} : { metadata: metadata as VectorMetadataV1 }),
        ...(options.includeVector === true && Array.isArray(stored) ? { vector: stored as number[] } : {}),
      };
    });
    return sortVectorResults(hits).slice(0, topK);
  }

  async delete(options: DeleteVectorsV1): Promise<void> {
    await this.#info(options.index);
    if ('ids' in options && options.ids !== undefined) {
      const points = options.ids.map((id) => qdrantPointId(validateVectorId(options.index, id)));
      if (points.length === 0) return;
      await this.#call(`delete from "${options.index}"`, options.index, () =>
        this.#client.delete(options.index, { wait: true, points }),
      );
      return;
    }
    if (!('filter' in options) || options.filter === undefined) {
      throw weftError('VALIDATION_FAILED', {
        message: `A delete from "${options.index}" needs ids or a filter.`,
        details: { index: options.index },
      });
    }
    const filter = toQdrantFilter(parseVectorFilter(options.filter));
    await this.#call(`delete from "${options.index}"`, options.index, () =>
      this.#client.delete(options.index, { wait: true, filter }),
    );
  }

  async describeIndex(name: string): Promise<VectorIndexStatsV1> {
    validateIndexName(name);
    this.#collections.delete(name);
    const info = await this.#info(name);
    const { count } = await this.#call(`count "${name}"`, name, () =>
      this.#client.count(name, { exact: true }),
    );
    return { dimension: info.dimension, metric: info.metric, count };
  }

  async listIndexes(): Promise<string[]> {
    const { collections } = await this.#call('list collections', undefined, () =>
      this.#client.getCollections(),
    );
    return collections.map((collection) => collection.name).sort();
  }

  async deleteIndex(name: string): Promise<void> {
    await this.#info(name);
    this.#collections.delete(name);
    await this.#call(`delete collection "${name}"`, name, () => this.#client.deleteCollection(name));
  }

  async #info(name: string): Promise<CollectionInfo> {
    validateIndexName(name);
    const cached = this.#collections.get(name);
    if (cached !== undefined) return cached;
    const info = await this.#describe(name);
    if (info !== undefined) return info;
    throw weftError('VECTOR_INDEX_NOT_FOUND', {
      message: `Vector index "${name}" does not exist in Qdrant.`,
      details: { store: 'qdrant', index: name },
    });
  }

  async #describe(name: string): Promise<CollectionInfo | undefined> {
    validateIndexName(name);
    let collection: Awaited<ReturnType<QdrantClient['getCollection']>>;
    try {
      collection = await this.#call(`describe collection "${name}"`, name, () =>
        this.#client.getCollection(name),
      );
    } catch (error) {
      if (WeftError.isInstance(error) && error.code === 'VECTOR_INDEX_NOT_FOUND') return undefined;
      throw error;
    }
    const vectors = collection.config.params.vectors;
    const params = vectors !== undefined && 'size' in vectors ? vectors : undefined;
    const metric = (Object.keys(distanceOf) as VectorMetricV1[]).find(
      (candidate) => distanceOf[candidate] === params?.distance,
    );
    if (params === undefined || metric === undefined || typeof params.size !== 'number') {
      throw weftError('VECTOR_STORE_FAILED', {
        message: `Qdrant collection "${name}" is not a weft index: it needs one unnamed vector with Cosine, Euclid or Dot distance.`,
        details: { store: 'qdrant', index: name },
      });
    }
    const info = { dimension: params.size, metric };
    this.#collections.set(name, info);
    return info;
  }

  async #call<T>(operation: string, index: string | undefined, call: () => Promise<T>): Promise<T> {
    try {
      return await retryCall(() => call(), {
        store: 'qdrant',
        operation,
        policy: this.#policy,
        classify: classifyQdrantError,
        ...(index === undefined ? {} : { details: { index } }),
        ...(this.#options.random === undefined ? {} : { random: this.#options.random }),
      });
    } catch (error) {
      if (index !== undefined && WeftError.isInstance(error) && error.code !== 'VECTOR_STORE_RATE_LIMITED') {
        this.#collections.delete(index);
      }
      throw error;
    }
  }
}
