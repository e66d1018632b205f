import { weftError } from '../errors/create-weft-error.js';
import type {
  CreateVectorIndexV1,
  DeleteVectorsV1,
  QueryVectorsV1,
  UpsertVectorsV1,
  VectorIndexStatsV1,
  VectorQueryResultV1,
  VectorStoreV1,
} from '../spec/v1/vector-store.js';
import { matchesVectorFilterNode } from './match-vector-filter.js';
import { MemoryVectorIndex } from './memory-vector-index.js';
import { parseVectorFilter } from './parse-vector-filter.js';
import { scoreVectorRows } from './score-vector-rows.js';
import { selectTopRows } from './select-top-rows.js';
import {
  validateCreateIndex,
  validateIndexName,
  validateTopK,
  validateVectorId,
  validateVectorRecords,
  validateVectorValues,
} from './validate-vector-input.js';

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
  readonly #indexes = new Map<string, MemoryVectorIndex>();

  async createIndex(options: CreateVectorIndexV1): Promise<void> {
    const { name, dimension, metric } = validateCreateIndex(options);
    const existing = this.#indexes.get(name);
    if (existing === undefined) {
      this.#indexes.set(name, new MemoryVectorIndex(dimension, metric));
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
    const records = validateVectorRecords({
      index: options.index,
      dimension: index.dimension,
      metric: index.metric,
      vectors: options.vectors,
    });
    for (const record of records) {
      index.upsert(
        record.id,
        record.vector,
        record.metadata === undefined ? undefined : structuredClone(record.metadata),
      );
    }
  }

  async query(options: QueryVectorsV1): Promise<VectorQueryResultV1[]> {
    const index = this.#index(options.index);
    const query = validateVectorValues({
      index: options.index,
      dimension: index.dimension,
      metric: index.metric,
      vector: options.vector,
    });
    const topK = validateTopK(options.index, options.topK);
    const filter = options.filter === undefined ? undefined : parseVectorFilter(options.filter);
    const selected =
      filter === undefined
        ? undefined
        : index.rowsWhere((metadata) => matchesVectorFilterNode(metadata, filter));
    const scores = scoreVectorRows(index.metric, Float64Array.from(query), index, selected);
    // Copies are made for the hits returned only.
    return selectTopRows({
      scores,
      ids: index.ids,
      topK,
      ...(selected === undefined ? {} : { selected }),
    }).map(({ row, score }) => {
      const metadata = index.metadataAt(row);
      return {
        id: index.ids[row] as string,
        score,
        ...(metadata === undefined ? {} : { metadata: structuredClone(metadata) }),
        ...(options.includeVector === true ? { vector: index.vectorAt(row) } : {}),
      };
    });
  }

  async delete(options: DeleteVectorsV1): Promise<void> {
    const index = this.#index(options.index);
    if ('ids' in options && options.ids !== undefined) {
      const ids = options.ids.map((id) => validateVectorId(options.index, id));
      for (const id of ids) index.delete(id);
      return;
    }
    if (!('filter' in options) || options.filter === undefined) {
      throw weftError('VALIDATION_FAILED', {
        message: `A delete from "${options.index}" needs ids or a filter.`,
        details: { index: options.index },
      });
    }
    const filter = parseVectorFilter(options.filter);
    index.deleteWhere((metadata) => matchesVectorFilterNode(metadata, filter));
  }

  async describeIndex(name: string): Promise<VectorIndexStatsV1> {
    const index = this.#index(name);
    return { dimension: index.dimension, metric: index.metric, count: index.count };
  }

  async listIndexes(): Promise<string[]> {
    return [...this.#indexes.keys()].sort();
  }

  async deleteIndex(name: string): Promise<void> {
    this.#index(name);
    this.#indexes.delete(name);
  }

  #index(name: string): MemoryVectorIndex {
    validateIndexName(name);
    const index = this.#indexes.get(name);
    if (index !== undefined) return index;
    throw weftError('VECTOR_INDEX_NOT_FOUND', {
      message: `Vector index "${name}" does not exist.`,
      details: { index: name },
    });
  }
}
