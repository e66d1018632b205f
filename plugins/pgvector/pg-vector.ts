import { weftError } from '../../runtime/errors/create-weft-error.js';
import type { LoggerV1 } from '../../runtime/spec/v1/tool-executor.js';
import type {
  CreateVectorIndexV1,
  DeleteVectorsV1,
  QueryVectorsV1,
  UpsertVectorsV1,
  VectorIndexStatsV1,
  VectorQueryResultV1,
  VectorRecordV1,
  VectorStoreV1,
} from '../../runtime/spec/v1/vector-store.js';
import type { SqlDriver, SqlExecutor } from '../../runtime/storage/sql/sql-driver.js';
import { parseVectorFilter } from '../../runtime/vector/parse-vector-filter.js';
import {
  validateCreateIndex,
  validateIndexName,
  validateTopK,
  validateVectorId,
  validateVectorRecords,
  validateVectorValues,
} from '../../runtime/vector/validate-vector-input.js';
import { detectPgvector } from './detect-pgvector.js';
import {
  createIndexTableSql,
  hnswMaxDimension,
  indexFromRow,
  indexTableName,
  type PgVectorIndex,
  type PgVectorLayout,
  quote,
} from './pg-vector-layout.js';
import type { PgVectorConfig } from './pg-vector-options.js';
import { queryVectorRows } from './query-vector-rows.js';
import { upsertVectorRows } from './upsert-vector-rows.js';
import { SqlParameters, vectorFilterSql } from './vector-filter-sql.js';

/**
 * Options of `PgVector`: the SQL driver of the database (PGlite's or Postgres's), plus the
 * `vector.config` settings.
 *
 * @example
 * new PgVector({ driver: storage.sqlDriver(), hnsw: { efSearch: 200 } });
 */
export interface PgVectorOptions extends PgVectorConfig {
  readonly driver: SqlDriver;
  readonly logger?: LoggerV1;
}

/** pgvector's `vector` type holds at most this many dimensions; larger indexes use `real[]`. */
const vectorMaxDimension = 16000;
/**
 * The shipped settings: pgvector's build defaults (`m` 16, `ef_construction` 64) and `ef_search`
 * 500, which reaches recall@10 ~0.97 with the HNSW graph alone on 10,000 random 384-dim vectors
 * (pgvector's default 40 gives ~0.33 there); see docs/decisions/0009-vector-stores.md.
 *
 * @example
 * pgVectorDefaults.efSearch; // 500
 */
export const pgVectorDefaults = {
  tablePrefix: 'weft_vec',
  m: 16,
  efConstruction: 64,
  efSearch: 500,
} as const;
const defaults = pgVectorDefaults;

/**
 * The vector store on Postgres or PGlite. Index metadata lives in `<prefix>_indexes` (name,
 * dimension, metric, table, layout); each index has its own table `(id text, embedding, metadata
 * jsonb)`. With pgvector (PGlite, or a Postgres that has it) the embedding is `vector(n)` with an
 * HNSW index; without it (detected once) the embedding is `real[]` and search is exact, scored in
 * SQL. Filters become parameterised SQL over `metadata`. Every call runs in one transaction.
 *
 * @example
 * const store = new PgVector({ driver: pgliteStorage.sqlDriver() });
 * await store.createIndex({ name: 'docs', dimension: 384, metric: 'cosine' });
 * const hits = await store.query({ index: 'docs', vector, topK: 10, filter: { lang: 'en' } });
 */
export class PgVector implements VectorStoreV1 {
  readonly specificationVersion = 'v1';
  readonly #driver: SqlDriver;
  readonly #options: PgVectorOptions;
  readonly #registry: string;
  #ready: Promise<boolean> | undefined;

  constructor(options: PgVectorOptions) {
    this.#driver = options.driver;
    this.#options = options;
    this.#registry = quote(`${options.tablePrefix ?? defaults.tablePrefix}_indexes`);
  }

  /** Whether indexes created by this store use pgvector (false: the exact `real[]` fallback). */
  async usesPgvector(): Promise<boolean> {
    return this.#prepare();
  }

  async createIndex(options: CreateVectorIndexV1): Promise<void> {
    const { name, dimension, metric } = validateCreateIndex(options);
    const layout = this.#layoutFor(dimension, await this.#prepare());
    const prefix = this.#options.tablePrefix ?? defaults.tablePrefix;
    const index: PgVectorIndex = { name, dimension, metric, layout, table: indexTableName(prefix, name) };
    await this.#driver.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO ${this.#registry} (name, dimension, metric, table_name, layout) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO NOTHING RETURNING name`,
        [name, dimension, metric, index.table, layout],
      );
      if (inserted.length > 0) {
        await tx.exec(createIndexTableSql(index, this.#hnsw()));
        return;
      }
      const existing = await this.#lookup(tx, name);
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
    });
  }

  async upsert(options: UpsertVectorsV1): Promise<void> {
    await this.#run(options.index, async (tx, index) => {
      const records = validateVectorRecords({ ...index, index: index.name, vectors: options.vectors });
      for (const record of records) checkFloat32(index.name, record);
      await upsertVectorRows(tx, index, records, this.#hnsw());
    });
  }

  async query(options: QueryVectorsV1): Promise<VectorQueryResultV1[]> {
    return this.#run(options.index, async (tx, index) => {
      const vector = validateVectorValues({ ...index, index: index.name, vector: options.vector });
      const topK = validateTopK(index.name, options.topK);
      const filter = options.filter === undefined ? undefined : parseVectorFilter(options.filter);
      const efSearch = this.#options.hnsw?.efSearch ?? defaults.efSearch;
      const includeVector = options.includeVector === true;
      return queryVectorRows(tx, index, { vector, topK, filter, includeVector, efSearch });
    });
  }

  async delete(options: DeleteVectorsV1): Promise<void> {
    await this.#run(options.index, async (tx, index) => {
      const table = quote(index.table);
      if ('ids' in options && options.ids !== undefined) {
        const ids = options.ids.map((id) => validateVectorId(index.name, id));
        if (ids.length === 0) return;
        await tx.query(`DELETE FROM ${table} WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))`, [
          JSON.stringify(ids),
        ]);
        return;
      }
      if (!('filter' in options) || options.filter === undefined) {
        throw weftError('VALIDATION_FAILED', {
          message: `A delete from "${index.name}" needs ids or a filter.`,
          details: { index: index.name },
        });
      }
      const params = new SqlParameters();
      const where = vectorFilterSql(parseVectorFilter(options.filter), params, 'metadata');
      await tx.query(`DELETE FROM ${table} WHERE ${where}`, params.values);
    });
  }

  async describeIndex(name: string): Promise<VectorIndexStatsV1> {
    return this.#run(name, async (tx, index) => {
      const [row] = await tx.query(`SELECT count(*)::int AS count FROM ${quote(index.table)}`);
      return { dimension: index.dimension, metric: index.metric, count: Number(row?.count ?? 0) };
    });
  }

  async listIndexes(): Promise<string[]> {
    await this.#prepare();
    const rows = await this.#driver.query(`SELECT name FROM ${this.#registry}`, [], { idempotent: true });
    return rows.map((row) => String(row.name)).sort();
  }

  async deleteIndex(name: string): Promise<void> {
    validateIndexName(name);
    await this.#prepare();
    await this.#driver.transaction(async (tx) => {
      const index = await this.#lookup(tx, name);
      await tx.query(`DELETE FROM ${this.#registry} WHERE name = $1`, [name]);
      await tx.exec(`DROP TABLE IF EXISTS ${quote(index.table)}`);
    });
  }

  /** Runs `body` in a transaction with the index's registry row (`VECTOR_INDEX_NOT_FOUND`). */
  async #run<T>(name: string, body: (tx: SqlExecutor, index: PgVectorIndex) => Promise<T>): Promise<T> {
    validateIndexName(name);
    await this.#prepare();
    return this.#driver.transaction(async (tx) => body(tx, await this.#lookup(tx, name)), {
      idempotent: true,
    });
  }

  async #lookup(tx: SqlExecutor, name: string): Promise<PgVectorIndex> {
    const [row] = await tx.query(
      `SELECT name, dimension, metric, table_name, layout FROM ${this.#registry} WHERE name = $1`,
      [name],
    );
    if (row !== undefined) return indexFromRow(row);
    throw weftError('VECTOR_INDEX_NOT_FOUND', {
      message: `Vector index "${name}" does not exist.`,
      details: { index: name },
    });
  }

  /** Creates the registry table and detects pgvector, once; resolves whether pgvector is used. */
  #prepare(): Promise<boolean> {
    this.#ready ??= this.#initialise().catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
    return this.#ready;
  }

  async #initialise(): Promise<boolean> {
    const pgvector = this.#options.search !== 'exact' && (await detectPgvector(this.#driver));
    if (!pgvector && this.#options.search !== 'exact') {
      this.#options.logger?.warn(
        'pgvector is not available in this database: vector search is exact (no index).',
        {
          database: this.#driver.name,
        },
      );
    }
    await this.#driver.exec(
      `CREATE TABLE IF NOT EXISTS ${this.#registry} (name text PRIMARY KEY, dimension integer NOT NULL, metric text NOT NULL, table_name text NOT NULL, layout text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
    );
    return pgvector;
  }

  #layoutFor(dimension: number, pgvector: boolean): PgVectorLayout {
    if (!pgvector || dimension > vectorMaxDimension) return 'array';
    return dimension > hnswMaxDimension ? 'vector' : 'hnsw';
  }

  #hnsw(): { m: number; efConstruction: number } {
    return {
      m: this.#options.hnsw?.m ?? defaults.m,
      efConstruction: this.#options.hnsw?.efConstruction ?? defaults.efConstruction,
    };
  }
}

/** pgvector and `real[]` hold float32: a number beyond its range is refused before the database sees it. */
function checkFloat32(index: string, record: VectorRecordV1): void {
  const position = record.vector.findIndex((value) => !Number.isFinite(Math.fround(value)));
  if (position === -1) return;
  throw weftError('VALIDATION_FAILED', {
    message: `Vector "${record.id}" of index "${index}" has a value beyond float32 range at position ${position}.`,
    details: { index, id: record.id, position },
  });
}
