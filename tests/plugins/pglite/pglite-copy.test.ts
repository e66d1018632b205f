import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { PgliteDriver } from '../../../plugins/pglite/pglite-driver.js';
import type { JournalEntryV1, RunRecordV1 } from '../../../runtime/spec/v1/storage.js';
import type { SqlDriver, SqlExecutor } from '../../../runtime/storage/sql/sql-driver.js';
import { SqlStorage } from '../../../runtime/storage/sql/sql-storage.js';
import { memoryPgliteDrivers } from './memory-drivers.js';

/** The driver, with the table of each `copyRows` that succeeded (outside and inside transactions). */
function counting(driver: SqlDriver): { driver: SqlDriver; copies: string[] } {
  const copies: string[] = [];
  const copyOf =
    (target: SqlExecutor) =>
    async (table: string, columns: readonly string[], text: string): Promise<void> => {
      if (target.copyRows === undefined) throw new Error('no copyRows');
      await target.copyRows(table, columns, text);
      copies.push(table);
    };
  const wrapped: SqlDriver = {
    name: driver.name,
    query: (sql, params, options) => driver.query(sql, params, options),
    exec: (sql) => driver.exec(sql),
    transaction: (body, options) =>
      driver.transaction((tx) => body({ ...tx, copyRows: copyOf(tx) }), options),
    copyRows: copyOf(driver),
    close: () => driver.close(),
  };
  return { driver: wrapped, copies };
}

const run = (id: string, extra: Partial<RunRecordV1> = {}): RunRecordV1 => ({
  id,
  workflow: 'w',
  workflowHash: 'h',
  status: 'running',
  input: { id },
  leaseOwner: 'me',
  leaseExpiresAt: 10_000,
  createdAt: 1,
  updatedAt: 1,
  ...extra,
});

const step = (runId: string, path: string, extra: Partial<JournalEntryV1> = {}): JournalEntryV1 => ({
  runId,
  path,
  attempt: 1,
  status: 'started',
  startedAt: 1,
  ...extra,
});

describe.each(memoryPgliteDrivers)('PGlite bulk writes through COPY (%s)', (_, open) => {
  const base = open();
  const { driver, copies } = counting(base);
  const storage = new SqlStorage(driver);
  afterAll(() => storage.close());

  it('creates 40 concurrent runs with one COPY; ids that COPY must escape come back unchanged', async () => {
    await storage.init();
    copies.length = 0;
    const ids = [
      'tab\there',
      'line\nbreak',
      'back\\slash',
      '\\.',
      "it's",
      ...Array.from({ length: 35 }, (_, i) => `c-${i}`),
    ];
    await Promise.all(ids.map((id) => storage.createRun(run(id))));
    expect(copies).toEqual(['weft_runs']);
    for (const id of ids) expect(await storage.getRun(id), JSON.stringify(id)).toEqual(run(id));
  });

  it('falls back to the insert that skips existing ids when a batch holds one: the stored run is untouched', async () => {
    await storage.createRun(run('taken', { status: 'suspended', input: { first: true } }));
    copies.length = 0;
    const batch = ['taken', ...Array.from({ length: 39 }, (_, i) => `d-${i}`)];
    await Promise.all(batch.map((id) => storage.createRun(run(id, { input: { second: true } }))));
    // The COPY failed on the existing id (and wrote nothing), the insert wrote the others.
    expect(copies).toEqual([]);
    expect(await storage.getRun('taken')).toEqual(
      run('taken', { status: 'suspended', input: { first: true } }),
    );
    for (const id of batch.slice(1)) expect((await storage.getRun(id))?.input).toEqual({ second: true });
  });

  it('appends the journal of 40 concurrent runs with one COPY, then ends them with COPY and update in one transaction', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `e-${i}`);
    await Promise.all(ids.map((id) => storage.createRun(run(id))));
    copies.length = 0;
    await Promise.all(ids.map((id) => storage.appendJournal([step(id, 'a')])));
    expect(copies).toEqual(['weft_journal']);
    const done = (id: string) => step(id, 'a', { status: 'completed', output: { id }, endedAt: 2 });
    const applied = await Promise.all(
      ids.map((id) =>
        storage.appendJournalAndUpdateRun?.(
          id,
          [done(id)],
          { status: 'completed', output: { id }, leaseOwner: null, leaseExpiresAt: null, updatedAt: 2 },
          { status: ['running'], leaseOwner: id === 'e-0' ? 'someone else' : 'me' },
        ),
      ),
    );
    expect(copies).toEqual(['weft_journal', 'weft_journal']);
    // Each update applied or not by its own expectation; every run's entries were written either way.
    expect(applied).toEqual(ids.map((id) => id !== 'e-0'));
    expect((await storage.getRun('e-0'))?.status).toBe('running');
    for (const id of ids.slice(1))
      expect(await storage.getRun(id)).toMatchObject({ status: 'completed', output: { id } });
    for (const id of ids) expect(await storage.getJournal(id)).toEqual([done(id)]);
  });

  it('runs COPYs that wait for the connection at the same time, inside and outside a transaction, each with its own rows', async () => {
    await base.exec(
      'CREATE TABLE copy_a (v text); CREATE TABLE copy_b (v text); CREATE TABLE copy_c (v text)',
    );
    await Promise.all([
      base.copyRows?.('copy_a', ['v'], 'a1\na2\n'),
      base.transaction(async (tx) => {
        await tx.copyRows?.('copy_b', ['v'], 'b1\n');
        await tx.copyRows?.('copy_c', ['v'], 'c1\nc2\nc3\n');
      }),
      base.copyRows?.('copy_a', ['v'], 'a3\n'),
    ]);
    const values = async (table: string) =>
      (await base.query(`SELECT v FROM ${table} ORDER BY v`)).map((row) => row.v);
    expect(await values('copy_a')).toEqual(['a1', 'a2', 'a3']);
    expect(await values('copy_b')).toEqual(['b1']);
    expect(await values('copy_c')).toEqual(['c1', 'c2', 'c3']);
  });

  it('writes fewer runs with the prepared insert, not COPY', async () => {
    copies.length = 0;
    await Promise.all(['f-1', 'f-2', 'f-3'].map((id) => storage.createRun(run(id))));
    await Promise.all(['f-1', 'f-2', 'f-3'].map((id) => storage.appendJournal([step(id, 'a')])));
    expect(copies).toEqual([]);
    expect(await storage.getJournal('f-2')).toEqual([step('f-2', 'a')]);
  });
});

describe('PGlite COPY files', () => {
  it("leaves no file behind in PGlite's file system, after a COPY that succeeded or failed", async () => {
    const driver = new PgliteDriver(() => PGlite.create({ dataDir: 'memory://' }));
    try {
      await driver.exec('CREATE TABLE copied (v integer PRIMARY KEY)');
      await driver.copyRows('copied', ['v'], '1\n2\n');
      await expect(driver.copyRows('copied', ['v'], '3\n1\n')).rejects.toMatchObject({
        code: 'STORAGE_FAILED',
      });
      await expect(
        driver.transaction(async (tx) => tx.copyRows?.('copied', ['v'], 'not a number\n')),
      ).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
      expect((await driver.query('SELECT v FROM copied ORDER BY v')).map((row) => row.v)).toEqual([1, 2]);
      const fs = (await driver.database()).Module.FS as { readdir(path: string): string[] };
      expect(fs.readdir('/tmp').filter((name) => name.startsWith('weft-copy'))).toEqual([]);
    } finally {
      await driver.close();
    }
  });
});
