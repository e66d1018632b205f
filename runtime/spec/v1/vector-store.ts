/**
 * The vector store contract, version 1: named indexes of fixed-dimension vectors with JSON
 * metadata, queried by similarity and filtered by metadata. A plugin registers a factory with
 * `registry.vector(name, factory)`; weft.yaml `vector.adapter` names it.
 *
 * @example
 * await store.createIndex({ name: 'help-center', dimension: 384, metric: 'cosine' });
 * await store.upsert({ index: 'help-center', vectors: [{ id: 'a', vector, metadata: { lang: 'en' } }] });
 * const hits = await store.query({ index: 'help-center', vector, topK: 5, filter: { lang: { $eq: 'en' } } });
 */
export interface VectorStoreV1 {
  readonly specificationVersion: 'v1';
  /** Creates an index; creating an existing index with the same dimension and metric is a no-op. */
  createIndex(options: CreateVectorIndexV1): Promise<void>;
  /** Inserts or replaces vectors by id. */
  upsert(options: UpsertVectorsV1): Promise<void>;
  /** The `topK` nearest vectors, best first (a higher score is closer for every metric). */
  query(options: QueryVectorsV1): Promise<VectorQueryResultV1[]>;
  /** Deletes vectors by id, or every vector whose metadata matches `filter`. */
  delete(options: DeleteVectorsV1): Promise<void>;
  describeIndex(name: string): Promise<VectorIndexStatsV1>;
  listIndexes(): Promise<string[]>;
  deleteIndex(name: string): Promise<void>;
}

/** How similarity is measured. */
export type VectorMetricV1 = 'cosine' | 'euclidean' | 'dotproduct';

export interface CreateVectorIndexV1 {
  readonly name: string;
  readonly dimension: number;
  readonly metric: VectorMetricV1;
}

/** JSON metadata stored next to a vector. */
export type VectorMetadataV1 = { readonly [key: string]: VectorMetadataValueV1 };

export type VectorMetadataValueV1 =
  | null
  | boolean
  | number
  | string
  | readonly VectorMetadataValueV1[]
  | { readonly [key: string]: VectorMetadataValueV1 };

export interface VectorRecordV1 {
  readonly id: string;
  readonly vector: readonly number[];
  readonly metadata?: VectorMetadataV1;
}

export interface UpsertVectorsV1 {
  readonly index: string;
  readonly vectors: readonly VectorRecordV1[];
}

export interface QueryVectorsV1 {
  readonly index: string;
  readonly vector: readonly number[];
  readonly topK: number;
  readonly filter?: VectorFilterV1;
  /** Return each hit's vector too (default false). */
  readonly includeVector?: boolean;
}

export interface VectorQueryResultV1 {
  readonly id: string;
  readonly score: number;
  readonly metadata?: VectorMetadataV1;
  readonly vector?: readonly number[];
}

export type DeleteVectorsV1 =
  | { readonly index: string; readonly ids: readonly string[] }
  | { readonly index: string; readonly filter: VectorFilterV1 };

export interface VectorIndexStatsV1 {
  readonly dimension: number;
  readonly metric: VectorMetricV1;
  /** How many vectors the index holds. */
  readonly count: number;
}

/** A scalar a filter compares metadata with. */
export type VectorFilterScalarV1 = string | number | boolean | null;

/** Conditions on one metadata field (a dotted path names a nested field). */
export interface VectorFieldConditionV1 {
  readonly $eq?: VectorFilterScalarV1;
  readonly $ne?: VectorFilterScalarV1;
  readonly $gt?: number | string;
  readonly $gte?: number | string;
  readonly $lt?: number | string;
  readonly $lte?: number | string;
  readonly $in?: readonly VectorFilterScalarV1[];
  readonly $nin?: readonly VectorFilterScalarV1[];
  readonly $exists?: boolean;
}

/**
 * A metadata filter, MongoDB-style: `{ field: value }` means `$eq`; several fields are and-ed.
 *
 * @example
 * const filter: VectorFilterV1 = { $or: [{ lang: 'en' }, { year: { $gte: 2024 } }], draft: { $exists: false } };
 */
export type VectorFilterV1 = {
  readonly $and?: readonly VectorFilterV1[];
  readonly $or?: readonly VectorFilterV1[];
  readonly $not?: VectorFilterV1;
} & {
  readonly [field: string]:
    | VectorFilterScalarV1
    | VectorFieldConditionV1
    | readonly VectorFilterV1[]
    | VectorFilterV1
    | undefined;
};
