import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll } from 'vitest';
import { PgliteStorage } from '../../../plugins/pglite/pglite-storage.js';
import { PgStorage } from '../../../plugins/postgres/pg-storage.js';
import { MemoryStorage } from '../../../runtime/storage/memory-storage.js';
import { describeStorageContract } from './storage-contract.js';

/** The local test database (trust auth). Unreachable means failing tests, never skipped ones. */
const postgresUrl = process.env.WEFT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const postgresSchema = `weft_test_${Math.random().toString(36).slice(2, 10)}`;

const temporaryDirs: string[] = [];
afterAll(async () => {
  for (const dir of temporaryDirs) await rm(dir, { recursive: true, force: true });
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${postgresSchema}" CASCADE`);
  } finally {
    await client.end();
  }
});

describeStorageContract('memory', () => new MemoryStorage());

describeStorageContract('pglite (memory://)', () => new PgliteStorage({ dataDir: 'memory://' }));

describeStorageContract(
  'pglite (memory://, in a worker thread)',
  () => new PgliteStorage({ dataDir: 'memory://', thread: 'worker' }),
);

describeStorageContract('pglite (on disk)', async () => {
  const projectDir = await mkdtemp(join(tmpdir(), 'weft-storage-contract-'));
  temporaryDirs.push(projectDir);
  return new PgliteStorage({ projectDir });
});

describeStorageContract(
  'postgres',
  () => new PgStorage({ connectionString: postgresUrl, schema: postgresSchema, retries: 1 }),
);
