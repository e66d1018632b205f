import { afterAll, beforeAll } from 'vitest';
import { PgDriver } from '../../../../plugins/postgres/pg-driver.js';
import { describePackedJournal } from './packed-journal-cases.js';
import { describeUnfinishedRuns } from './unfinished-runs-cases.js';

/** The local test database (trust auth). Unreachable means failing tests, never skipped ones. */
const postgresUrl = process.env.WEFT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `weft_test_${Math.random().toString(36).slice(2, 10)}`;
const driver = new PgDriver({ connectionString: postgresUrl, schema, retries: 1 });

beforeAll(async () => {
  await driver.ensureSchema();
});
afterAll(async () => {
  await driver.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await driver.close();
});

describePackedJournal('postgres', () => driver);
describeUnfinishedRuns('postgres', () => driver);
