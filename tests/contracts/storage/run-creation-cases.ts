import { expect } from 'vitest';
import type { JournalEntryV1, RunRecordV1, StorageV1 } from '../../../runtime/spec/v1/storage.js';
import type { RunUpdateCaseContext } from './run-update-cases.js';

/** The `started` entry of step `path` of `run`, as the engine writes it with the run's creation. */
function started(run: RunRecordV1, path = 'first'): JournalEntryV1 {
  return { runId: run.id, path, attempt: 1, status: 'started', startedAt: run.createdAt };
}

/** The optional method, or a failed expectation naming the adapter that lacks it. */
function creator(storage: StorageV1): NonNullable<StorageV1['createRunAndAppendJournal']> {
  const create = storage.createRunAndAppendJournal;
  expect(create, `${storage.name} offers createRunAndAppendJournal`).toBeTypeOf('function');
  return (create as NonNullable<StorageV1['createRunAndAppendJournal']>).bind(storage);
}

/**
 * Contract cases of `createRunAndAppendJournal` (optional in `StorageV1`; the memory, PGlite and
 * Postgres adapters offer it): one run with its entries, many at once mixed with plain
 * `createRun` calls (adapters group-commit them: few runs go in one statement, many through COPY
 * on PGlite), and an id that exists.
 *
 * @example
 * describeRunCreationCases({ storage: () => storage, test, newRun });
 */
export function describeRunCreationCases({ storage, test, newRun }: RunUpdateCaseContext): void {
  test('creates a run together with its first journal entries, both readable once the call resolves', async () => {
    const run = newRun({ leaseOwner: 'o', leaseExpiresAt: 9 });
    const entries = [
      started(run, 'before'),
      { ...started(run, 'before'), status: 'completed' as const, output: { ok: 1 }, endedAt: 5 },
      started(run),
    ];
    await creator(storage())(run, entries);
    expect(await storage().getRun(run.id)).toEqual(run);
    expect(await storage().getJournal(run.id)).toEqual([entries[1], entries[2]]);
    const bare = newRun();
    await creator(storage())(bare, []);
    expect(await storage().getRun(bare.id)).toEqual(bare);
    expect(await storage().getJournal(bare.id)).toEqual([]);
  });

  test('creates concurrent runs with their entries (few and many at once, mixed with createRun)', async () => {
    for (const count of [1, 5, 20, 80]) {
      const runs = Array.from({ length: count }, (_, index) =>
        newRun(index % 2 === 0 ? { parentRunId: 'p', parentStep: 's' } : { input: { index } }),
      );
      const plain = newRun();
      const reads = await Promise.all([
        ...runs.map(async (run) => {
          await creator(storage())(run, [started(run)]);
          return [await storage().getRun(run.id), await storage().getJournal(run.id)] as const;
        }),
        storage()
          .createRun(plain)
          .then(
            async () => [await storage().getRun(plain.id), await storage().getJournal(plain.id)] as const,
          ),
      ]);
      expect(reads).toEqual([...runs.map((run) => [run, [started(run)]]), [plain, []]]);
    }
  });

  test('keeps the existing run, and writes none of the entries, when its id is created again', async () => {
    const run = newRun();
    await storage().createRun(run);
    await creator(storage())({ ...run, status: 'failed', input: 'other' }, [started(run)]);
    expect(await storage().getRun(run.id)).toEqual(run);
    expect(await storage().getJournal(run.id)).toEqual([]);
    const withEntries = newRun();
    await creator(storage())(withEntries, [started(withEntries, 'one')]);
    await creator(storage())(withEntries, [started(withEntries, 'two')]);
    expect(await storage().getJournal(withEntries.id)).toEqual([started(withEntries, 'one')]);
    const again = Array.from({ length: 40 }, () => newRun());
    await Promise.all(again.map((other) => storage().createRun(other)));
    await Promise.all(
      again.map((other) => creator(storage())({ ...other, status: 'failed' }, [started(other)])),
    );
    for (const other of again) {
      expect(await storage().getRun(other.id)).toEqual(other);
      expect(await storage().getJournal(other.id)).toEqual([]);
    }
  });

  test('reads the entries a run was created with before the ones appended later', async () => {
    const run = newRun();
    const first = started(run);
    const done = { ...first, status: 'completed' as const, output: 1, endedAt: 3 };
    await creator(storage())(run, [first]);
    await storage().appendJournal([done, started(run, 'next')]);
    expect(await storage().getJournal(run.id)).toEqual([done, started(run, 'next')]);
    const plain = newRun();
    await storage().createRun(plain);
    await storage().appendJournal([started(plain)]);
    expect(await storage().getJournal(plain.id)).toEqual([started(plain)]);
  });
}
