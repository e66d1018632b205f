import { afterEach, describe, expect, it } from 'vitest';
import { definePlugin, Weft, WeftError, WorkflowError } from '../../runtime/index.js';
import { MemoryStorage } from '../../runtime/storage/memory-storage.js';
import { delay, graph, pluginTool, ref, s, workflow } from './workflow/graph-builders.js';

let opened: Weft[] = [];
afterEach(async () => {
  await Promise.all(opened.map((weft) => weft.close(200)));
  opened = [];
});

const billing = definePlugin({
  name: 'test-billing',
  apiVersion: 'v1',
  setup(registry) {
    registry.tool('inc', async (input: { n: number }) => ({ n: input.n + 1 }));
    registry.tool('wait', async (_input: unknown, ctx) => {
      await delay(30);
      ctx.signal.throwIfAborted();
      return {};
    });
  },
});

const compiled = graph(
  [
    workflow(
      'counter',
      [
        s.tool('one', 'inc', { n: ref('input', 'n') }),
        s.suspend('approve'),
        s.tool('two', 'inc', { n: ref('steps', 'one', 'output', 'n') }),
      ],
      {
        input: { type: 'object', required: ['n'], properties: { n: { type: 'number' } } },
        output: ref('steps', 'two', 'output'),
      },
    ),
    workflow('slow', [s.tool('a', 'wait'), s.tool('b', 'wait'), s.tool('c', 'wait')]),
  ],
  [pluginTool('inc'), pluginTool('wait')],
);

function create(storage = new MemoryStorage()): Weft {
  const weft = new Weft({ graph: compiled, storage, plugins: [billing] });
  opened.push(weft);
  return weft;
}

async function rejectionOf(promise: Promise<unknown>): Promise<WeftError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!WeftError.isInstance(error)) throw new Error(`expected a WeftError, got ${String(error)}`);
  return error;
}

describe('Weft', () => {
  it('runs a workflow through createRun/start/resume and returns run documents', async () => {
    const weft = create();
    const run = weft.getWorkflow('counter').createRun();
    const suspended = await run.start({ n: 1 });
    expect(suspended).toMatchObject({
      runId: run.runId,
      workflow: 'counter',
      status: 'suspended',
      suspended: [{ step: 'approve', payload: null }],
    });
    expect(suspended.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(suspended.steps.map((step) => [step.path, step.status])).toEqual([
      ['one', 'completed'],
      ['approve', 'suspended'],
    ]);
    const done = await run.resume({ data: 'ok' });
    expect(done).toMatchObject({ status: 'completed', output: { n: 3 } });
    expect(done.steps.find((step) => step.path === 'approve')?.attempts[0]).toMatchObject({
      attempt: 1,
      status: 'completed',
      output: 'ok',
    });
    expect(await run.status()).toBe('completed');
  });

  it('looks runs up by workflow', async () => {
    const weft = create();
    const counter = weft.getWorkflow('counter');
    const run = counter.createRun({ runId: 'mine' });
    await run.start({ n: 0 });
    expect(await counter.getStatus('mine')).toBe('suspended');
    expect((await counter.getRun('mine')).runId).toBe('mine');
    expect((await counter.listRuns({ status: ['suspended'] })).items.map((r) => r.runId)).toEqual(['mine']);
    const missing = await rejectionOf(weft.getWorkflow('slow').getRun('mine'));
    expect(missing.code).toBe('RUN_NOT_FOUND');
    expect((await rejectionOf(counter.createRun({ runId: 'mine' }).start({ n: 0 }))).code).toBe(
      'RUN_ALREADY_EXISTS',
    );
  });

  it('refuses an unknown workflow with WORKFLOW_NOT_FOUND and a suggestion, as a WorkflowError', () => {
    const weft = create();
    let error: unknown;
    try {
      weft.getWorkflow('countr');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WorkflowError);
    expect(WeftError.isInstance(error) && error.code).toBe('WORKFLOW_NOT_FOUND');
    expect(WeftError.isInstance(error) && error.details).toMatchObject({ suggestion: 'counter' });
  });

  it('refuses bad input with VALIDATION_FAILED and the pointer of the field', async () => {
    const weft = create();
    const error = await rejectionOf(weft.getWorkflow('counter').createRun().start({ n: 'one' }));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toMatchObject({ pointer: '/n' });
  });

  it('emits events to weft.on and to the workflow it belongs to', async () => {
    const weft = create();
    const all: string[] = [];
    const counterOnly: string[] = [];
    weft.on('step:complete', (event) => all.push(`${event.workflow}:${event.path}`));
    weft.getWorkflow('counter').on('run:suspended', (event) => counterOnly.push(event.runId));
    weft.getWorkflow('slow').on('run:suspended', () => counterOnly.push('wrong workflow'));
    const doc = await weft.getWorkflow('counter').createRun().start({ n: 0 });
    expect(all).toEqual(['counter:one']);
    expect(counterOnly).toEqual([doc.runId]);
  });

  it('suspend() pauses a running run at its next step boundary', async () => {
    const weft = create();
    const run = weft.getWorkflow('slow').createRun();
    const pending = run.start({});
    await delay(10);
    await run.suspend();
    const paused = await pending;
    expect(paused.status).toBe('suspended');
    expect(paused.suspended?.[0]?.step).toBe('b');
    const done = await run.resume({ data: null });
    expect(done.status).toBe('completed');
  });

  it('close() leaves an unfinished run resumable by the next process', async () => {
    const storage = new MemoryStorage();
    storage.close = async () => {};
    const first = new Weft({ graph: compiled, storage, plugins: [billing] });
    const run = first.getWorkflow('slow').createRun({ runId: 'left' });
    const pending = run.start({});
    await delay(10);
    await first.close(500);
    expect(await pending).toMatchObject({ status: 'running' });
    expect(await storage.getRun('left')).not.toHaveProperty('leaseOwner');
    const second = create(storage);
    await second.whenReady();
    for (let i = 0; i < 60 && (await storage.getRun('left'))?.status !== 'completed'; i += 1) await delay(10);
    expect((await storage.getRun('left'))?.status).toBe('completed');
  });

  it('runs agent steps through an agent executor plugged in after construction', async () => {
    const agentGraph = graph([workflow('ask', [s.agent('answer', 'support', 'Say {{input.word}}')])]);
    const weft = new Weft({ graph: agentGraph, storage: new MemoryStorage() });
    opened.push(weft);
    // The built-in agent runtime is installed, but this graph declares no agent `support`.
    const missing = await weft.getWorkflow('ask').createRun().start({ word: 'hi' });
    expect(missing.error?.code).toBe('AGENT_NOT_FOUND');
    weft.useExecutors({
      agent: {
        specificationVersion: 'v1',
        generate: async (agent, request) => ({ text: `${agent}: ${request.prompt}` }),
      },
    });
    const done = await weft.getWorkflow('ask').createRun().start({ word: 'hi' });
    expect(done.output).toEqual({ text: 'support: Say hi' });
  });

  it('opens the example project and runs order-approval end to end', async () => {
    const weft = await Weft.open('definitions', { storage: 'memory' });
    opened.push(weft);
    const run = weft.getWorkflow('order-approval').createRun();
    const suspended = await run.start({ orderId: 'A1', amount: 20 });
    expect(suspended.status).toBe('suspended');
    const done = await run.resume({ data: { approved: true } });
    expect(done).toMatchObject({ status: 'completed', output: { orderId: 'A1', status: 'charged' } });
  });

  it('refuses a project that does not compile with PROJECT_INVALID and its diagnostics', async () => {
    const error = await rejectionOf(Weft.open('tests/runtime/no-such-project'));
    expect(error.code).toBe('PROJECT_INVALID');
    expect(Array.isArray(error.details?.diagnostics)).toBe(true);
  });
});
