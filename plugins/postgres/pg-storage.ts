import type { SqlDriver } from '../../runtime/storage/sql/sql-driver.js';
import { SqlStorage } from '../../runtime/storage/sql/sql-storage.js';
import { PgDriver, type PgDriverOptions } from './pg-driver.js';

/**
 * Options of `PgStorage`: the connection string, an optional schema, pool size and retries.
 *
 * @example
 * const options: PgStorageOptions = { connectionString: 'postgres://127.0.0.1/app', schema: 'weft' };
 */
export type PgStorageOptions = PgDriverOptions;

/**
 * Storage on PostgreSQL: the SQL implementation over a `pg` pool. With `schema`, its tables live
 * in that schema (created by `init()`), so several projects or test runs can share a database.
 *
 * @example
 * const storage = new PgStorage({ connectionString: process.env.DATABASE_URL ?? '', schema: 'weft' });
 * await storage.init();
 */
export class PgStorage extends SqlStorage {
  readonly #driver: PgDriver;

  constructor(options: PgStorageOptions) {
    const driver = new PgDriver(options);
    super(driver);
    this.#driver = driver;
  }

  /** The SQL driver over the pool (and schema), for adapters that share the database (the pgvector store). */
  sqlDriver(): SqlDriver {
    return this.#driver;
  }

  override async init(): Promise<void> {
    await this.#driver.ensureSchema();
    await super.init();
  }
}
