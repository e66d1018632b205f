import pg from 'pg';
import { afterAll } from 'vitest';
import { PgliteStorage } from '../../../plugins/pglite/pglite-storage.js';
import { PgVector } from '../../../plugins/pgvector/pg-vector.js';
import { PgDriver } from '../../../plugins/postgres/pg-driver.js';
import { MemoryVectorStore } from '../../../runtime/vector/memory-vector-store.js';
import { describeVectorStoreContract } from './vector-store-contract.js';

/** The local test database (trust auth). Unreachable means failing tests, never skipped ones. */
const postgresUrl = process.env.WEFT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const postgresSchema = `weft_vec_test_${Math.random().toString(36).slice(2, 10)}`;

afterAll(async () => {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${postgresSchema}" CASCADE`);
  } finally {
    await client.end();
  }
});

describeVectorStoreContract('memory', async () => ({ store: new MemoryVectorStore() }));

describeVectorStoreContract('pgvector on pglite (HNSW)', async () => {
  const storage = new PgliteStorage({ dataDir: 'memory://' });
  const store = new PgVector({ driver: storage.sqlDriver() });
  if (!(await store.usesPgvector())) throw new Error('PGlite should have pgvector');
  return { store, close: () => storage.close() };
});

describeVectorStoreContract('pgvector on pglite (exact search)', async () => {
  const storage = new PgliteStorage({ dataDir: 'memory://' });
  const store = new PgVector({ driver: storage.sqlDriver(), search: 'exact' });
  await store.usesPgvector(); // opens the database before the first case
  return { store, close: () => storage.close() };
});

describeVectorStoreContract('pgvector on postgres (exact search without the extension)', async () => {
  const driver = new PgDriver({ connectionString: postgresUrl, schema: postgresSchema, retries: 1 });
  await driver.ensureSchema();
  const store = new PgVector({ driver });
  await store.usesPgvector(); // detects pgvector (absent on this machine: exact search) before the first case
  return { store, close: () => driver.close() };
});
