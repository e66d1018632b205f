import { beforeEach, describe, expect, it } from 'vitest';
import type { RunRecordV1, RunStatusV1 } from '../../../../runtime/spec/v1/storage.js';
import { runMigrations, storageMigrations } from '../../../../runtime/storage/sql/migrations.js';
import type { SqlDriver, SqlRow } from '../../../../runtime/storage/sql/sql-driver.js';
import { SqlStorage } from '../../../../runtime/storage/sql/sql-storage.js';

const statuses: readonly RunStatusV1[] = [
  'running',
  'suspended',
  'sleeping',
  'completed',
  'failed',
  'cancelled',
];
/** The columns a run's updates change (status, output, leases...): no index may cover them. */
const updatedColumns = [
  'status',
  'output',
  'error',
  'suspended',
  'wake_at',
  'lease_owner',
  'lease_expires_at',
  'cancel_requested',
  'updated_at',
];

/** A driver that remembers the statements it was given, to EXPLAIN what the storage ran. */
function recording(driver: SqlDriver): {
  driver: SqlDriver;
  statements: { sql: string; params: readonly unknown[] }[];
} {
  const statements: { sql: string; params: readonly unknown[] }[] = [];
  const spy: SqlDriver = {
    name: driver.name,
    query: (sql, params = [], options) => {
      statements.push({ sql, params });
      return driver.query(sql, params, options);
    },
    exec: (sql) => driver.exec(sql),
    transaction: (body, options) => driver.transaction(body, options),
    close: () => driver.close(),
  };
  return { driver: spy, statements };
}

function run(id: string, status: RunStatusV1, createdAt: number): RunRecordV1 {
  return { id, workflow: 'w', workflowHash: 'h', status, input: {}, createdAt, updatedAt: createdAt };
}

function planText(rows: readonly SqlRow[]): string {
  return rows.map((row) => String(row['QUERY PLAN'])).join('\n');
}

/**
 * Schema version 5 over one SQL driver: the ids of runs that are not completed live in
 * `weft_runs_unfinished` (kept by triggers, filled from the runs already there), no index covers a
 * column that a run's updates change, and reads by unfinished status go through that table. Each
 * test starts from an empty database (the weft tables dropped).
 *
 * @example
 * describeUnfinishedRuns('pglite', () => driver);
 */
export function describeUnfinishedRuns(name: string, driverOf: () => SqlDriver): void {
  describe(`unfinished runs (${name})`, () => {
    beforeEach(async () => {
      await driverOf().exec(
        'DROP TABLE IF EXISTS weft_migrations, weft_graphs, weft_runs, weft_runs_unfinished, weft_journal, weft_threads, weft_messages, weft_kv CASCADE',
      );
    });

    it('fills weft_runs_unfinished from the runs stored before the migration', async () => {
      const driver = driverOf();
      await runMigrations(driver, storageMigrations.slice(0, 4));
      for (const [index, status] of statuses.entries()) {
        await driver.query(
          'INSERT INTO weft_runs (id, workflow, workflow_hash, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)',
          [`old-${status}`, 'w', 'h', status, index],
        );
      }
      await runMigrations(driver);
      const rows = await driver.query('SELECT run_id FROM weft_runs_unfinished ORDER BY run_id');
      expect(rows.map((row) => row.run_id)).toEqual([
        'old-cancelled',
        'old-failed',
        'old-running',
        'old-sleeping',
        'old-suspended',
      ]);
      const storage = new SqlStorage(driver);
      await storage.init();
      const page = await storage.listRuns({ status: ['suspended', 'failed'] });
      expect(page.items.map((item) => item.id)).toEqual(['old-failed', 'old-suspended']);
    });

    it('leaves no index on a column that a run update changes, and room on each page', async () => {
      const driver = driverOf();
      await runMigrations(driver);
      const indexes = await driver.query(
        "SELECT indexdef FROM pg_indexes WHERE tablename = 'weft_runs' AND schemaname = current_schema()",
      );
      expect(indexes.length).toBeGreaterThan(0);
      for (const { indexdef } of indexes) {
        for (const column of updatedColumns)
          expect(String(indexdef)).not.toMatch(new RegExp(`\\b${column}\\b`));
      }
      const options = await driver.query(
        "SELECT reloptions::text AS options FROM pg_class WHERE relname = 'weft_runs' AND relnamespace = current_schema()::regnamespace",
      );
      expect(options[0]?.options).toContain('fillfactor=50');
    });

    it('reads unfinished runs through weft_runs_unfinished, never scanning every run', async () => {
      const { driver, statements } = recording(driverOf());
      const storage = new SqlStorage(driver);
      await storage.init();
      const runs = Array.from({ length: 600 }, (_, index) =>
        run(`r-${index}`, index % 100 === 0 ? 'suspended' : 'running', index),
      );
      await Promise.all(runs.map((record) => storage.createRun(record)));
      await Promise.all(
        runs
          .filter((record) => record.status === 'running')
          .map((record) => storage.updateRun(record.id, { status: 'completed', updatedAt: 1_000 })),
      );
      expect(await driver.query('SELECT count(*)::int AS n FROM weft_runs_unfinished')).toEqual([{ n: 6 }]);
      const reads = [
        () => storage.listRuns({ status: ['suspended'], limit: 2 }),
        () => storage.listRuns({ workflow: 'w', status: ['running', 'sleeping'] }),
        () => storage.findRecoverableRuns(2_000, 10),
      ];
      for (const read of reads) {
        await read();
        const last = statements.at(-1);
        if (last === undefined) throw new Error('no statement recorded');
        const plan = planText(await driverOf().query(`EXPLAIN ${last.sql}`, last.params));
        expect(plan).toContain('weft_runs_unfinished');
        expect(plan).not.toMatch(/Seq Scan on weft_runs(?!_)/);
      }
      expect(
        (await storage.listRuns({ status: ['suspended'], limit: 2 })).items.map((item) => item.id),
      ).toEqual(['r-500', 'r-400']);
    });
  });
}
