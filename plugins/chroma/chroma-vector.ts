import { ChromaClient, type Collection, type Metadata, type Where } from 'chromadb';
import { weftError } from '../../runtime/errors/create-weft-error.js';
import { WeftError } from '../../runtime/errors/weft-error.js';
import type {
  CreateVectorIndexV1,
  DeleteVectorsV1,
  QueryVectorsV1,
  UpsertVectorsV1,
  VectorIndexStatsV1,
  VectorMetricV1,
  VectorQueryResultV1,
  VectorStoreV1,
} from '../../runtime/spec/v1/vector-store.js';
import { flattenMetadata, nestMetadata } from '../../runtime/vector/hosted/flatten-metadata.js';
import {
  currentAttemptSignal,
  defaultRetryPolicy,
  type RetryPolicy,
  retryCall,
} from '../../runtime/vector/hosted/retry-call.js';
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
import { toChromaWhere } from './chroma-filter.js';
import { classifyChromaError } from './classify-chroma-error.js';

/**
 * How `ChromaVector` reaches a Chroma server (HTTP API v2).
 *
 * @example
 * const options: ChromaVectorOptions = { url: 'http://127.0.0.1:8000', database: 'prod' };
 */
export interface ChromaVectorOptions {
  /** The server URL, `http(s)://host:8000`. */
  readonly url: string;
  /** Sent as `x-chroma-token`. */
  readonly apiKey?: string;
  readonly tenant?: string;
  readonly database?: string;
  /** Records per upsert request (default: the server's maximum batch size). */
  readonly batchSize?: number;
  readonly retry?: RetryPolicy;
  /** Randomness of the retry jitter (tests inject it). */
  readonly random?: () => number;
}

interface CollectionInfo {
  readonly collection: Collection;
  readonly dimension: number;
  readonly metric: VectorMetricV1;
}

type ChromaSpace = 'cosine' | 'l2' | 'ip';

const spaceOf: Readonly<Record<VectorMetricV1, ChromaSpace>> = {
  cosine: 'cosine',
  euclidean: 'l2',
  dotproduct: 'ip',
};
/** Collection metadata keys where weft keeps the index definition (Chroma fixes no dimension up front). */
const dimensionKey = 'weft:dimension';
const metricKey = 'weft:metric';
const chromaName = /^[a-zA-Z0-9][a-zA-Z0-9._-]{1,510}[a-zA-Z0-9]$/;
const maxRequestBytes = 16 * 1024 * 1024;

/**
 * A `VectorStoreV1` over Chroma collections (one weft index = one collection whose HNSW space is
 * `cosine`, `l2` or `ip`, created without an embedding function: weft sends embeddings). Only
 * embeddings, metadata and distances are asked for (`include`), never documents. Metadata is
 * flat: nested objects are flattened to dotted keys, arrays are refused (`VALIDATION_FAILED`).
 * Distances become weft scores (`vectorScore`): cosine `1 - d`, ip `1 - d`, l2 (squared) `1 / (1 +
 * sqrt(d))`. Filters are translated exactly or refused (`toChromaWhere`). Every call has a timeout
 * and is retried on 429/5xx/network errors with exponential backoff and jitter.
 *
 * @example
 * const store = new ChromaVector({ url: 'http://127.0.0.1:8000' });
 * await store.createIndex({ name: 'help-center', dimension: 384, metric: 'cosine' });
 */
export class ChromaVector implements VectorStoreV1 {
  readonly specificationVersion = 'v1';
  readonly #client: ChromaClient;
  readonly #options: ChromaVectorOptions;
  readonly #policy: RetryPolicy;
  readonly #collections = new Map<string, CollectionInfo>();

  constructor(options: ChromaVectorOptions) {
    this.#options = options;
    this.#policy = options.retry ?? defaultRetryPolicy;
    const url = new URL(options.url);
    const ssl = url.protocol === 'https:';
    this.#client = new ChromaClient({
      host: url.hostname,
      port: url.port === '' ? (ssl ? 443 : 8000) : Number(url.port),
      ssl,
      tenant: options.tenant ?? 'default_tenant',
      database: options.database ?? 'default_database',
      ...(options.apiKey === undefined ? {} : { headers: { 'x-chroma-token': options.apiKey } }),
    });
    abortWithAttempt(this.#client);
  }

  async createIndex(options: CreateVectorIndexV1): Promise<void> {
    const { name, dimension, metric } = validateCreateIndex(options);
    let existing = await this.#describe(name);
    if (existing === undefined) {
      try {
        const collection = await this.#call(`create collection "${name}"`, name, () =>
          this.#client.createCollection({
            name,
            embeddingFunction: null,
            configuration: { hnsw: { space: spaceOf[metric] } },
            metadata: { [dimensionKey]: dimension, [metricKey]: metric },
          }),
        );
        this.#collections.set(name, { collection, dimension, metric });
        return;
      } catch (error) {
        if (!(WeftError.isInstance(error) && error.code === 'VECTOR_INDEX_CONFLICT')) throw error;
        existing = await this.#describe(name);
        if (existing === undefined) throw error;
      }
    }
    if (existing.dimension !== dimension || existing.metric !== metric) {
      throw weftError('VECTOR_INDEX_CONFLICT', {
        message: `Chroma collection "${name}" exists with dimension ${existing.dimension} and metric ${existing.metric}, not ${dimension} and ${metric}.`,
        details: {
          store: 'chroma',
          index: name,
          existing: { dimension: existing.dimension, metric: existing.metric },
          requested: { dimension, metric },
        },
      });
    }
  }

  async upsert(options: UpsertVectorsV1): Promise<void> {
    await this.#withCollection(options.index, (info) => this.#upsert(info, options));
  }

  async #upsert(info: CollectionInfo, options: UpsertVectorsV1): Promise<void> {
    const records = validateVectorRecords({ ...info, index: options.index, vectors: options.vectors }).map(
      (record) => {
        const metadata =
          record.metadata === undefined
            ? {}
            : flattenMetadata(record.metadata, (key) => {
                throw weftError('VALIDATION_FAILED', {
                  message: `The chroma store does not hold list metadata: field "${key}" of vector "${record.id}" in "${options.index}".`,
                  details: { store: 'chroma', index: options.index, id: record.id, field: key },
                });
              });
        return { id: record.id, embedding: [...record.vector], metadata };
      },
    );
    const serverMax = await this.#call('read the server limits', undefined, () =>
      this.#client.getMaxBatchSize(),
    );
    const maxRecords = Math.min(
      this.#options.batchSize ?? Number.POSITIVE_INFINITY,
      serverMax > 0 ? serverMax : 1000,
    );
    const batches = batchRecords(records, { maxRecords, maxBytes: maxRequestBytes }, (record) =>
      Buffer.byteLength(JSON.stringify(record)),
    );
    await upsertInBatches(
      'chroma',
      options.index,
      batches,
      (record) => record.id,
      (batch) =>
        this.#call(`upsert into "${options.index}"`, options.index, () =>
          info.collection.upsert({
            ids: batch.map((record) => record.id),
            embeddings: batch.map((record) => record.embedding),
            // Chroma refuses empty metadata objects; `null` means none.
            metadatas: batch.map((record) =>
              Object.keys(record.metadata).length === 0 ? null : record.metadata,
            ) as Metadata[],
          }),
        ),
    );
  }

  async query(options: QueryVectorsV1): Promise<VectorQueryResultV1[]> {
    return this.#withCollection(options.index, (info) => this.#query(info, options));
  }

  async #query(info: CollectionInfo, options: QueryVectorsV1): Promise<VectorQueryResultV1[]> {
    const vector = validateVectorValues({ ...info, index: options.index, vector: options.vector });
    const topK = validateTopK(options.index, options.topK);
    const where = options.filter === undefined ? true : toChromaWhere(parseVectorFilter(options.filter));
    if (where === false) return [];
    const result = await this.#call(`query "${options.index}"`, options.index, () =>
      info.collection.query({
        queryEmbeddings: [[...vector]],
        nResults: topK,
        include:
          options.includeVector === true
            ? ['metadatas', 'distances', 'embeddings']
            : ['metadatas', 'distances'],
        ...(where === true ? {} : { where: where as Where }),
      }),
    );
    const ids = result.ids[0] ?? [];
    const hits = ids.map((id, position): VectorQueryResultV1 => {
      const metadata = result.metadatas[0]?.[position];
      const nested = metadata === null || metadata === undefined ? {} : nestMetadata(metadata);
      const embedding = result.embeddings[0]?.[position];
      return {
        id,
        score: toScore(info.metric, result.distances[0]?.[position] ?? 0),
        ...(Object.keys(nested).length === 0 ? {} : { metadata: nested }),
        ...(options.includeVector === true && embedding !== null && embedding !== undefined
          ? { vector: [...embedding] }
          : {}),
      };
    });
    return sortVectorResults(hits).slice(0, topK);
  }

  async delete(options: DeleteVectorsV1): Promise<void> {
    await this.#withCollection(options.index, (info) => this.#delete(info, options));
  }

  async #delete(info: CollectionInfo, options: DeleteVectorsV1): Promise<void> {
    if ('ids' in options && options.ids !== undefined) {
      const ids = options.ids.map((id) => validateVectorId(options.index, id));
      if (ids.length === 0) return;
      await this.#call(`delete from "${options.index}"`, options.index, () =>
        info.collection.delete({ ids }),
      );
      return;
    }
    if (!('filter' in options) || options.filter === undefined) {
      throw weftError('VALIDATION_FAILED', {
        message: `A delete from "${options.index}" needs ids or a filter.`,
        details: { index: options.index },
      });
    }
    const where = toChromaWhere(parseVectorFilter(options.filter));
    if (where === false) return;
    if (where !== true) {
      await this.#call(`delete from "${options.index}"`, options.index, () =>
        info.collection.delete({ where: where as Where }),
      );
      return;
    }
    // Chroma deletes by ids or by a where clause only: "everything" is every id, page by page.
    for (;;) {
      const page = await this.#call(`list "${options.index}"`, options.index, () =>
        info.collection.get({ limit: 1000, include: [] }),
      );
      if (page.ids.length === 0) return;
      await this.#call(`delete from "${options.index}"`, options.index, () =>
        info.collection.delete({ ids: page.ids }),
      );
    }
  }

  async describeIndex(name: string): Promise<VectorIndexStatsV1> {
    this.#collections.delete(name);
    const info = await this.#info(name);
    const count = await this.#call(`count "${name}"`, name, () => info.collection.count());
    return { dimension: info.dimension, metric: info.metric, count };
  }

  async listIndexes(): Promise<string[]> {
    const names: string[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await this.#call('list collections', undefined, () =>
        this.#client.listCollections({ limit: 100, offset }),
      );
      names.push(...page.map((collection) => collection.name));
      if (page.length < 100) return names.sort();
    }
  }

  async deleteIndex(name: string): Promise<void> {
    await this.#info(name);
    this.#collections.delete(name);
    await this.#call(`delete collection "${name}"`, name, () => this.#client.deleteCollection({ name }));
  }

  /**
   * Runs `work` on the collection; Chroma addresses records by collection id, so when a cached
   * collection has gone (deleted and created again elsewhere), it is looked up once more.
   */
  async #withCollection<T>(name: string, work: (info: CollectionInfo) => Promise<T>): Promise<T> {
    const cached = this.#collections.has(name);
    const info = await this.#info(name);
    try {
      return await work(info);
    } catch (error) {
      if (!cached || !WeftError.isInstance(error) || error.code !== 'VECTOR_INDEX_NOT_FOUND') throw error;
      return work(await this.#info(name));
    }
  }

  async #info(name: string): Promise<CollectionInfo> {
    const cached = this.#collections.get(name);
    if (cached !== undefined) return cached;
    const info = await this.#describe(name);
    if (info !== undefined) return info;
    throw weftError('VECTOR_INDEX_NOT_FOUND', {
      message: `Vector index "${name}" does not exist in Chroma.`,
      details: { store: 'chroma', index: name },
    });
  }

  async #describe(name: string): Promise<CollectionInfo | undefined> {
    validateIndexName(name);
    if (!chromaName.test(name)) {
      throw weftError('VALIDATION_FAILED', {
        message: `Invalid Chroma collection name "${name}": use 3 to 512 letters, digits, ".", "_" or "-", starting and ending with a letter or digit.`,
        details: { store: 'chroma', index: name },
      });
    }
    let collection: Collection;
    try {
      collection = await this.#call(`describe collection "${name}"`, name, () =>
        this.#client.getCollection({ name }),
      );
    } catch (error) {
      if (WeftError.isInstance(error) && error.code === 'VECTOR_INDEX_NOT_FOUND') return undefined;
      throw error;
    }
    const dimension = collection.metadata?.[dimensionKey];
    const metric = collection.metadata?.[metricKey];
    if (typeof dimension !== 'number' || !isMetric(metric)) {
      throw weftError('VECTOR_STORE_FAILED', {
        message: `Chroma collection "${name}" was not created by weft: its metadata has no "${dimensionKey}" and "${metricKey}".`,
        details: { store: 'chroma', index: name },
      });
    }
    const info: CollectionInfo = { collection, dimension, metric };
    this.#collections.set(name, info);
    return info;
  }

  async #call<T>(operation: string, index: string | undefined, call: () => Promise<T>): Promise<T> {
    try {
      return await retryCall(() => call(), {
        store: 'chroma',
        operation,
        policy: this.#policy,
        classify: classifyChromaError,
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

function isMetric(value: unknown): value is VectorMetricV1 {
  return value === 'cosine' || value === 'euclidean' || value === 'dotproduct';
}

/** Chroma's distance as weft's score (see `vectorScore`): l2 is the squared distance. */
function toScore(metric: VectorMetricV1, distance: number): number {
  if (metric === 'euclidean') return 1 / (1 + Math.sqrt(Math.max(0, distance)));
  return 1 - distance;
}

interface InterceptableClient {
  readonly apiClient?: {
    readonly interceptors?: { readonly request?: { use(handler: (request: Request) => Request): void } };
  };
}

/**
 * Makes the client's HTTP requests abort with the current attempt (the client takes no signal per
 * call). Without the hook, `retryCall` still abandons a late attempt, so a call never hangs.
 */
function abortWithAttempt(client: ChromaClient): void {
  const interceptors = (client as unknown as InterceptableClient).apiClient?.interceptors;
  interceptors?.request?.use((request) => {
    const signal = currentAttemptSignal();
    return signal === undefined ? request : new Request(request, { signal });
  });
}
