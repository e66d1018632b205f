import { describe, expect, it } from 'vitest';
import { RunUpdateGroupCommit } from '../../../../runtime/storage/sql/run-update-group-commit.js';
import type { SqlDriver, SqlRow } from '../../../../runtime/storage/sql/sql-driver.js';

/**
 * A driver over an in-memory status per run that records the runs of each statement: a batch
 * statement (`unnest`) takes ids as its first parameter array, a lone update its first parameter.
 * Updates apply when the run is `running`; a run named `bad` makes its statement fail.
 */
function recordingDriver(): { driver: SqlDriver; statements: string[][]; status: Map<string, string> } {
  const statements: string[][] = [];
  const status = new Map<string, string>();
  const driver: SqlDriver = {
    name: 'recording',
    async query(sql: string, params: readonly unknown[] = []): Promise<SqlRow[]> {
      await new Promise((resolve) => setTimeout(resolve, 2));
      const ids = sql.includes('unnest(') ? (params[0] as string[]) : [String(params[0])];
      if (ids.includes('bad')) throw new Error('rejected update');
      statements.push(ids);
      const applied = ids.filter((id) => (status.get(id) ?? 'running') === 'running');
      for (const id of applied) status.set(id, 'completed');
      return applied.map((id) => ({ id }));
    },
    exec: async () => undefined,
    close: async () => undefined,
    transaction: async () => {
      throw new Error('run updates are single statements');
    },
  };
  return { driver, statements, status };
}

const complete = (runId: string) => ({
  runId,
  patch: { status: 'completed' as const, updatedAt: 2 },
  expect: { status: ['running' as const] },
});

describe('RunUpdateGroupCommit', () => {
  it('gathers concurrent updates of distinct runs into one statement, each caller learning its own result', async () => {
    const { driver, statements, status } = recordingDriver();
    status.set('r3', 'cancelled');
    const updates = new RunUpdateGroupCommit(driver);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) => updates.update(complete(`r${index}`))),
    );
    expect(statements.flat()).toHaveLength(50);
    expect(statements.length).toBeLessThanOrEqual(2);
    expect(results.filter((applied) => !applied)).toHaveLength(1);
    expect(results[3]).toBe(false);
  });

  it('never puts the same run twice in one statement: of racing updates exactly one applies', async () => {
    const { driver, statements } = recordingDriver();
    const updates = new RunUpdateGroupCommit(driver);
    const results = await Promise.all(
      ['a', 'b', 'a', 'c', 'a', 'b'].map((runId) => updates.update(complete(runId))),
    );
    for (const ids of statements) expect(new Set(ids).size).toBe(ids.length);
    expect(results).toEqual([true, true, false, true, false, false]);
  });

  it('writes each update of a failed batch alone, so only the bad one fails', async () => {
    const { driver } = recordingDriver();
    const updates = new RunUpdateGroupCommit(driver);
    const results = await Promise.allSettled(
      ['x', 'bad', 'y'].map((runId) => updates.update(complete(runId))),
    );
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
