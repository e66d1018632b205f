import { expect } from 'vitest';
import type {
  JournalEntryV1,
  RunExpectationV1,
  RunPatchV1,
  RunRecordV1,
  StorageV1,
} from '../../../runtime/spec/v1/storage.js';

/** What the run-update cases need from the contract suite: its storage, a case runner, a run factory. */
export interface RunUpdateCaseContext {
  readonly storage: () => StorageV1;
  readonly test: (title: string, body: () => Promise<void>) => void;
  readonly newRun: (overrides?: Partial<RunRecordV1>) => RunRecordV1;
}

/**
 * Contract cases of concurrent conditional run updates (which adapters may group-commit into one
 * statement) and of the optional `appendJournalAndUpdateRun` and `updateRunAndAppendJournal`.
 *
 * @example
 * describeRunUpdateCases({ storage: () => storage, test, newRun });
 */
export function describeRunUpdateCases({ storage, test, newRun }: RunUpdateCaseContext): void {
  test('applies many concurrent conditional updates at once, each caller learning whether its own applied', async () => {
    const runs = Array.from({ length: 30 }, (_, index) =>
      newRun(
        index % 3 === 0 ? { status: 'suspended', leaseOwner: 'a', leaseExpiresAt: 5 } : { output: [index] },
      ),
    );
    for (const run of runs) await storage().createRun(run);
    const cases: [RunRecordV1, RunPatchV1, RunExpectationV1 | undefined, boolean][] = runs.map(
      (run, index) => {
        switch (index % 5) {
          case 0:
            return [
              run,
              { status: 'running', leaseOwner: null, updatedAt: 7 },
              { status: ['suspended'] },
              run.status === 'suspended',
            ];
          case 1:
            return [
              run,
              { output: { done: index }, error: null, updatedAt: 8 },
              { leaseOwner: 'a' },
              run.leaseOwner === 'a',
            ];
          case 2:
            return [
              run,
              { status: 'sleeping', wakeAt: 99, suspended: null, updatedAt: 9 },
              { status: [] },
              false,
            ];
          case 3:
            return [run, { cancelRequested: true, leaseExpiresAt: 50, updatedAt: 10 }, undefined, true];
          default:
            return [
              run,
              { status: 'failed', error: { code: 'X', message: 'm' }, updatedAt: 11 },
              { status: ['running', 'sleeping'], leaseOwner: 'a' },
              run.status === 'running' && run.leaseOwner === 'a',
            ];
        }
      },
    );
    const results = await Promise.all(
      cases.map(([run, patch, expectation]) => storage().updateRun(run.id, patch, expectation)),
    );
    expect(results).toEqual(cases.map(([, , , applies]) => applies));
    for (const [run, patch, , applies] of cases) {
      const stored = await storage().getRun(run.id);
      expect(stored?.updatedAt, run.id).toBe(applies ? patch.updatedAt : run.updatedAt);
      if (applies && patch.status !== undefined) expect(stored?.status).toBe(patch.status);
      if (applies && patch.leaseOwner === null) expect(stored?.leaseOwner).toBeUndefined();
      if (applies && patch.cancelRequested === true)
        expect(stored).toMatchObject({ cancelRequested: true, leaseExpiresAt: 50 });
      if (!applies) expect(stored).toEqual(run);
    }
  });

  test('lets exactly one of several conditional updates of the same run win, issued at once with other runs', async () => {
    const runs = Array.from({ length: 20 }, () => newRun({ status: 'running', leaseOwner: 'o' }));
    for (const run of runs) await storage().createRun(run);
    const ends = ['completed', 'failed', 'cancelled'] as const;
    const results = await Promise.all(
      runs.flatMap((run) =>
        ends.map((status, index) =>
          storage().updateRun(
            run.id,
            { status, updatedAt: 20 + index },
            { status: ['running'], leaseOwner: 'o' },
          ),
        ),
      ),
    );
    for (const [index, run] of runs.entries()) {
      const own = results.slice(index * ends.length, (index + 1) * ends.length);
      expect(own.filter(Boolean), run.id).toHaveLength(1);
      const winner = ends[own.indexOf(true)];
      expect((await storage().getRun(run.id))?.status).toBe(winner);
    }
  });

  test('appendJournalAndUpdateRun writes the entries and applies the update only under its expectation', async () => {
    const append = storage().appendJournalAndUpdateRun?.bind(storage());
    if (append === undefined) return; // capability: appendJournalAndUpdateRun (optional), not implemented
    const runs = Array.from({ length: 12 }, () => newRun({ leaseOwner: 'me', leaseExpiresAt: 9 }));
    for (const run of runs) await storage().createRun(run);
    const entry = (run: RunRecordV1): JournalEntryV1 => ({
      runId: run.id,
      path: 'last',
      attempt: 1,
      status: 'completed',
      output: { run: run.id },
      startedAt: 1,
      endedAt: 2,
    });
    const results = await Promise.all(
      runs.flatMap((run, index) => {
        const owner = index % 4 === 0 ? 'someone-else' : 'me';
        const end = append(
          run.id,
          [entry(run)],
          { status: 'completed', output: index, leaseOwner: null, leaseExpiresAt: null, updatedAt: 30 },
          { status: ['running'], leaseOwner: owner },
        );
        return index % 3 === 0
          ? [end, append(run.id, [], { status: 'failed', updatedAt: 31 }, { status: ['running'] })]
          : [end];
      }),
    );
    let position = 0;
    for (const [index, run] of runs.entries()) {
      const mine = results.slice(position, position + (index % 3 === 0 ? 2 : 1));
      position += mine.length;
      expect(await storage().getJournal(run.id)).toEqual([entry(run)]);
      expect(mine.filter(Boolean).length, run.id).toBe(index % 4 === 0 && index % 3 !== 0 ? 0 : 1);
      const stored = await storage().getRun(run.id);
      if (mine[0] === true) {
        expect(stored).toMatchObject({ status: 'completed', output: index, updatedAt: 30 });
        expect(stored?.leaseOwner).toBeUndefined();
      } else if (mine[1] === true) expect(stored?.status).toBe('failed');
      else expect(stored).toEqual(run);
    }
  });

  test('updateRunAndAppendJournal writes the entries only when its update applies', async () => {
    const update = storage().updateRunAndAppendJournal?.bind(storage());
    if (update === undefined) return; // capability: updateRunAndAppendJournal (optional), not implemented
    const resumed = (run: RunRecordV1, data: unknown): JournalEntryV1 => ({
      runId: run.id,
      path: 'approve',
      attempt: 1,
      status: 'resumed',
      output: data,
      startedAt: 1,
    });
    const patch = (owner: string): RunPatchV1 => ({
      status: 'running',
      suspended: null,
      leaseOwner: owner,
      leaseExpiresAt: 90,
      updatedAt: 40,
    });
    const run = newRun({ status: 'suspended', suspended: [{ step: 'approve', payload: null }] });
    await storage().createRun(run);
    expect(await update(run.id, patch('a'), { status: ['running'] }, [resumed(run, 'no')])).toBe(false);
    expect(await storage().getJournal(run.id)).toEqual([]);
    expect(await storage().getRun(run.id)).toEqual(run);
    expect(await update(newRun().id, patch('a'), undefined, [])).toBe(false);
    // Several at once, as concurrent resumes: exactly one applies, and only its entry is written.
    const results = await Promise.all(
      ['a', 'b', 'c'].map((owner) =>
        update(run.id, patch(owner), { status: ['suspended'] }, [resumed(run, owner)]),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = ['a', 'b', 'c'][results.indexOf(true)];
    expect(await storage().getJournal(run.id)).toEqual([resumed(run, winner)]);
    expect(await storage().getRun(run.id)).toMatchObject({
      status: 'running',
      leaseOwner: winner,
      updatedAt: 40,
    });
    expect((await storage().getRun(run.id))?.suspended).toBeUndefined();
  });
}
