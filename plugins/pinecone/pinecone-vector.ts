import { Pinecone, type PineconeRecord } from '@pinecone-database/pinecone';
import { weftError } from '../../runtime/errors/create-weft-error.js';
import { WeftError } from '../../runtime/errors/weft-error.js';
import type { LoggerV1 } from '../../runtime/spec/v1/tool-executor.js';
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
  validateTopK,
  validateVectorId,
  validateVectorRecords,
  validateVectorValues,
} from '../../runtime/vector/validate-vector-input.js';
import { classifyPineconeError } from './classify-pinecone-error.js';
import { toPineconeFilter } from './pinecone-filter.js';
import { PineconeIndexLayout } from './pinecone-index-layout.js';
import { type PineconeLayout, pineconeIndex } from './pinecone-layout.js';
import { fromPineconeMetadata, toPineconeMetadata } from './pinecone-metadata.js';
import { PineconeNamespaceLayout } from './pinecone-namespace-layout.js';
import { queryPinecone } from './query-pinecone.js';

/**
 * How `PineconeVector` reaches Pinecone and where weft indexes live: one Pinecone index each
 * (default), or one namespace each in the existing Pinecone index `index` (shared-index mode).
 *
 * @example
 * const options: PineconeVectorOptions = { apiKey: 'pc-...', namespace: 'prod', region: 'us-east-1' };
 * const shared: PineconeVectorOptions = { apiKey: 'pc-...', index: 'weft-shared' };
 */
export interface PineconeVectorOptions {
  readonly apiKey: string;
  /** The control plane URL (default Pinecone's, `https://api.pinecone.io`). */
  readonly controllerHostUrl?: string;
  /**
   * Shared-index mode: the existing Pinecone index whose namespaces hold the weft indexes (each
   * with that index's dimension and metric). Unset: one Pinecone index per weft index.
   */
  readonly index?: string;
  /**
   * The namespace of every data operation (one Pinecone index per weft index), or the prefix of
   * the namespaces (`<namespace>.<weft index>`, shared-index mode).
   */
  readonly namespace?: string;
  /** The cloud and region of new serverless indexes (not used in shared-index mode). */
  readonly cloud?: 'aws' | 'gcp' | 'azure';
  readonly region?: string;
  /** Vectors per upsert request (default and maximum 1000; requests also stay under 2 MB). */
  readonly batchSize?: number;
  /** How long `createIndex` waits for a new index to be ready (default 300000 ms). */
  readonly readyTimeoutMs?: number;
  readonly readyPollMs?: number;
  readonly retry?: RetryPolicy;
  /** Randomness of the retry jitter (tests inject it). */
  readonly random?: () => number;
  /** Where warnings go (a `topK` above Pinecone's limit). */
  readonly logger?: LoggerV1;
}

const maxRequestBytes = 2 * 1024 * 1024 - 64 * 1024;
const maxUpsertBatch = 1000;

/**
 * A `VectorStoreV1` over Pinecone serverless indexes: one Pinecone index per weft index (data in
 * the configured namespace; `PineconeIndexLayout`), or, with `index` set, one namespace per weft
 * index inside that existing Pinecone index (`PineconeNamespaceLayout`). Upserts go in batches of
 * at most 1000 vectors and 2 MB; filters are translated exactly or refused (`toPineconeFilter`);
 * nested metadata is flattened to dotted keys (`toPineconeMetadata`); scores follow `vectorScore`
 * (Pinecone's euclidean score is the squared distance `s`, reported as `1 / (1 + sqrt(s))`); a
 * `topK` above 1000 reads metadata in a second step (`queryPinecone`). Every call has a timeout
 * and is retried on 429/5xx/network errors with exponential backoff and jitter.
 *
 * @example
 * const store = new PineconeVector({ apiKey: process.env.PINECONE_API_KEY ?? '', index: 'weft-shared' });
 * await store.createIndex({ name: 'help_center', dimension: 384, metric: 'cosine' });
 */
export class PineconeVector implements VectorStoreV1 {
  readonly specificationVersion = 'v1';
  readonly #client: Pinecone;
  readonly #options: PineconeVectorOptions;
  readonly #policy: RetryPolicy;
  readonly #layout: PineconeLayout;

  constructor(options: PineconeVectorOptions) {
    this.#options = options;
    this.#policy = options.retry ?? defaultRetryPolicy;
    this.#client = new Pinecone({
      apiKey: options.apiKey,
      maxRetries: 0,
      fetchApi: (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
        const signal = currentAttemptSignal();
        return fetch(input, signal === undefined ? init : { ...init, signal });
      },
      ...(options.controllerHostUrl === undefined ? {} : { controllerHostUrl: options.controllerHostUrl }),
    });
    const call = <T>(operation: string, index: string | undefined, run: () => Promise<T>) =>
      this.#call(operation, index, run);
    this.#layout =
      options.index === undefined
        ? new PineconeIndexLayout(this.#client, call, {
            ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
            ...(options.cloud === undefined ? {} : { cloud: options.cloud }),
            ...(options.region === undefined ? {} : { region: options.region }),
            ...(options.readyTimeoutMs === undefined ? {} : { readyTimeoutMs: options.readyTimeoutMs }),
            ...(options.readyPollMs === undefined ? {} : { readyPollMs: options.readyPollMs }),
          })
        : new PineconeNamespaceLayout(this.#client, call, {
            index: options.index,
            ...(options.namespace === undefined || options.namespace === ''
              ? {}
              : { prefix: options.namespace }),
          });
  }

  async createIndex(options: CreateVectorIndexV1): Promise<void> {
    await this.#layout.create(validateCreateIndex(options));
  }

  async upsert(options: UpsertVectorsV1): Promise<void> {
    const target = await this.#layout.target(options.index);
    const records = validateVectorRecords({ ...target, index: options.index, vectors: options.vectors });
    const pineconeRecords: PineconeRecord[] = records.map((record) => {
      const metadata =
        record.metadata === undefined ? {} : toPineconeMetadata(options.index, record.id, record.metadata);
      return {
        id: record.id,
        values: [...record.vector],
        ...(Object.keys(metadata).length === 0 ? {} : { metadata }),
      };
    });
    const batches = batchRecords(
      pineconeRecords,
      {
        maxRecords: Math.min(this.#options.batchSize ?? maxUpsertBatch, maxUpsertBatch),
        maxBytes: maxRequestBytes,
      },
      (record) => Buffer.byteLength(JSON.stringify(record)),
    );
    const index = pineconeIndex(this.#client, target);
    await upsertInBatches(
      'pinecone',
      options.index,
      batches,
      (record) => record.id,
      (batch) =>
        this.#call(`upsert into "${options.index}"`, options.index, () =>
          index.upsert({ records: [...batch] }),
        ),
    );
  }

  async query(options: QueryVectorsV1): Promise<VectorQueryResultV1[]> {
    const target = await this.#layout.target(options.index);
    const vector = validateVectorValues({ ...target, index: options.index, vector: options.vector });
    const topK = validateTopK(options.index, options.topK);
    const filter = options.filter === undefined ? true : toPineconeFilter(parseVectorFilter(options.filter));
    if (filter === false) return [];
    const includeVector = options.includeVector === true;
    const matches = await queryPinecone(
      pineconeIndex(this.#client, target),
      {
        index: options.index,
        vector,
        topK,
        includeValues: includeVector,
        ...(filter === true ? {} : { filter }),
      },
      (run) => this.#call(`query "${options.index}"`, options.index, run),
      this.#options.logger,
    );
    const hits = matches.map((match): VectorQueryResultV1 => {
      const metadata = match.metadata === undefined ? undefined : fromPineconeMetadata(match.metadata);
      return {
        id: match.id,
        score: toScore(target.metric, match.score),
        ...(metadata === undefined || Object.keys(metadata).length === 0 ? {} : { metadata }),
        ...(includeVector ? { vector: [...(match.values ?? [])] } : {}),
      };
    });
    return sortVectorResults(hits).slice(0, topK);
  }

  async delete(options: DeleteVectorsV1): Promise<void> {
    const target = await this.#layout.target(options.index);
    const index = pineconeIndex(this.#client, target);
    if ('ids' in options && options.ids !== undefined) {
      const ids = options.ids.map((id) => validateVectorId(options.index, id));
      for (let start = 0; start < ids.length; start += 1000) {
        const chunk = ids.slice(start, start + 1000);
        await this.#call(`delete from "${options.index}"`, options.index, () =>
          index.deleteMany({ ids: chunk }),
        );
      }
      return;
    }
    if (!('filter' in options) || options.filter === undefined) {
      throw weftError('VALIDATION_FAILED', {
        message: `A delete from "${options.index}" needs ids or a filter.`,
        details: { index: options.index },
      });
    }
    const filter = toPineconeFilter(parseVectorFilter(options.filter));
    if (filter === false) return;
    await this.#call(`delete from "${options.index}"`, options.index, () =>
      filter === true ? index.deleteAll() : index.deleteMany({ filter }),
    );
  }

  async describeIndex(name: string): Promise<VectorIndexStatsV1> {
    const { target, count } = await this.#layout.count(name);
    return { dimension: target.dimension, metric: target.metric, count };
  }

  listIndexes(): Promise<string[]> {
    return this.#layout.list();
  }

  deleteIndex(name: string): Promise<void> {
    return this.#layout.remove(name);
  }

  async #call<T>(operation: string, index: string | undefined, call: () => Promise<T>): Promise<T> {
    try {
      return await retryCall(() => call(), {
        store: 'pinecone',
        operation,
        policy: this.#policy,
        classify: classifyPineconeError,
        ...(index === undefined ? {} : { details: { index } }),
        ...(this.#options.random === undefined ? {} : { random: this.#options.random }),
      });
    } catch (error) {
      // A stale cache (index deleted or recreated elsewhere) must not outlive the failure.
      if (index !== undefined && WeftError.isInstance(error) && error.code !== 'VECTOR_STORE_RATE_LIMITED') {
        this.#layout.forget(index);
      }
      throw error;
    }
  }
}

/** Pinecone's score as weft's (see `vectorScore`): the euclidean score is a squared distance. */
function toScore(metric: VectorMetricV1, score: number): number {
  return metric === 'euclidean' ? 1 / (1 + Math.sqrt(Math.max(0, score))) : score;
}
