import pg from 'pg';
import { ValidationError } from '../../runtime/errors/validation-error.js';
import { PreparedStatementNames } from '../../runtime/storage/sql/prepared-statement-names.js';
import type {
  SqlDriver,
  SqlExecutor,
  SqlQueryOptions,
  SqlRow,
} from '../../runtime/storage/sql/sql-driver.js';
import { isTransientPgError, toStorageError } from './pg-errors.js';

/**
 * Options of `PgDriver` (and `PgStorage`).
 *
 * @example
 * new PgDriver({ connectionString: 'postgres://127.0.0.1/app', schema: 'weft', poolSize: 20, retries: 3 });
 */
export interface PgDriverOptions {
  readonly connectionString: string;
  /** Schema every pooled connection uses (`search_path`); created by `ensureSchema()`. */
  readonly schema?: string;
  /** Pool size (default 10). */
  readonly poolSize?: number;
  /** Retries after a transient failure (default 5), with exponential backoff from `retryDelayMs` (default 50). */
  readonly retries?: number;
  readonly retryDelayMs?: number;
}

const schemaPattern = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * The `SqlDriver` over a `pg` pool. Connecting is always retried with backoff (nothing was sent);
 * a statement or transaction is retried after a transient failure only when marked idempotent.
 * Statements marked `prepare` become named prepared statements (`pg` prepares each once per
 * connection), so the hot ones are parsed and planned once, not at every call.
 * Failures become `STORAGE_UNAVAILABLE` or `STORAGE_FAILED` with the `pg` error as `cause`.
 *
 * @example
 * const driver = new PgDriver({ connectionString: 'postgres://postgres@127.0.0.1:5432/test', schema: 'weft' });
 * await driver.query('SELECT 1');
 */
export class PgDriver implements SqlDriver {
  readonly name = 'postgres';
  readonly schema: string | undefined;
  readonly #pool: pg.Pool;
  readonly #retries: number;
  readonly #retryDelayMs: number;
  readonly #statements = new PreparedStatementNames();

  constructor(options: PgDriverOptions) {
    if (options.schema !== undefined && !schemaPattern.test(options.schema)) {
      throw new ValidationError('VALIDATION_FAILED', {
        message: `Invalid Postgres schema name: ${options.schema}`,
        details: { schema: options.schema },
      });
    }
    this.schema = options.schema;
    this.#retries = options.retries ?? 5;
    this.#retryDelayMs = options.retryDelayMs ?? 50;
    this.#pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
    });
    // An idle client losing its connection must not crash the process; the next checkout reconnects.
    this.#pool.on('error', () => undefined);
  }

  /** Creates the configured schema if it does not exist. */
  async ensureSchema(): Promise<void> {
    if (this.schema !== undefined)
      await this.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`, [], { idempotent: true });
  }

  query(sql: string, params: readonly unknown[] = [], options: SqlQueryOptions = {}): Promise<SqlRow[]> {
    return this.#withClient(options, (client) => this.#queryOn(client, sql, params, options), sql);
  }

  /** One statement on `client`, named (prepared once per connection) when `prepare` asks for it. */
  async #queryOn(
    client: pg.PoolClient,
    sql: string,
    params: readonly unknown[],
    options: SqlQueryOptions,
  ): Promise<SqlRow[]> {
    const name = options.prepare === true ? this.#statements.nameOf(sql) : undefined;
    const config = name === undefined ? { text: sql } : { name, text: sql };
    return (await client.query<SqlRow>({ ...config, values: [...params] })).rows;
  }

  exec(sql: string): Promise<void> {
    return this.#withClient({}, async (client) => void (await client.query(sql)), sql);
  }

  transaction<T>(body: (tx: SqlExecutor) => Promise<T>, options: SqlQueryOptions = {}): Promise<T> {
    return this.#withClient(
      options,
      async (client) => {
        await client.query('BEGIN');
        try {
          const result = await body({
            query: (sql, params = [], statement = {}) => this.#queryOn(client, sql, params, statement),
            exec: async (sql) => void (await client.query(sql)),
          });
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      },
      undefined,
    );
  }

  async close(): Promise<void> {
    if (!this.#pool.ended) await this.#pool.end();
  }

  async #withClient<T>(
    options: SqlQueryOptions,
    work: (client: pg.PoolClient) => Promise<T>,
    statement: string | undefined,
  ): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      let client: pg.PoolClient;
      try {
        client = await this.#pool.connect();
      } catch (error) {
        if (attempt < this.#retries && isTransientPgError(error)) {
          await this.#backoff(attempt);
          continue;
        }
        throw toStorageError(error, statement);
      }
      try {
        const result = await work(client);
        client.release();
        return result;
      } catch (error) {
        const transient = isTransientPgError(error);
        client.release(transient ? (error as Error) : undefined);
        if (transient && options.idempotent === true && attempt < this.#retries) {
          await this.#backoff(attempt);
          continue;
        }
        throw toStorageError(error, statement);
      }
    }
  }

  #backoff(attempt: number): Promise<void> {
    const delay = this.#retryDelayMs * 2 ** attempt * (0.5 + Math.random() / 2);
    return new Promise((resolve) => setTimeout(resolve, delay));
  }
}
