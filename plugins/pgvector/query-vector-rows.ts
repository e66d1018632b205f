import type { VectorMetadataV1, VectorQueryResultV1 } from '../../runtime/spec/v1/vector-store.js';
import type { SqlExecutor, SqlRow } from '../../runtime/storage/sql/sql-driver.js';
import type { VectorFilterNode } from '../../runtime/vector/parse-vector-filter.js';
import { sortVectorResults } from '../../runtime/vector/sort-vector-results.js';
import { distanceOperators, distanceToScore, type PgVectorIndex, quote } from './pg-vector-layout.js';
import { SqlParameters, vectorFilterSql } from './vector-filter-sql.js';

/**
 * One query against an index's table.
 *
 * @example
 * const query: VectorRowQuery = { vector: [1, 0], topK: 5, filter: undefined, includeVector: false, efSearch: 500 };
 */
export interface VectorRowQuery {
  readonly vector: readonly number[];
  readonly topK: number;
  readonly filter: VectorFilterNode | undefined;
  readonly includeVector: boolean;
  /** `hnsw.ef_search` for this query (the `hnsw` layout only). */
  readonly efSearch: number;
}

/**
 * Runs a query inside the caller's transaction. `hnsw`: `SET LOCAL hnsw.ef_search` (at least
 * `topK`) and `hnsw.iterative_scan = relaxed_order` (so a filter or a large `topK` keeps scanning
 * the graph instead of returning fewer rows), then `ORDER BY embedding <op> $1 LIMIT k`; `vector`
 * is the same without an index; `array` scores in SQL (`unnest` of the stored `real[]` with the
 * query). Results come back best first with the contract's scores (ties by id).
 *
 * @example
 * const hits = await driver.transaction((tx) => queryVectorRows(tx, index, query));
 */
export async function queryVectorRows(
  tx: SqlExecutor,
  index: PgVectorIndex,
  query: VectorRowQuery,
): Promise<VectorQueryResultV1[]> {
  if (index.layout === 'hnsw') {
    const efSearch = Math.min(1000, Math.max(query.efSearch, query.topK));
    await tx.exec(`SET LOCAL hnsw.ef_search = ${efSearch}; SET LOCAL hnsw.iterative_scan = relaxed_order`);
  }
  const params = new SqlParameters();
  const sql = index.layout === 'array' ? exactSql(index, query, params) : pgvectorSql(index, query, params);
  const rows = await tx.query(sql, params.values);
  return sortVectorResults(rows.map((row) => toResult(index, row)));
}

function pgvectorSql(index: PgVectorIndex, query: VectorRowQuery, params: SqlParameters): string {
  const target = `${params.add(`[${query.vector.map((value) => Math.fround(value)).join(',')}]`)}::vector`;
  const distance = `embedding ${distanceOperators[index.metric]} ${target}`;
  const where =
    query.filter === undefined ? '' : ` WHERE ${vectorFilterSql(query.filter, params, 'metadata')}`;
  const vector = query.includeVector ? ', embedding::text AS embedding' : '';
  return `SELECT id, metadata, ${distance} AS distance${vector} FROM ${quote(index.table)}${where} ORDER BY ${distance} LIMIT ${params.add(query.topK)}`;
}

function exactSql(index: PgVectorIndex, query: VectorRowQuery, params: SqlParameters): string {
  const target = `${params.add(`{${query.vector.join(',')}}`)}::float8[]`;
  const pairs = `unnest(embedding::float8[], ${target}) AS pair(stored, given)`;
  const norm = Math.sqrt(query.vector.reduce((sum, value) => sum + value * value, 0));
  const score =
    index.metric === 'euclidean'
      ? `1 / (1 + sqrt((SELECT sum((stored - given) * (stored - given)) FROM ${pairs})))`
      : index.metric === 'dotproduct'
        ? `(SELECT sum(stored * given) FROM ${pairs})`
        : `(SELECT sum(stored * given) FROM ${pairs}) / NULLIF(norm * ${params.add(norm)}::float8, 0)`;
  const where =
    query.filter === undefined ? '' : ` WHERE ${vectorFilterSql(query.filter, params, 'metadata')}`;
  const vector = query.includeVector ? ', embedding::text AS embedding' : '';
  return `SELECT id, metadata, COALESCE(${score}, 0) AS score${vector} FROM ${quote(index.table)}${where} ORDER BY score DESC, id LIMIT ${params.add(query.topK)}`;
}

function toResult(index: PgVectorIndex, row: SqlRow): VectorQueryResultV1 {
  const score =
    index.layout === 'array' ? Number(row.score) : distanceToScore(index.metric, Number(row.distance));
  const metadata = parseJson(row.metadata);
  return {
    id: String(row.id),
    score,
    ...(metadata === undefined ? {} : { metadata }),
    ...(typeof row.embedding === 'string' ? { vector: parseVectorText(row.embedding) } : {}),
  };
}

/** `[1,2]` (pgvector) or `{1,2}` (real[]) as numbers. */
function parseVectorText(text: string): number[] {
  const inner = text.slice(1, -1).trim();
  return inner === '' ? [] : inner.split(',').map(Number);
}

function parseJson(value: unknown): VectorMetadataV1 | undefined {
  if (value === null || value === undefined) return undefined;
  return (typeof value === 'string' ? JSON.parse(value) : value) as VectorMetadataV1;
}
