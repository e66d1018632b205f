import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteDriver } from '../../../plugins/pglite/pglite-driver.js';
import type { JournalEntryV1 } from '../../../runtime/spec/v1/storage.js';
import { runMigrations, storageMigrations } from '../../../runtime/storage/sql/migrations.js';
import { SqlStorage } from '../../../runtime/storage/sql/sql-storage.js';

const entry = (
  path: string,
  status: JournalEntryV1['status'],
  extra: Partial<JournalEntryV1> = {},
): JournalEntryV1 => ({
  runId: 'r1',
  path,
  attempt: 1,
  status,
  startedAt: 1,
  ...extra,
});

describe('schema version 2: the append-only journal', () => {
  // Opening PGlite runs initdb (seconds on a busy machine): once, in a hook.
  const driver = new PgliteDriver(() => PGlite.create({ dataDir: 'memory://' }));
  beforeAll(async () => {
    expect(await runMigrations(driver, storageMigrations.slice(0, 1))).toEqual([1]);
  });
  afterAll(async () => {
    await driver.close();
  });

  it('keeps a version-1 journal readable and appends over it (the last row per key wins, first position kept)', async () => {
    // Version 1 wrote one row per (run, path, attempt), updated in place.
    await driver.query(
      `INSERT INTO weft_journal (run_id, path, attempt, status, output, started_at, ended_at)
         VALUES ('r1', 'a', 1, 'completed', '{"n":1}', 1, 2), ('r1', 'b', 1, 'started', NULL, 2, NULL)`,
    );
    const storage = new SqlStorage(driver);
    await storage.init();
    expect(await runMigrations(driver)).toEqual([]);
    expect(await storage.getJournal('r1')).toEqual([
      entry('a', 'completed', { output: { n: 1 }, endedAt: 2 }),
      entry('b', 'started', { startedAt: 2 }),
    ]);
    await storage.appendJournal([
      entry('b', 'completed', { startedAt: 2, output: 2, endedAt: 3 }),
      entry('c', 'started'),
    ]);
    await storage.appendJournal([entry('c', 'failed', { error: { code: 'X', message: 'no' }, endedAt: 4 })]);
    expect(await storage.getJournal('r1')).toEqual([
      entry('a', 'completed', { output: { n: 1 }, endedAt: 2 }),
      entry('b', 'completed', { startedAt: 2, output: 2, endedAt: 3 }),
      entry('c', 'failed', { error: { code: 'X', message: 'no' }, endedAt: 4 }),
    ]);
    const rows = await driver.query("SELECT count(*)::int AS n FROM weft_journal WHERE run_id = 'r1'");
    expect(rows[0]?.n).toBe(5);
  });
});
