import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import plugin, { PgDriver, PgStorage, pgStorageOptions } from '../../../plugins/postgres/index.js';
import { WeftError } from '../../../runtime/errors/weft-error.js';
import { PluginRegistry } from '../../../runtime/plugins/plugin-registry.js';

/** The local test database (trust auth). Unreachable means failing tests, never skipped ones. */
const postgresUrl = process.env.WEFT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const silentLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

/** Terminates the backend running a statement that matches `marker`, as an admin restart would. */
async function terminateBackendRunning(marker: string): Promise<void> {
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  try {
    for (let tries = 0; tries < 100; tries += 1) {
      const { rows } = await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()`,
        [`%${marker}%`],
      );
      if (rows[0] !== undefined) {
        await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no backend ran ${marker}`);
  } finally {
    await admin.end();
  }
}

describe('PgDriver failures', () => {
  const drivers: PgDriver[] = [];
  const driver = (options: Partial<ConstructorParameters<typeof PgDriver>[0]> = {}): PgDriver => {
    const made = new PgDriver({ connectionString: postgresUrl, retryDelayMs: 5, ...options });
    drivers.push(made);
    return made;
  };
  afterAll(async () => {
    for (const made of drivers) await made.close();
  });

  it('answers STORAGE_UNAVAILABLE (retryable, cause kept) when the server cannot be reached', async () => {
    const unreachable = driver({ connectionString: 'postgres://postgres@127.0.0.1:1/test', retries: 2 });
    const error = await failureOf(unreachable.query('SELECT 1', [], { idempotent: true }));
    expect(WeftError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
      status: 503,
      retryable: true,
      details: { code: 'ECONNREFUSED' },
    });
    expect((error as Error).cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('answers STORAGE_FAILED with the SQLSTATE for a statement the server rejects', async () => {
    const error = await failureOf(driver().query('SELECT * FROM weft_table_that_does_not_exist'));
    expect(error).toMatchObject({
      code: 'STORAGE_FAILED',
      status: 500,
      retryable: false,
      details: { code: '42P01' },
    });
  });

  it('retries an idempotent statement whose connection the server terminated', async () => {
    const marker = `weft_retry_${Date.now()}`;
    const running = driver({ poolSize: 1 }).query(
      `SELECT 7 AS answer, pg_sleep(0.3), '${marker}' AS marker`,
      [],
      { idempotent: true },
    );
    await terminateBackendRunning(marker);
    expect((await running)[0]).toMatchObject({ answer: 7 });
  });

  it('does not retry a statement that is not idempotent', async () => {
    const marker = `weft_no_retry_${Date.now()}`;
    const running = failureOf(driver({ poolSize: 1 }).query(`SELECT pg_sleep(0.3), '${marker}' AS marker`));
    await terminateBackendRunning(marker);
    expect(await running).toMatchObject({ code: 'STORAGE_UNAVAILABLE', details: { code: '57P01' } });
  });

  it('rejects a schema name that is not a plain identifier', () => {
    expect(() => new PgStorage({ connectionString: postgresUrl, schema: 'x"; DROP TABLE y; --' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });
});

describe('postgres plugin', () => {
  it.each([
    ['the storage url', { url: 'postgres://a/b' }, {}, { connectionString: 'postgres://a/b' }],
    ['DATABASE_URL', {}, { DATABASE_URL: 'postgres://env/db' }, { connectionString: 'postgres://env/db' }],
    [
      'schema, pool size and retries from config',
      { url: 'postgres://a/b', config: { schema: 'weft', poolSize: 3, retries: 0 } },
      {},
      { connectionString: 'postgres://a/b', schema: 'weft', poolSize: 3, retries: 0 },
    ],
  ])('reads the connection from %s', (_, options, environment, want) => {
    expect(pgStorageOptions(options, environment)).toEqual(want);
  });

  it('asks for a URL when neither storage.url nor DATABASE_URL is set', () => {
    expect(() => pgStorageOptions({}, {})).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('registers the postgres storage adapter', async () => {
    const registry = new PluginRegistry();
    await registry.install(plugin);
    const storage = await registry.storage('postgres')?.({
      projectDir: '/tmp',
      options: { url: postgresUrl },
      logger: silentLogger,
    });
    expect(storage).toBeInstanceOf(PgStorage);
    await storage?.ping();
    await storage?.close();
  });
});
