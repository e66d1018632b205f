import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  JournalEntryV1,
  MessageRecordV1,
  RunRecordV1,
  RunStatusV1,
  StorageV1,
} from '../../../runtime/spec/v1/storage.js';
import { describeRunCreationCases } from './run-creation-cases.js';
import { describeRunUpdateCases } from './run-update-cases.js';

/** Epoch ms every contract run's `createdAt` counts up from (small values stay free for ordering cases). */
const baseTime = 1_700_000_000_000;

/**
 * The contract every `StorageV1` adapter passes. `factory` makes one storage for the whole suite;
 * cases use unique ids so they share it. The suite calls `init()` twice and `close()` at the end.
 *
 * @example
 * describeStorageContract('memory', () => new MemoryStorage());
 */
export function describeStorageContract(name: string, factory: () => StorageV1 | Promise<StorageV1>): void {
  describe(`StorageV1 contract: ${name}`, () => {
    let storage: StorageV1;
    let counter = 0;
    const prefix = Math.random().toString(36).slice(2, 8);
    const uid = (label: string): string => {
      counter += 1;
      return `${label}-${prefix}-${counter}`;
    };
    const newRun = (overrides: Partial<RunRecordV1> = {}): RunRecordV1 => {
      counter += 1;
      return {
        id: uid('run'),
        workflow: 'contract',
        workflowHash: 'h1',
        status: 'running',
        input: { n: counter },
        createdAt: baseTime + counter,
        updatedAt: baseTime + counter,
        ...overrides,
      };
    };
    const createRuns = async (runs: RunRecordV1[]): Promise<RunRecordV1[]> => {
      for (const run of runs) await storage.createRun(run);
      return runs;
    };

    // A storage that cannot be opened fails every case (never a silent skip of the whole suite).
    let openFailure: unknown;
    beforeAll(async () => {
      try {
        storage = await factory();
        await storage.init();
      } catch (error) {
        openFailure = error;
      }
    });
    const test = (title: string, body: () => Promise<void>): void => {
      it(title, async () => {
        if (openFailure !== undefined) throw openFailure;
        await body();
      });
    };
    afterAll(async () => {
      await storage?.close();
    });

    test('has version v1 and a name, initialises twice and answers ping', async () => {
      expect(storage.specificationVersion).toBe('v1');
      expect(storage.name).toBe(name.split(' ')[0]);
      await expect(storage.init()).resolves.toBeUndefined();
      await expect(storage.ping()).resolves.toBeUndefined();
    });

    test('creates, reads and patches runs; null clears a field; reads are fresh copies', async () => {
      const run = newRun({ parentRunId: 'parent-x', parentStep: 'call', wakeAt: 5 });
      const passed = structuredClone(run);
      await storage.createRun(passed);
      (passed.input as { n: number }).n = -1;
      expect(await storage.getRun(run.id)).toEqual(run);
      expect(await storage.getRun(uid('missing'))).toBeUndefined();
      const error = { code: 'STEP_FAILED', message: 'boom', step: 'a', details: { tries: 2 } };
      const suspended = [{ step: 'approve', payload: { amount: 3 }, timeoutAt: 99 }];
      expect(
        await storage.updateRun(run.id, {
          status: 'suspended',
          error,
          suspended,
          cancelRequested: true,
          updatedAt: run.updatedAt + 1,
        }),
      ).toBe(true);
      expect(await storage.getRun(run.id)).toEqual({
        ...run,
        status: 'suspended',
        error,
        suspended,
        cancelRequested: true,
        updatedAt: run.updatedAt + 1,
      });
      expect(
        await storage.updateRun(run.id, {
          status: 'completed',
          output: { total: 4 },
          error: null,
          suspended: null,
          wakeAt: null,
          updatedAt: run.updatedAt + 2,
        }),
      ).toBe(true);
      const read = await storage.getRun(run.id);
      expect(read).toEqual({
        id: run.id,
        workflow: 'contract',
        workflowHash: 'h1',
        status: 'completed',
        input: run.input,
        output: { total: 4 },
        parentRunId: 'parent-x',
        parentStep: 'call',
        cancelRequested: true,
        createdAt: run.createdAt,
        updatedAt: run.updatedAt + 2,
      });
      (read?.output as { total: number }).total = 100;
      expect((await storage.getRun(run.id))?.output).toEqual({ total: 4 });
    });

    test('keeps the existing run when a run with the same id is created again', async () => {
      const run = newRun();
      await storage.createRun(run);
      await storage.createRun({ ...run, status: 'failed', input: 'other' });
      expect(await storage.getRun(run.id)).toEqual(run);
    });

    test('creates concurrent runs (few and many at once), each readable once its call resolves', async () => {
      for (const count of [3, 40]) {
        const runs = Array.from({ length: count }, (_, index) =>
          newRun(
            index % 2 === 0 ? { leaseOwner: 'o', leaseExpiresAt: 9, parentRunId: 'p' } : { input: [index] },
          ),
        );
        const duplicate = { ...(runs[0] as RunRecordV1), status: 'failed' as const };
        const reads = await Promise.all(
          [...runs, duplicate].map(async (run) => {
            await storage.createRun(run);
            return storage.getRun(run.id);
          }),
        );
        expect(reads.slice(0, count)).toEqual(runs);
        expect(await storage.getRun(runs[0]?.id ?? '')).toEqual(runs[0]);
      }
    });

    test('applies an update only when the expectation holds, and never to a missing run', async () => {
      const run = newRun({ leaseOwner: 'a', leaseExpiresAt: baseTime * 2 });
      await storage.createRun(run);
      expect(
        await storage.updateRun(
          run.id,
          { status: 'failed', updatedAt: 1 },
          { status: ['suspended', 'sleeping'] },
        ),
      ).toBe(false);
      expect(await storage.updateRun(run.id, { status: 'failed', updatedAt: 1 }, { leaseOwner: 'b' })).toBe(
        false,
      );
      expect((await storage.getRun(run.id))?.status).toBe('running');
      expect(
        await storage.updateRun(
          run.id,
          { status: 'sleeping', wakeAt: 10, updatedAt: 2 },
          { status: ['running'], leaseOwner: 'a' },
        ),
      ).toBe(true);
      expect(await storage.getRun(run.id)).toMatchObject({ status: 'sleeping', wakeAt: 10, updatedAt: 2 });
      expect(await storage.updateRun(uid('missing'), { status: 'failed', updatedAt: 1 })).toBe(false);
    });

    test('lets exactly one of two concurrent conditional updates win', async () => {
      const runs = await createRuns(Array.from({ length: 10 }, () => newRun({ status: 'suspended' })));
      const results = await Promise.all(
        runs.map((run) =>
          Promise.all([
            storage.updateRun(run.id, { status: 'running', updatedAt: 2 }, { status: ['suspended'] }),
            storage.updateRun(run.id, { status: 'cancelled', updatedAt: 3 }, { status: ['suspended'] }),
          ]),
        ),
      );
      for (const [first, second] of results) expect([first, second].filter(Boolean)).toHaveLength(1);
    });

    describeRunCreationCases({ storage: () => storage, test, newRun });
    describeRunUpdateCases({ storage: () => storage, test, newRun });

    test('grants, refuses, renews, releases and takes over lapsed leases', async () => {
      const [run, other] = await createRuns([newRun(), newRun()]);
      if (run === undefined || other === undefined) throw new Error('runs not created');
      expect(await storage.acquireLease(run.id, 'owner-a', 1_000, 100)).toBe(true);
      expect(await storage.acquireLease(run.id, 'owner-b', 1_000, 500)).toBe(false);
      expect(await storage.acquireLease(run.id, 'owner-a', 2_000, 500)).toBe(true);
      expect(await storage.getRun(run.id)).toMatchObject({ leaseOwner: 'owner-a', leaseExpiresAt: 2_000 });
      expect(await storage.renewLeases([run.id, other.id, uid('missing')], 'owner-a', 3_000)).toEqual([
        run.id,
      ]);
      expect(await storage.renewLeases([run.id], 'owner-b', 9_000)).toEqual([]);
      expect(await storage.acquireLease(run.id, 'owner-b', 4_000, 2_999)).toBe(false);
      expect(await storage.acquireLease(run.id, 'owner-b', 4_000, 3_000)).toBe(false);
      expect(await storage.acquireLease(run.id, 'owner-b', 4_000, 3_001)).toBe(true);
      expect(await storage.renewLeases([run.id], 'owner-a', 9_000)).toEqual([]);
      await storage.releaseLease(run.id, 'owner-a');
      expect((await storage.getRun(run.id))?.leaseOwner).toBe('owner-b');
      await storage.releaseLease(run.id, 'owner-b');
      const released = await storage.getRun(run.id);
      expect(released?.leaseOwner).toBeUndefined();
      expect(released?.leaseExpiresAt).toBeUndefined();
      expect(await storage.acquireLease(uid('missing'), 'owner-a', 1_000, 1)).toBe(false);
    });

    test('gives a contended lease to exactly one of two owners', async () => {
      const runs = await createRuns(Array.from({ length: 10 }, () => newRun()));
      const results = await Promise.all(
        runs.map((run) =>
          Promise.all([
            storage.acquireLease(run.id, 'x', 1_000, 1),
            storage.acquireLease(run.id, 'y', 1_000, 1),
          ]),
        ),
      );
      for (const pair of results) expect(pair.filter(Boolean)).toHaveLength(1);
    });

    test('finds recoverable runs: running without or with a lapsed lease, sleeping when due; oldest first', async () => {
      const now = 50_000;
      const cases: [string, Partial<RunRecordV1>, boolean][] = [
        ['running, no lease', { status: 'running' }, true],
        ['running, lapsed lease', { status: 'running', leaseOwner: 'dead', leaseExpiresAt: now - 1 }, true],
        ['running, lease ending now', { status: 'running', leaseOwner: 'live', leaseExpiresAt: now }, false],
        [
          'running, held lease',
          { status: 'running', leaseOwner: 'live', leaseExpiresAt: now + 1_000 },
          false,
        ],
        ['sleeping, due', { status: 'sleeping', wakeAt: now }, true],
        ['sleeping, not due', { status: 'sleeping', wakeAt: now + 1 }, false],
        [
          'sleeping, due, held lease',
          { status: 'sleeping', wakeAt: now - 5, leaseOwner: 'live', leaseExpiresAt: now + 1 },
          false,
        ],
        ['suspended', { status: 'suspended' }, false],
        ['completed', { status: 'completed' }, false],
        ['failed', { status: 'failed' }, false],
        ['cancelled', { status: 'cancelled' }, false],
      ];
      const runs = await createRuns(cases.map(([, overrides]) => newRun(overrides)).reverse());
      runs.reverse();
      const mine = new Set(runs.map((run) => run.id));
      const found = (await storage.findRecoverableRuns(now, 10_000))
        .filter((run) => mine.has(run.id))
        .map((run) => run.id);
      const wanted = cases.flatMap(([, , recoverable], index) => (recoverable ? [runs[index]?.id] : []));
      expect(found).toEqual(wanted);
    });

    test('limits recoverable runs to the oldest ones', async () => {
      const oldest = await createRuns(
        [3, 1, 2].map((createdAt) => newRun({ createdAt, updatedAt: createdAt })),
      );
      const found = await storage.findRecoverableRuns(baseTime * 2, 2);
      expect(found.map((run) => run.createdAt)).toEqual([1, 2]);
      expect(found.map((run) => run.id)).toEqual([oldest[1]?.id, oldest[2]?.id]);
    });

    test('upserts journal entries by (run, path, attempt) and keeps the order of first write', async () => {
      const runId = uid('journal');
      const entry = (
        path: string,
        attempt: number,
        status: JournalEntryV1['status'],
        extra: Partial<JournalEntryV1> = {},
      ): JournalEntryV1 => ({ runId, path, attempt, status, startedAt: 10, ...extra });
      await storage.appendJournal([entry('fetch', 1, 'started'), entry('squares[0]/square', 1, 'started')]);
      await storage.appendJournal([
        entry('fetch', 1, 'completed', { output: { rows: [1, 2] }, endedAt: 20 }),
      ]);
      await storage.appendJournal([
        entry('fetch', 2, 'failed', { error: { code: 'X', message: 'no' }, endedAt: 30 }),
        entry('after', 1, 'skipped'),
      ]);
      await storage.appendJournal([]);
      await storage.appendJournal([entry('other-run', 1, 'started', { runId: uid('journal') })]);
      expect(await storage.getJournal(runId)).toEqual([
        entry('fetch', 1, 'completed', { output: { rows: [1, 2] }, endedAt: 20 }),
        entry('squares[0]/square', 1, 'started'),
        entry('fetch', 2, 'failed', { error: { code: 'X', message: 'no' }, endedAt: 30 }),
        entry('after', 1, 'skipped'),
      ]);
      expect(await storage.getJournal(uid('missing'))).toEqual([]);
      const appended = entry('mutable', 1, 'completed', { output: { list: [1] } });
      await storage.appendJournal([appended]);
      (appended.output as { list: number[] }).list.push(2);
      const read = await storage.getJournal(runId);
      ((read.at(-1)?.output ?? { list: [] }) as { list: number[] }).list.push(3);
      expect((await storage.getJournal(runId)).at(-1)?.output).toEqual({ list: [1] });
    });

    test('makes 500 concurrent journal appends durable, each call resolving', async () => {
      const runIds = Array.from({ length: 50 }, () => uid('group'));
      const calls = Array.from({ length: 500 }, (_, index) => {
        const runId = runIds[index % 50] ?? '';
        return storage.appendJournal([
          {
            runId,
            path: `step-${Math.floor(index / 50)}`,
            attempt: 1,
            status: 'completed',
            output: index,
            startedAt: index,
            endedAt: index + 1,
          },
        ]);
      });
      const settled = await Promise.allSettled(calls);
      expect(settled.filter((result) => result.status === 'fulfilled')).toHaveLength(500);
      const journals = await Promise.all(runIds.map((runId) => storage.getJournal(runId)));
      expect(journals.flat()).toHaveLength(500);
      for (const [runIndex, journal] of journals.entries()) {
        expect(journal.map((entry) => entry.output)).toEqual(
          Array.from({ length: 10 }, (_, step) => step * 50 + runIndex),
        );
      }
    });

    test('keeps one entry when concurrent appends write the same key', async () => {
      const runId = uid('same-key');
      await Promise.all(
        ['started', 'completed', 'failed'].map((status) =>
          storage.appendJournal([
            { runId, path: 'a', attempt: 1, status: status as JournalEntryV1['status'], startedAt: 1 },
          ]),
        ),
      );
      const journal = await storage.getJournal(runId);
      expect(journal).toHaveLength(1);
      expect(journal[0]?.status).toBe('failed');
    });

    test('lists runs newest first with filters and cursor pagination', async () => {
      const workflow = uid('listing');
      const statuses: RunStatusV1[] = [
        'running',
        'completed',
        'failed',
        'completed',
        'running',
        'completed',
        'suspended',
      ];
      const runs = await createRuns(
        statuses.map((status, index) =>
          newRun({
            workflow,
            status,
            createdAt: baseTime + 10_000 + Math.floor(index / 2),
            ...(index < 3 ? { parentRunId: `${workflow}-parent` } : {}),
          }),
        ),
      );
      const newestFirst = [...runs]
        .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
        .map((run) => run.id);
      const seen: string[] = [];
      let cursor: string | undefined;
      const pageSizes: number[] = [];
      do {
        const page = await storage.listRuns({
          workflow,
          limit: 3,
          ...(cursor === undefined ? {} : { cursor }),
        });
        seen.push(...page.items.map((run) => run.id));
        pageSizes.push(page.items.length);
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      expect(pageSizes).toEqual([3, 3, 1]);
      expect(seen).toEqual(newestFirst);
      const completed = await storage.listRuns({ workflow, status: ['completed', 'suspended'] });
      expect(completed.items.map((run) => run.status).sort()).toEqual([
        'completed',
        'completed',
        'completed',
        'suspended',
      ]);
      expect(completed.nextCursor).toBeUndefined();
      const children = await storage.listRuns({ parentRunId: `${workflow}-parent` });
      expect(children.items.map((run) => run.id)).toEqual(
        newestFirst.filter((id) => runs.slice(0, 3).some((run) => run.id === id)),
      );
      expect((await storage.listRuns({ workflow: uid('none') })).items).toEqual([]);
    });

    test('lists runs by status through every transition, newest first and in pages', async () => {
      const workflow = uid('by-status');
      const statuses: RunStatusV1[] = [
        'running',
        'suspended',
        'sleeping',
        'completed',
        'failed',
        'cancelled',
      ];
      // 40 runs created at once (a bulk write where the storage has one), some already finished.
      const runs = await Promise.all(
        Array.from({ length: 40 }, async (_, index) => {
          const run = newRun({
            workflow,
            status: statuses[index % statuses.length] as RunStatusV1,
            createdAt: baseTime + 20_000 + Math.floor(index / 3),
          });
          await storage.createRun(run);
          return run;
        }),
      );
      const current = new Map(runs.map((run) => [run.id, run]));
      const move = async (index: number, status: RunStatusV1): Promise<void> => {
        const run = runs[index] as RunRecordV1;
        expect(await storage.updateRun(run.id, { status, updatedAt: baseTime + 30_000 })).toBe(true);
        current.set(run.id, { ...run, status });
      };
      // Alone, then many at once (batched where the storage batches): into and out of `completed`.
      await move(0, 'completed');
      await move(3, 'running');
      await Promise.all([
        move(1, 'running'),
        move(2, 'completed'),
        move(6, 'completed'),
        move(9, 'suspended'),
        move(10, 'failed'),
        move(15, 'sleeping'),
      ]);
      const expected = (wanted: readonly RunStatusV1[]): string[] =>
        [...current.values()]
          .filter((run) => wanted.includes(run.status))
          .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
          .map((run) => run.id);
      const listed = async (wanted: readonly RunStatusV1[]): Promise<string[]> => {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await storage.listRuns({
            workflow,
            status: wanted,
            limit: 4,
            ...(cursor === undefined ? {} : { cursor }),
          });
          seen.push(...page.items.map((run) => run.id));
          cursor = page.nextCursor;
        } while (cursor !== undefined);
        return seen;
      };
      const queries: RunStatusV1[][] = [
        ...statuses.map((status) => [status]),
        ['failed', 'suspended'],
        ['completed', 'running'],
      ];
      for (const wanted of queries) {
        expect({ wanted, ids: await listed(wanted) }).toEqual({ wanted, ids: expected(wanted) });
      }
      const recoverable = (await storage.findRecoverableRuns(baseTime + 40_000, 1_000)).filter(
        (run) => run.workflow === workflow,
      );
      expect(recoverable.map((run) => run.id).sort()).toEqual(
        [...current.values()]
          .filter((run) => run.status === 'running')
          .map((run) => run.id)
          .sort(),
      );
    });

    test('stores graphs by hash', async () => {
      const hash = uid('graph');
      const graph = { version: 1, steps: [{ id: 'a', kind: 'tool', input: { $ref: 'input.x' } }] };
      await storage.putGraph(hash, graph);
      await storage.putGraph(hash, graph);
      expect(await storage.getGraph(hash)).toEqual(graph);
      expect(await storage.getGraph(uid('missing'))).toBeUndefined();
    });

    test('saves, lists, and deletes threads with their messages', async () => {
      const resourceId = uid('user');
      const threads = await Promise.all(
        [0, 1, 2, 3, 4].map((index) =>
          storage.saveThread({
            id: uid('thread'),
            resourceId,
            title: `t${index}`,
            metadata: { index },
            createdAt: 100 + index,
            updatedAt: 100 + index,
          }),
        ),
      );
      expect(await storage.getThread(threads[0]?.id ?? '')).toEqual(threads[0]);
      const renamed = await storage.saveThread({
        ...(threads[0] as (typeof threads)[0]),
        title: 'renamed',
        updatedAt: 200,
      });
      expect(renamed.title).toBe('renamed');
      const first = await storage.listThreads({ resourceId, limit: 3 });
      expect(first.items.map((thread) => thread.title)).toEqual(['t4', 't3', 't2']);
      const second = await storage.listThreads({ resourceId, limit: 3, cursor: first.nextCursor ?? '' });
      expect(second.items.map((thread) => thread.title)).toEqual(['t1', 'renamed']);
      expect(second.nextCursor).toBeUndefined();
      const threadId = threads[1]?.id ?? '';
      await storage.saveMessages([
        { id: uid('message'), threadId, role: 'user', content: 'hi', createdAt: 1 },
      ]);
      expect(await storage.deleteThread(threadId)).toBe(true);
      expect(await storage.deleteThread(threadId)).toBe(false);
      expect(await storage.getThread(threadId)).toBeUndefined();
      expect(await storage.getMessages({ threadId })).toEqual([]);
    });

    test('saves messages idempotently by id and reads them in order, the last N, and before a time', async () => {
      const threadId = uid('chat');
      await storage.saveThread({ id: threadId, createdAt: 1, updatedAt: 1 });
      const message = (
        id: string,
        createdAt: number,
        content: unknown,
        role: MessageRecordV1['role'] = 'user',
      ): MessageRecordV1 => ({
        id: `${threadId}-${id}`,
        threadId,
        resourceId: 'r',
        role,
        content,
        createdAt,
      });
      await storage.saveMessages([
        message('c', 30, 'third'),
        message('a', 10, 'first'),
        message('b', 20, [{ type: 'text', text: 'second' }], 'assistant'),
      ]);
      await storage.saveMessages([
        message('a', 10, 'first, edited'),
        message('d', 30, { type: 'tool-call', toolName: 'lookup', input: { id: 1 } }, 'tool'),
      ]);
      const all = await storage.getMessages({ threadId });
      expect(all.map((item) => item.id.slice(threadId.length + 1))).toEqual(['a', 'b', 'c', 'd']);
      expect(all[0]?.content).toBe('first, edited');
      expect(all[1]).toEqual(message('b', 20, [{ type: 'text', text: 'second' }], 'assistant'));
      expect((await storage.getMessages({ threadId, last: 2 })).map((item) => item.content)).toEqual([
        'third',
        { type: 'tool-call', toolName: 'lookup', input: { id: 1 } },
      ]);
      expect((await storage.getMessages({ threadId, before: 30 })).map((item) => item.createdAt)).toEqual([
        10, 20,
      ]);
      expect(
        (await storage.getMessages({ threadId, before: 30, last: 1 })).map((item) => item.createdAt),
      ).toEqual([20]);
      expect(await storage.getMessages({ threadId: uid('none') })).toEqual([]);
    });

    test('gets, sets, overwrites and deletes key-values per namespace', async () => {
      const namespace = uid('kv');
      expect(await storage.kvGet(namespace, 'k')).toBeUndefined();
      await storage.kvSet(namespace, 'k', { a: [1, 2] });
      await storage.kvSet(`${namespace}-other`, 'k', 'other');
      expect(await storage.kvGet(namespace, 'k')).toEqual({ a: [1, 2] });
      await storage.kvSet(namespace, 'k', null);
      expect(await storage.kvGet(namespace, 'k')).toBeNull();
      await storage.kvDelete(namespace, 'k');
      expect(await storage.kvGet(namespace, 'k')).toBeUndefined();
      expect(await storage.kvGet(`${namespace}-other`, 'k')).toBe('other');
    });

    test('round-trips JSON values: nesting, unicode, escapes, numbers, null, and a 200 KB output', async () => {
      const big = 'x'.repeat(200 * 1024);
      const values: [string, unknown][] = [
        ['nested', { a: { b: { c: [1, { d: [true, false, null] }] } }, empty: { list: [], object: {} } }],
        ['unicode', { text: 'héllo 日本語 😀 مرحبا e\u0301', key: { 'ключ 🔑': 'значение' } }],
        ['escapes', 'quote " backslash \\ newline \n tab \t braces {a,b} NULL'],
        ['numbers', [0, -1, 1.5, 2 ** 53 - 1, -(2 ** 31), 1e-7]],
        ['null', null],
        ['string', 'plain'],
        ['large', { big, list: Array.from({ length: 1000 }, (_, index) => index) }],
      ];
      for (const [label, value] of values) {
        const run = newRun({ input: value, output: value });
        await storage.createRun(run);
        expect(await storage.getRun(run.id), label).toEqual(run);
        await storage.appendJournal([
          { runId: run.id, path: label, attempt: 1, status: 'completed', output: value, startedAt: 1 },
        ]);
        expect((await storage.getJournal(run.id))[0]?.output, label).toEqual(value);
        await storage.kvSet('values', label, value);
        expect(await storage.kvGet('values', label), label).toEqual(value);
      }
    });
  });
}
