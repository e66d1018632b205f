import { afterEach, describe, expect, it } from 'vitest';
import { WeftError } from '../../../runtime/errors/weft-error.js';
import type { StorageV1 } from '../../../runtime/spec/v1/storage.js';
import { MemoryStorage } from '../../../runtime/storage/memory-storage.js';
import { toRunDocument } from '../../../runtime/workflow/run-document.js';
import type { WorkflowEngine } from '../../../runtime/workflow/workflow-engine.js';
import { createEngine, delay, graph, pluginTool, ref, s, workflow } from './graph-builders.js';

let engines: WorkflowEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.map((engine) => engine.close(100)));
  engines = [];
});

const approval = workflow(
  'approval',
  [
    s.tool('first', 'inc', { n: ref('input', 'n') }),
    s.suspend('approve', {
      payload: { waiting: true },
      resume: {
        type: 'object',
        required: ['add'],
        properties: { add: { type: 'number' } },
        additionalProperties: false,
      },
    }),
    s.tool('last', 'inc', { n: { $cel: 'steps.first.output.n + steps.approve.output.add' } }),
  ],
  { output: ref('steps', 'last', 'output') },
);
const inc = { inc: async (input: { n: number }) => ({ n: input.n + 1 }) };

function open(
  compiled = graph([approval], [pluginTool('inc')]),
  storage: StorageV1 = new MemoryStorage(),
  leaseMs = 30_000,
) {
  const created = createEngine(compiled, inc, { storage, leaseMs });
  engines.push(created.engine);
  return created;
}

/** Polls `check` every 5 ms until it holds or a second passes (timers under a loaded machine). */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i += 1) await delay(5);
}

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; details: unknown }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!WeftError.isInstance(error)) throw new Error(`expected a WeftError, got ${String(error)}`);
  return { code: error.code, details: error.details };
}

describe('suspend and resume', () => {
  it('suspends with the payload and completes on resume (W4 shape: 12)', async () => {
    const { engine } = open();
    const started = await engine.start('approval', { n: 0 });
    expect(started.record.status).toBe('suspended');
    expect(started.record.suspended).toEqual([{ step: 'approve', payload: { waiting: true } }]);
    const resumed = await engine.resume(started.record.id, { data: { add: 10 } });
    expect(resumed.record.status).toBe('completed');
    expect(resumed.record.output).toEqual({ n: 12 });
  });

  it('resumes from another engine over the same storage', async () => {
    const storage = new MemoryStorage();
    const { engine: first } = open(undefined, storage);
    const { record } = await first.start('approval', { n: 0 });
    const { engine: second, calls } = open(undefined, storage);
    const resumed = await second.resume(record.id, { step: 'approve', data: { add: 1 } });
    expect(resumed.record.output).toEqual({ n: 3 });
    expect(calls.map((c) => c.key)).toEqual([`${record.id}:last:1`]);
  });

  it('lets exactly one of concurrent resumes win', async () => {
    const { engine } = open();
    const { record } = await engine.start('approval', { n: 0 });
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map((add) => engine.resume(record.id, { data: { add } })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(
      lost.every(
        (r) =>
          r.status === 'rejected' && WeftError.isInstance(r.reason) && r.reason.code === 'RUN_NOT_SUSPENDED',
      ),
    ).toBe(true);
  });

  const errors: [string, { step?: string; data: unknown; code: string; pointer?: string }][] = [
    [
      'data that does not match the resume schema',
      { data: { add: 'ten' }, code: 'VALIDATION_FAILED', pointer: '/add' },
    ],
    ['a missing resume field', { data: {}, code: 'VALIDATION_FAILED', pointer: '/add' }],
    ['a step that is not suspended', { step: 'first', data: { add: 1 }, code: 'RUN_STEP_NOT_SUSPENDED' }],
  ];
  it.each(errors)('refuses %s and leaves the run unchanged', async (_name, { step, data, code, pointer }) => {
    const { engine, storage } = open();
    const { record } = await engine.start('approval', { n: 0 });
    const error = await codeOf(engine.resume(record.id, { ...(step === undefined ? {} : { step }), data }));
    expect(error.code).toBe(code);
    if (pointer !== undefined) expect(error.details).toMatchObject({ pointer });
    expect((await storage.getRun(record.id))?.status).toBe('suspended');
  });

  it('refuses to resume a run that is not suspended, or unknown', async () => {
    const { engine } = open();
    const { record } = await engine.start('approval', { n: 0 });
    await engine.resume(record.id, { data: { add: 1 } });
    expect((await codeOf(engine.resume(record.id, { data: { add: 1 } }))).code).toBe('RUN_NOT_SUSPENDED');
    expect((await codeOf(engine.resume('nope', { data: {} }))).code).toBe('RUN_NOT_FOUND');
  });

  it('asks which step when several are suspended, then resumes them one by one', async () => {
    const both = workflow('both', [
      s.parallel('p', 'all', { a: [s.suspend('ask-a')], b: [s.suspend('ask-b')] }),
    ]);
    const { engine } = open(graph([both]));
    const { record } = await engine.start('both', {});
    expect(record.suspended?.map((x) => x.step)).toEqual(['p/ask-a', 'p/ask-b']);
    const ambiguous = await codeOf(engine.resume(record.id, { data: 1 }));
    expect(ambiguous).toMatchObject({
      code: 'RUN_AMBIGUOUS_RESUME',
      details: { suspended: ['p/ask-a', 'p/ask-b'] },
    });
    const half = await engine.resume(record.id, { step: 'p/ask-b', data: 'B' });
    expect(half.record.suspended?.map((x) => x.step)).toEqual(['p/ask-a']);
    const done = await engine.resume(record.id, { data: 'A' });
    expect(done.record.output).toEqual({ a: 'A', b: 'B' });
    const container = toRunDocument(done.record, done.journal).steps.find((step) => step.path === 'p');
    expect(container?.attempts.map((a) => [a.attempt, a.status])).toEqual([[1, 'completed']]);
  });

  it('applies onTimeout when a suspension is not resumed in time', async () => {
    const timed = workflow('timed', [
      s.suspend('ask', { suspendTimeoutMs: 20, onTimeout: { action: 'resume', data: { add: 5 } } }),
      s.set('after', ref('steps', 'ask', 'output')),
    ]);
    const failing = workflow('failing', [s.suspend('ask', { suspendTimeoutMs: 20 })]);
    const { engine, storage } = open(graph([timed, failing]));
    await engine.open();
    const a = await engine.start('timed', {});
    const b = await engine.start('failing', {});
    expect(a.record.status).toBe('suspended');
    await eventually(
      async () =>
        (await storage.getRun(a.record.id))?.status === 'completed' &&
        (await storage.getRun(b.record.id))?.status === 'failed',
    );
    expect(await storage.getRun(a.record.id)).toMatchObject({ status: 'completed', output: { add: 5 } });
    expect(await storage.getRun(b.record.id)).toMatchObject({
      status: 'failed',
      error: { code: 'SUSPEND_TIMEOUT' },
    });
  });
});

describe('sleep and cancel', () => {
  const sleepy = workflow('sleepy', [s.sleep('wait', 20), s.set('done', true)]);

  it('sleeps durably and wakes through the scheduler', async () => {
    const { engine, storage } = open(graph([sleepy]));
    await engine.open();
    const { record } = await engine.start('sleepy', {});
    expect(record.status).toBe('sleeping');
    await eventually(async () => (await storage.getRun(record.id))?.status === 'completed');
    const after = await storage.getRun(record.id);
    expect(after).toMatchObject({ status: 'completed', output: true });
    const journal = await storage.getJournal(record.id);
    const slept = journal.find((e) => e.path === 'wait' && e.status === 'completed')?.output as {
      sleptMs: number;
    };
    expect(slept.sleptMs).toBeGreaterThanOrEqual(20);
  });

  it('cancels a sleeping run: it never wakes', async () => {
    const { engine, storage } = open(graph([sleepy]));
    await engine.open();
    const { record } = await engine.start('sleepy', {});
    const cancelled = await engine.cancel(record.id);
    expect(cancelled.record.status).toBe('cancelled');
    await delay(60);
    expect((await storage.getRun(record.id))?.status).toBe('cancelled');
    expect((await codeOf(engine.cancel(record.id))).code).toBe('RUN_ALREADY_FINISHED');
  });

  it('cancels a suspended run: resume is refused', async () => {
    const { engine } = open();
    const { record } = await engine.start('approval', { n: 0 });
    await engine.cancel(record.id);
    expect((await codeOf(engine.resume(record.id, { data: { add: 1 } }))).code).toBe('RUN_NOT_SUSPENDED');
  });

  it('cancels a running run at once: its step signal aborts', async () => {
    let aborted = false;
    const compiled = graph(
      [workflow('long', [s.tool('slow', 'slow'), s.set('never', 1)])],
      [pluginTool('slow')],
    );
    const { engine } = createEngine(
      compiled,
      {
        slow: (_input: never, ctx) =>
          new Promise((resolve) => {
            ctx.signal.addEventListener('abort', () => {
              aborted = true;
            });
            setTimeout(() => resolve({}), 500);
          }),
      },
      { generateId: () => 'long-1' },
    );
    engines.push(engine);
    const running = engine.start('long', {});
    await delay(10);
    await engine.cancel('long-1');
    const { record, journal } = await running;
    expect(record.status).toBe('cancelled');
    expect(aborted).toBe(true);
    expect(journal.some((e) => e.path === 'never')).toBe(false);
  });
});
