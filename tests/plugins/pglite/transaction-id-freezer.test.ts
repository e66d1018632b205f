import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { PgliteDriver } from '../../../plugins/pglite/pglite-driver.js';
import { PgliteStorage } from '../../../plugins/pglite/pglite-storage.js';
import { TransactionIdFreezer } from '../../../plugins/pglite/transaction-id-freezer.js';
import type { SqlDriver } from '../../../runtime/storage/sql/sql-driver.js';
import { memoryPgliteDrivers } from './memory-drivers.js';

/** `age(datfrozenxid)`: write transactions since the database's oldest unfrozen one. */
async function databaseAge(driver: SqlDriver): Promise<number> {
  const [row] = await driver.query(
    'SELECT age(datfrozenxid)::int8 AS age FROM pg_database WHERE datname = current_database()',
  );
  return Number(row?.age);
}

async function tableAge(driver: SqlDriver, table: string): Promise<number> {
  const [row] = await driver.query('SELECT age(relfrozenxid)::int8 AS age FROM pg_class WHERE relname = $1', [
    table,
  ]);
  return Number(row?.age);
}

/** `count` write transactions, one row each. */
async function writeRows(driver: SqlDriver, table: string, count: number): Promise<void> {
  for (let n = 0; n < count; n++) await driver.query(`INSERT INTO ${table} (n) VALUES ($1)`, [n]);
}

describe('TransactionIdFreezer (PGlite has no autovacuum to prevent transaction ID wraparound)', () => {
  const memoryDriver = () => new PgliteDriver(() => PGlite.create({ dataDir: 'memory://' }));

  it('leaves a database younger than maxAge alone', async () => {
    const driver = memoryDriver();
    try {
      await driver.exec('CREATE TABLE rows (n int)');
      await writeRows(driver, 'rows', 50);
      const before = await tableAge(driver, 'rows');
      expect(before).toBeGreaterThanOrEqual(50);
      expect(await new TransactionIdFreezer(driver, { maxAge: 10_000 }).check()).toEqual([]);
      expect(await tableAge(driver, 'rows')).toBeGreaterThanOrEqual(before);
    } finally {
      await driver.close();
    }
  });

  it.each(memoryPgliteDrivers)(
    'freezes the tables older than half of maxAge once the database is older than maxAge, keeping their rows (%s)',
    async (_, open) => {
      const driver = open();
      try {
        await driver.exec('CREATE TABLE old_rows (n int)');
        await writeRows(driver, 'old_rows', 300);
        await driver.exec('CREATE TABLE young_rows (n int)');
        await writeRows(driver, 'young_rows', 20);
        expect(await databaseAge(driver)).toBeGreaterThan(300);

        const frozen = await new TransactionIdFreezer(driver, { maxAge: 200 }).check();

        expect(frozen).toContain('old_rows');
        expect(frozen).not.toContain('young_rows');
        expect(await tableAge(driver, 'old_rows')).toBeLessThan(10);
        expect(await databaseAge(driver)).toBeLessThanOrEqual(200);
        expect(await driver.query('SELECT count(*)::int AS n FROM old_rows')).toEqual([{ n: 300 }]);
      } finally {
        await driver.close();
      }
    },
  );

  it('checks again on its timer while started, until stopped', async () => {
    const driver = memoryDriver();
    const freezer = new TransactionIdFreezer(driver, { maxAge: 100, checkIntervalMs: 20 });
    try {
      await driver.exec('CREATE TABLE rows (n int)');
      expect(await freezer.start()).toEqual([]);
      await writeRows(driver, 'rows', 150);
      await vi.waitFor(async () => expect(await tableAge(driver, 'rows')).toBeLessThan(50), {
        timeout: 10_000,
        interval: 20,
      });
    } finally {
      await freezer.stop();
      await driver.close();
    }
  });

  it('refuses a maxAge that is not an integer of 2 or more', () => {
    expect(() => new TransactionIdFreezer(memoryDriver(), { maxAge: 0.5 })).toThrow(RangeError);
  });
});

describe('PgliteStorage freezes old tables when it opens', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-freeze-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reopens a database older than freezeMaxAge with its journal frozen and every entry intact', async () => {
    const options = { dataDir: join(dir, 'data'), vector: false, freezeMaxAge: 300 } as const;
    const first = new PgliteStorage(options);
    await first.init();
    await first.createRun({
      id: 'r1',
      workflow: 'w',
      workflowHash: 'h',
      status: 'running',
      input: {},
      createdAt: 1,
      updatedAt: 1,
    });
    for (let attempt = 1; attempt <= 400; attempt++) {
      await first.appendJournal([{ runId: 'r1', path: 'a', attempt, status: 'started', startedAt: attempt }]);
    }
    expect(await tableAge(first.sqlDriver(), 'weft_journal')).toBeGreaterThan(300);
    await first.close();

    const second = new PgliteStorage(options);
    await second.init();
    try {
      expect(await tableAge(second.sqlDriver(), 'weft_journal')).toBeLessThan(10);
      expect(await databaseAge(second.sqlDriver())).toBeLessThanOrEqual(300);
      const journal = await second.getJournal('r1');
      expect(journal.map((entry) => entry.attempt)).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
    } finally {
      await second.close();
    }
  }, 120_000);
});
