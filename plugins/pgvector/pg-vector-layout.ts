import { createHash } from 'node:crypto';
import type { VectorMetricV1 } from '../../runtime/spec/v1/vector-store.js';
import type { SqlRow } from '../../runtime/storage/sql/sql-driver.js';

/**
 * How an index's vectors are stored:
 * - `hnsw`: a pgvector `vector(n)` column with an HNSW index (approximate search);
 * - `vector`: a `vector(n)` column without an index (exact; pgvector cannot index more than 2,000 dimensions);
 * - `array`: a `real[]` column and its norm, scored in SQL (exact; no pgvector extension).
 *
 * @example
 * const layout: PgVectorLayout = 'hnsw';
 */
export type PgVectorLayout = 'hnsw' | 'vector' | 'array';

/**
 * One row of the `<prefix>_indexes` registry table.
 *
 * @example
 * const index: PgVectorIndex = { name: 'docs', dimension: 384, metric: 'cosine', table: 'weft_vec_docs_1a2b3c4d', layout: 'hnsw' };
 */
export interface PgVectorIndex {
  readonly name: string;
  readonly dimension: number;
  readonly metric: VectorMetricV1;
  readonly table: string;
  readonly layout: PgVectorLayout;
}

/** pgvector's HNSW limit for the `vector` type. */
export const hnswMaxDimension = 2000;

const operatorClasses: Record<VectorMetricV1, string> = {
  cosine: 'vector_cosine_ops',
  euclidean: 'vector_l2_ops',
  dotproduct: 'vector_ip_ops',
};

/** pgvector's distance operators; `distanceToScore` turns their result into the contract's score. */
export const distanceOperators: Record<VectorMetricV1, string> = {
  cosine: '<=>',
  euclidean: '<->',
  dotproduct: '<#>',
};

/**
 * The contract score (higher is closer) of a pgvector distance: cosine `1 - d`, euclidean
 * `1 / (1 + d)`, dotproduct `-d` (`<#>` is the negative inner product).
 *
 * @example
 * distanceToScore('cosine', 0.25); // 0.75
 */
export function distanceToScore(metric: VectorMetricV1, distance: number): number {
  if (metric === 'cosine') return 1 - distance;
  if (metric === 'euclidean') return 1 / (1 + distance);
  return -distance;
}

/**
 * The table of an index: `<prefix>_<name, lowercase, "-" as "_", cut to fit>_<8 hex of its hash>`,
 * so distinct names never share a table and `<table>_hnsw` stays within Postgres's 63 bytes.
 *
 * @example
 * indexTableName('weft_vec', 'Help-Center'); // 'weft_vec_help_center_0b7f3c1d'
 */
export function indexTableName(prefix: string, name: string): string {
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  const readable = name
    .toLowerCase()
    .replaceAll('-', '_')
    .slice(0, 58 - prefix.length - 10);
  return `${prefix}_${readable}_${hash}`;
}

/**
 * The statements creating an index's table (and its HNSW index).
 *
 * @example
 * await tx.exec(createIndexTableSql(index, { m: 16, efConstruction: 64 }));
 */
export function createIndexTableSql(
  index: PgVectorIndex,
  hnsw: { readonly m: number; readonly efConstruction: number },
): string {
  const table = quote(index.table);
  if (index.layout === 'array') {
    return `CREATE TABLE IF NOT EXISTS ${table} (id text PRIMARY KEY, embedding real[] NOT NULL, norm float8 NOT NULL, metadata jsonb)`;
  }
  const create = `CREATE TABLE IF NOT EXISTS ${table} (id text PRIMARY KEY, embedding vector(${index.dimension}) NOT NULL, metadata jsonb)`;
  if (index.layout === 'vector') return create;
  return `${create}; ${createHnswIndexSql(index, hnsw)}`;
}

/**
 * The statement creating an index's HNSW index (`vector_cosine_ops`, `vector_l2_ops` or
 * `vector_ip_ops` after the metric) with the build settings `m` and `ef_construction`.
 *
 * @example
 * await tx.exec(createHnswIndexSql(index, { m: 16, efConstruction: 64 }));
 */
export function createHnswIndexSql(
  index: PgVectorIndex,
  hnsw: { readonly m: number; readonly efConstruction: number },
): string {
  return `CREATE INDEX IF NOT EXISTS ${hnswIndexName(index)} ON ${quote(index.table)} USING hnsw (embedding ${operatorClasses[index.metric]}) WITH (m = ${hnsw.m}, ef_construction = ${hnsw.efConstruction})`;
}

/**
 * The quoted name of an index's HNSW index.
 *
 * @example
 * hnswIndexName(index); // '"weft_vec_docs_1a2b3c4d_hnsw"'
 */
export function hnswIndexName(index: PgVectorIndex): string {
  return quote(`${index.table}_hnsw`);
}

/**
 * Reads a registry row.
 *
 * @example
 * const index = indexFromRow({ name: 'docs', dimension: 3, metric: 'cosine', table_name: 't', layout: 'hnsw' });
 */
export function indexFromRow(row: SqlRow): PgVectorIndex {
  return {
    name: String(row.name),
    dimension: Number(row.dimension),
    metric: row.metric as VectorMetricV1,
    table: String(row.table_name),
    layout: row.layout as PgVectorLayout,
  };
}

/**
 * A double-quoted SQL identifier (names here come from `indexTableName` and the checked prefix).
 *
 * @example
 * quote('weft_vec_indexes'); // '"weft_vec_indexes"'
 */
export function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
