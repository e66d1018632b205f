import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { PgliteDriver } from '../../../plugins/pglite/pglite-driver.js';
import { PgliteWorkerDriver, startPgliteWorker } from '../../../plugins/pglite/pglite-worker-driver.js';
import type { JournalEntryV1, RunRecordV1 } from '../../../runtime/spec/v1/storage.js';
import type { SqlDriver, SqlExecutor } from '../../../runtime/storage/sql/sql-driver.js';
import { SqlStorage } from '../../../runtime/storage/sql/sql-storage.js';

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

const drivers: readonly [string, () => SqlDriver][] = [
  ['in the calling thread', () => new PgliteDriver(() => PGlite.create({ dataDir: 'memory://' }))],
  [
    'in a worker thread',
    () =>
      new PgliteWorkerDriver(() =>
        startPgliteWorker({ dataDir: 'memory://', startParams: [], vector: false }),
      ),
  ],
];

describe.each(drivers)('PGlite bulk writes through COPY (%s)', (_, open) => {
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

  it('writes fewer runs with the prepared insert, not COPY', async () => {
    copies.length = 0;
    await Promise.all(['f-1', 'f-2', 'f-3'].map((id) => storage.createRun(run(id))));
    await Promise.all(['f-1', 'f-2', 'f-3'].map((id) => storage.appendJournal([step(id, 'a')])));
    expect(copies).toEqual([]);
    expect(await storage.getJournal('f-2')).toEqual([step('f-2', 'a')]);
  });
});
