import { describe, expect, it } from 'vitest';
import type { JournalEntryV1 } from '../../../../runtime/spec/v1/storage.js';
import { JournalGroupCommit } from '../../../../runtime/storage/sql/journal-group-commit.js';
import type { SqlDriver, SqlRow } from '../../../../runtime/storage/sql/sql-driver.js';

/**
 * A driver that records each committed statement's journal entries (`run/path`, from its one
 * parameter: run id to the run's entries), and fails a statement holding an entry whose path is `bad`.
 */
function recordingDriver(): { driver: SqlDriver; commits: string[][] } {
  const commits: string[][] = [];
  const driver: SqlDriver = {
    name: 'recording',
    async query(_sql: string, params: readonly unknown[] = []): Promise<SqlRow[]> {
      await new Promise((resolve) => setTimeout(resolve, 2));
      const runs = JSON.parse(String(params[0])) as Record<string, { path: string }[]>;
      const written = Object.entries(runs).flatMap(([runId, entries]) =>
        entries.map((entry) => `${runId}/${entry.path}`),
      );
      if (written.some((key) => key.endsWith('/bad'))) throw new Error('rejected row');
      commits.push(written);
      return [];
    },
    exec: async () => undefined,
    close: async () => undefined,
    transaction: async () => {
      throw new Error('journal writes are single statements');
    },
  };
  return { driver, commits };
}

const entry = (runId: string, path: string): JournalEntryV1 => ({
  runId,
  path,
  attempt: 1,
  status: 'completed',
  startedAt: 1,
});

describe('JournalGroupCommit', () => {
  it('gathers calls that arrive while a write is in flight into one transaction', async () => {
    const { driver, commits } = recordingDriver();
    const journal = new JournalGroupCommit(driver);
    await Promise.all(Array.from({ length: 100 }, (_, index) => journal.append([entry(`r${index}`, 'a')])));
    expect(commits.flat()).toHaveLength(100);
    expect(commits.length).toBeLessThanOrEqual(2);
  });

  it('resolves each call only after the transaction holding its entries committed', async () => {
    const { driver, commits } = recordingDriver();
    const journal = new JournalGroupCommit(driver);
    const committedWhenResolved: boolean[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async (_, index) => {
        await journal.append([entry(`r${index}`, 'a')]);
        committedWhenResolved.push(commits.flat().includes(`r${index}/a`));
      }),
    );
    expect(committedWhenResolved).toEqual(Array.from({ length: 20 }, () => true));
  });

  it('fails only the call whose entries the database rejects', async () => {
    const { driver, commits } = recordingDriver();
    const journal = new JournalGroupCommit(driver);
    const results = await Promise.allSettled([
      journal.append([entry('r1', 'a')]),
      journal.append([entry('r2', 'bad')]),
      journal.append([entry('r3', 'a')]),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(commits.flat().sort()).toEqual(['r1/a', 'r3/a']);
  });

  it('keeps writing after a failed batch', async () => {
    const { driver, commits } = recordingDriver();
    const journal = new JournalGroupCommit(driver);
    await expect(journal.append([entry('r1', 'bad')])).rejects.toThrow('rejected row');
    await journal.append([entry('r2', 'a')]);
    expect(commits.flat()).toEqual(['r2/a']);
  });
});
