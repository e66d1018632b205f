import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteDriver } from '../../../../plugins/pglite/pglite-driver.js';
import type { RunRecordV1 } from '../../../../runtime/spec/v1/storage.js';
import {
  type RunUpdate,
  runUpdateBatchStatement,
} from '../../../../runtime/storage/sql/run-update-batch-statement.js';
import { SqlStorage } from '../../../../runtime/storage/sql/sql-storage.js';

const driver = new PgliteDriver(() => PGlite.create({ dataDir: 'memory://' }));
const storage = new SqlStorage(driver);
beforeAll(() => storage.init(), 120_000);
afterAll(() => storage.close());

const run = (id: string, extra: Partial<RunRecordV1> = {}): RunRecordV1 => ({
  id,
  workflow: 'w',
  workflowHash: 'h',
  status: 'running',
  input: {},
  output: { before: id },
  leaseOwner: 'me',
  leaseExpiresAt: 100,
  createdAt: 1,
  updatedAt: 1,
  ...extra,
});

async function apply(updates: readonly RunUpdate[]): Promise<string[]> {
  const { sql, params } = runUpdateBatchStatement(updates);
  return (await driver.query(sql, params, { prepare: true })).map((row) => String(row.id)).sort();
}

describe('runUpdateBatchStatement on PGlite', () => {
  it('applies a batch of mixed patches and expectations, each to its own run, and only where expected', async () => {
    for (const id of ['a', 'b', 'c', 'd', 'e']) await storage.createRun(run(id));
    const applied = await apply([
      {
        runId: 'a',
        patch: { status: 'completed', output: { n: 1 }, updatedAt: 2 },
        expect: { status: ['running'] },
      },
      { runId: 'b', patch: { leaseOwner: null, leaseExpiresAt: null, updatedAt: 3 } },
      { runId: 'c', patch: { cancelRequested: true, updatedAt: 4 }, expect: { status: ['suspended'] } },
      {
        runId: 'd',
        patch: { status: 'failed', error: { code: 'E', message: 'boom' }, output: undefined, updatedAt: 5 },
        expect: { leaseOwner: 'me' },
      },
      { runId: 'e', patch: { output: null, updatedAt: 6 }, expect: { leaseOwner: 'someone else' } },
    ]);
    expect(applied).toEqual(['a', 'b', 'd']);
    expect(await storage.getRun('a')).toEqual(
      run('a', { status: 'completed', output: { n: 1 }, updatedAt: 2 }),
    );
    const { leaseOwner: _owner, leaseExpiresAt: _expires, ...unleased } = run('b', { updatedAt: 3 });
    expect(await storage.getRun('b')).toEqual(unleased);
    expect(await storage.getRun('c')).toEqual(run('c'));
    const { output: _output, ...failed } = run('d', {
      status: 'failed',
      error: { code: 'E', message: 'boom' },
      updatedAt: 5,
    });
    expect(await storage.getRun('d')).toEqual(failed);
    expect(await storage.getRun('e')).toEqual(run('e'));
  });

  it('sets a JSON null output when every update of a batch sets one', async () => {
    for (const id of ['f', 'g']) await storage.createRun(run(id));
    expect(
      await apply(['f', 'g'].map((runId) => ({ runId, patch: { output: null, updatedAt: 7 } }))),
    ).toEqual(['f', 'g']);
    expect((await storage.getRun('f'))?.output).toBeNull();
    expect((await storage.getRun('g'))?.output).toBeNull();
  });

  it('leaves out what no update of the batch sets or expects', () => {
    const { sql } = runUpdateBatchStatement([{ runId: 'x', patch: { status: 'completed', updatedAt: 1 } }]);
    expect(sql).toContain('status = v.status');
    expect(sql).not.toMatch(/output|expect_|CASE/);
  });

  it('finds the runs of a batch through the primary key, not by scanning every run', async () => {
    const ids = Array.from({ length: 6000 }, (_, index) => `many-${index}`);
    await Promise.all(ids.map((id) => storage.createRun(run(id))));
    await driver.exec('ANALYZE weft_runs');
    const updates = ids.slice(-1000).map((runId) => ({
      runId,
      patch: { status: 'completed' as const, output: { done: true }, leaseOwner: null, updatedAt: 9 },
      expect: { status: ['running' as const], leaseOwner: 'me' },
    }));
    const { sql, params } = runUpdateBatchStatement(updates);
    const plan = (await driver.query(`EXPLAIN ${sql}`, params)).map((row) => String(row['QUERY PLAN']));
    expect(plan.join('\n')).toMatch(/weft_runs_pkey/);
    expect(plan.filter((line) => /Seq Scan on weft_runs\b/.test(line))).toEqual([]);
    expect(await apply(updates)).toHaveLength(1000);
    expect(await storage.getRun('many-5999')).toMatchObject({ status: 'completed', output: { done: true } });
  });
});
