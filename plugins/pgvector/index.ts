import { weftError } from '../../runtime/errors/create-weft-error.js';
import type { PluginV1, VectorStoreFactoryContextV1 } from '../../runtime/spec/v1/plugin.js';
import type { SqlDriver } from '../../runtime/storage/sql/sql-driver.js';
import { PgVector } from './pg-vector.js';
import { checkPgVectorConfig } from './pg-vector-options.js';

export { detectPgvector } from './detect-pgvector.js';
export { PgVector, type PgVectorOptions, pgVectorDefaults } from './pg-vector.js';
export type { PgVectorIndex, PgVectorLayout } from './pg-vector-layout.js';
export {
  checkPgVectorConfig,
  type PgVectorConfig,
  type PgVectorHnswOptions,
  type PgVectorSearch,
} from './pg-vector-options.js';
export { SqlParameters, vectorFilterSql } from './vector-filter-sql.js';

/**
 * The SQL driver of a project's storage, when the storage shares its database: the `pglite` and
 * `postgres` storages expose `sqlDriver()` (the duck-typed accessor documented on
 * `VectorStoreFactoryContextV1.storage`).
 *
 * @example
 * const driver = storageSqlDriver(context.storage); // undefined for the memory storage
 */
export function storageSqlDriver(storage: unknown): SqlDriver | undefined {
  if (typeof storage !== 'object' || storage === null || !('sqlDriver' in storage)) return undefined;
  const accessor = storage.sqlDriver;
  return typeof accessor === 'function' ? (accessor.call(storage) as SqlDriver) : undefined;
}

/**
 * Builds the `pgvector` store of a project: in the database of its storage (`pglite` or
 * `postgres`), with `vector.config` checked (`VECTOR_STORE_CONFIG_INVALID`).
 *
 * @example
 * const store = pgVectorFactory({ projectDir, options: {}, logger, storage });
 */
export function pgVectorFactory(context: VectorStoreFactoryContextV1): PgVector {
  const config = checkPgVectorConfig(context.options.config);
  const driver = storageSqlDriver(context.storage);
  if (driver === undefined) {
    throw weftError('VECTOR_STORE_CONFIG_INVALID', {
      message:
        'The pgvector store lives in the project database: use the pglite or postgres storage adapter (or another vector adapter).',
      details: { store: 'pgvector' },
    });
  }
  return new PgVector({ ...config, driver, logger: context.logger });
}

/**
 * The built-in `pgvector` vector store adapter: vectors in the project's PGlite or Postgres
 * database (HNSW with pgvector, exact search without it).
 *
 * @example
 * # weft.yaml
 * storage: { adapter: pglite }
 * vector: { adapter: pgvector, config: { hnsw: { efSearch: 200 } } }
 */
const plugin = {
  name: 'pgvector',
  apiVersion: 'v1',
  description: 'Vector search in the project database: pgvector HNSW, or exact search without the extension.',
  setup(registry) {
    registry.vector('pgvector', pgVectorFactory);
  },
} satisfies PluginV1;

export default plugin;
