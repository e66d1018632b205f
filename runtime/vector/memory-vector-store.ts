import { weftError } from '../errors/create-weft-error.js';
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
} from '../spec/v1/vector-store.js';
import { matchesVectorFilterNode } from './match-vector-filter.js';
import { parseVectorFilter } from './parse-vector-filter.js';
import { type ScoredCandidate, selectTopScored } from './select-top-scored.js';
import {
  validateCreateIndex,
  validateIndexName,
  validateTopK,
  validateVectorId,
  validateVectorRecords,
  validateVectorValues,
} from './validate-vector-input.js';

interface StoredVector {
  readonly vector: Float64Array;
  /** The L2 norm of `vector`, computed once at upsert (cosine). */
  readonly norm: number;
  readonly metadata: VectorMetadataV1 | undefined;
}

interface MemoryIndex {
  readonly dimension: number;
  readonly metric: VectorMetricV1;
  readonly vectors: Map<string, StoredVector>;
}

/**
 * The in-memory vector store, the reference implementation of `VectorStoreV1`: exact search,
 * every input validated (index names, dimensions, finite numbers, ids, `topK`, filters), results
 * sorted by score then id, and every vector and metadata object copied in and out. Nothing
 * survives the process.
 *
 * @example
 * const store = new MemoryVectorStore();
 * await store.createIndex({ name: 'docs', dimension: 3, metric: 'cosine' });
 * await store.upsert({ index: 'docs', vectors: [{ id: 'a', vector: [1, 0, 0], metadata: { lang: 'en' } }] });
 * await store.query({ index: 'docs', vector: [1, 0, 0], topK: 1 }); // [{ id: 'a', score: 1, metadata: { lang: 'en' } }]
 */
export class MemoryVectorStore implements VectorStoreV1 {
  readonly specificationVersion = 'v1';
  readonly #indexes = new Map<string, MemoryIndex>();

  async createIndex(options: CreateVectorIndexV1): Promise<void> {
    const { name, dimension, metric } = validateCreateIndex(options);
    const existing = this.#indexes.get(name);
    if (existing === undefined) {
      this.#indexes.set(name, { dimension, metric, vectors: new Map() });
      return;
    }
    if (existing.dimension !== dimension || existing.metric !== metric) {
      throw weftError('VECTOR_INDEX_CONFLICT', {
        message: `Vector index "${name}" exists with dimension ${existing.dimension} and metric ${existing.metric}, not ${dimension} and ${metric}.`,
        details: {
          index: name,
          existing: { dimension: existing.dimension, metric: existing.metric },
          requested: { dimension, metric },
        },
      });
    }
  }

  async upsert(options: UpsertVectorsV1): Promise<void> {
    const index = this.#index(options.index);
    const records = validateVectorRecords({ ...index, index: options.index, vectors: options.vectors });
    for (const record of records) {
      const vector = Float64Array.from(record.vector);
      index.vectors.set(record.id, {
        vector,
        norm: Math.sqrt(dot(vector, vector)),
        metadata: record.metadata === undefined ? undefined : structuredClone(record.metadata),
      });
    }
  }

  async query(options: QueryVectorsV1): Promise<VectorQueryResultV1[]> {
    const index = this.#index(options.index);
    const query = validateVectorValues({ ...index, index: options.index, vector: options.vector });
    const topK = validateTopK(options.index, options.topK);
    const filter = options.filter === undefined ? undefined : parseVectorFilter(options.filter);
    const probe = Float64Array.from(query);
    const probeNorm = Math.sqrt(dot(probe, probe));
    const metric = index.metric;
    function* candidates(): Generator<ScoredCandidate<StoredVector>> {
      for (const [id, stored] of index.vectors) {
        if (filter !== undefined && !matchesVectorFilterNode(stored.metadata, filter)) continue;
        yield { id, score: score(metric, probe, probeNorm, stored), item: stored };
      }
    }
    // Copies are made for the hits returned only.
    return selectTopScored(candidates(), topK).map(({ id, score, item }) => ({
      id,
      score,
      ...(item.metadata === undefined ? {} : { metadata: structuredClone(item.metadata) }),
      ...(options.includeVector === true ? { vector: Array.from(item.vector) } : {}),
    }));
  }

  async delete(options: DeleteVectorsV1): Promise<void> {
    const index = this.#index(options.index);
    if ('ids' in options && options.ids !== undefined) {
      const ids = options.ids.map((id) => validateVectorId(options.index, id));
      for (const id of ids) index.vectors.delete(id);
      return;
    }
    if (!('filter' in options) || options.filter === undefined) {
      throw weftError('VALIDATION_FAILED', {
        message: `A delete from "${options.index}" needs ids or a filter.`,
        details: { index: options.index },
      });
    }
    const filter = parseVectorFilter(options.filter);
    for (const [id, stored] of index.vectors) {
      if (matchesVectorFilterNode(stored.metadata, filter)) index.vectors.delete(id);
    }
  }

  async describeIndex(name: string): Promise<VectorIndexStatsV1> {
    const index = this.#index(name);
    return { dimension: index.dimension, metric: index.metric, count: index.vectors.size };
  }

  async listIndexes(): Promise<string[]> {
    return [...this.#indexes.keys()].sort();
  }

  async deleteIndex(name: string): Promise<void> {
    this.#index(name);
    this.#indexes.delete(name);
  }

  #index(name: string): MemoryIndex {
    validateIndexName(name);
    const index = this.#indexes.get(name);
    if (index !== undefined) return index;
    throw weftError('VECTOR_INDEX_NOT_FOUND', {
      message: `Vector index "${name}" does not exist.`,
      details: { index: name },
    });
  }
}

/** The same scores as `vectorScore`, over typed arrays with the norms computed once. */
function score(metric: VectorMetricV1, probe: Float64Array, probeNorm: number, stored: StoredVector): number {
  if (metric === 'dotproduct') return dot(probe, stored.vector);
  if (metric === 'euclidean') {
    let sum = 0;
    for (let index = 0; index < probe.length; index += 1) {
      const difference = (probe[index] as number) - (stored.vector[index] as number);
      sum += difference * difference;
    }
    return 1 / (1 + Math.sqrt(sum));
  }
  const norms = probeNorm * stored.norm;
  return norms === 0 ? 0 : dot(probe, stored.vector) / norms;
}

function dot(left: Float64Array, right: Float64Array): number {
  let sum = 0;
  for (let index = 0; index < left.length; index += 1)
    sum += (left[index] as number) * (right[index] as number);
  return sum;
}
