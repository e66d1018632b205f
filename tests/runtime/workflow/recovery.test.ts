import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEntryV1, RunRecordV1 } from '../../../runtime/spec/v1/storage.js';
import { MemoryStorage } from '../../../runtime/storage/memory-storage.js';
import type { WorkflowEngine } from '../../../runtime/workflow/workflow-engine.js';
import {
  createEngine,
  delay,
  graph,
  incChain,
  incExecutors,
  pluginTool,
  ref,
  s,
  workflow,
} from './graph-builders.js';

let engines: WorkflowEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.map((engine) => engine.close(100)));
  engines = [];
});

const chain = incChain;
const inc = incExecutors;

/** A run that a crashed process left `running` with a lapsed lease, after step `a` completed and `b` started. */
async function crashedRun(storage: MemoryStorage, hash = chain.hash): Promise<RunRecordV1> {
  const run: RunRecordV1 = {
    id: 'crashed',
    workflow: 'chain',
    workflowHash: hash,
    status: 'running',
    input: { n: 0 },
    leaseOwner: 'dead-process',
    leaseExpiresAt: 1,
    createdAt: 1,
    updatedAt: 1,
  };
  const journal: JournalEntryV1[] = [
    { runId: 'crashed', path: 'a', attempt: 1, status: 'started', startedAt: 1 },
    {
      runId: 'crashed',
      path: 'a',
      attempt: 1,
      status: 'completed',
      output: { n: 1 },
      startedAt: 1,
      endedAt: 2,
    },
    { runId: 'crashed', path: 'b', attempt: 1, status: 'started', startedAt: 2 },
  ];
  await storage.createRun(run);
  await storage.appendJournal(journal);
  return run;
}

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100 && !(await check()); i += 1) await delay(5);
}

describe('recovery', () => {
  it('replays the journal: completed steps are not executed again, the in-flight one is retried with attempt + 1', async () => {
    const storage = new MemoryStorage();
    await crashedRun(storage);
    const { engine, calls } = createEngine(graph([chain], [pluginTool('inc')]), inc, { storage });
    engines.push(engine);
    await engine.open();
    await waitFor(async () => (await storage.getRun('crashed'))?.status === 'completed');
    expect(await storage.getRun('crashed')).toMatchObject({ status: 'completed', output: { n: 3 } });
    expect(calls.map((c) => c.key)).toEqual(['crashed:b:2', 'crashed:c:1']);
  });

  it('leaves a run whose lease another live process holds alone', async () => {
    const storage = new MemoryStorage();
    await crashedRun(storage);
    await storage.updateRun('crashed', { leaseExpiresAt: Date.now() + 60_000, updatedAt: 2 });
    const { engine, calls } = createEngine(graph([chain], [pluginTool('inc')]), inc, { storage });
    engines.push(engine);
    await engine.open();
    await delay(20);
    expect(calls).toHaveLength(0);
    expect((await storage.getRun('crashed'))?.status).toBe('running');
  });

  it('executes the graph version the run started with, not the redeployed one', async () => {
    const storage = new MemoryStorage();
    const versionA = workflow('chain', [s.set('which', 'A')], { hash: 'hash-a' });
    const versionB = workflow('chain', [s.set('which', 'B')], { hash: 'hash-b' });
    await storage.putGraph('hash-a', versionA);
    await storage.createRun({
      id: 'pinned',
      workflow: 'chain',
      workflowHash: 'hash-a',
      status: 'running',
      input: {},
      createdAt: 1,
      updatedAt: 1,
    });
    const { engine } = createEngine(graph([versionB]), {}, { storage });
    engines.push(engine);
    await engine.open();
    await waitFor(async () => (await storage.getRun('pinned'))?.status === 'completed');
    expect((await storage.getRun('pinned'))?.output).toBe('A');
    const fresh = await engine.start('chain', {});
    expect(fresh.record.output).toBe('B');
  });

  it('stores each started version once', async () => {
    const storage = new MemoryStorage();
    const { engine } = createEngine(graph([chain], [pluginTool('inc')]), inc, { storage });
    engines.push(engine);
    await engine.start('chain', { n: 0 });
    expect(await storage.getGraph(chain.hash)).toMatchObject({ name: 'chain', hash: chain.hash });
  });

  it('stops a run at the next step boundary when its lease is lost', async () => {
    const storage = new MemoryStorage();
    const compiled = graph(
      [workflow('slow', [s.tool('a', 'wait'), s.tool('b', 'wait')])],
      [pluginTool('wait')],
    );
    const { engine, calls } = createEngine(
      compiled,
      { wait: () => delay(30).then(() => ({})) },
      { storage, leaseMs: 15, generateId: () => 'r' },
    );
    engines.push(engine);
    const running = engine.start('slow', {});
    await delay(5);
    await storage.updateRun('r', { leaseOwner: 'thief', leaseExpiresAt: Date.now() + 60_000, updatedAt: 3 });
    const { record } = await running;
    expect(record.status).toBe('running');
    expect(record.leaseOwner).toBe('thief');
    expect(calls.map((c) => c.key)).toEqual(['r:a:1']);
  });
});

describe('sub-workflows', () => {
  const child = workflow('child', [s.tool('inner', 'inc', { n: ref('input', 'n') })], {
    output: ref('steps', 'inner', 'output'),
  });
  const parent = workflow('parent', [
    s.workflow('call', 'child', { n: ref('input', 'n') }),
    s.set('after', ref('steps', 'call', 'output')),
  ]);

  it('runs the child as its own run linked to the parent', async () => {
    const storage = new MemoryStorage();
    const { engine } = createEngine(graph([parent, child], [pluginTool('inc')]), inc, {
      storage,
      generateId: () => 'p1',
    });
    engines.push(engine);
    const { record } = await engine.start('parent', { n: 1 });
    expect(record.output).toEqual({ n: 2 });
    expect(await storage.getRun('p1:call:1')).toMatchObject({
      status: 'completed',
      parentRunId: 'p1',
      parentStep: 'call',
      workflow: 'child',
    });
  });

  it('a recovered parent re-attaches to its existing child run instead of starting a second', async () => {
    const storage = new MemoryStorage();
    await storage.createRun({
      id: 'p2',
      workflow: 'parent',
      workflowHash: parent.hash,
      status: 'running',
      input: { n: 5 },
      createdAt: 1,
      updatedAt: 1,
    });
    await storage.appendJournal([{ runId: 'p2', path: 'call', attempt: 1, status: 'started', startedAt: 1 }]);
    await storage.createRun({
      id: 'p2:call:1',
      workflow: 'child',
      workflowHash: child.hash,
      status: 'completed',
      input: { n: 5 },
      output: { n: 6 },
      parentRunId: 'p2',
      parentStep: 'call',
      createdAt: 1,
      updatedAt: 2,
    });
    await storage.updateRun('p2', { updatedAt: 2 });
    const { engine, calls } = createEngine(graph([parent, child], [pluginTool('inc')]), inc, { storage });
    engines.push(engine);
    await engine.open();
    await waitFor(async () => (await storage.getRun('p2'))?.status === 'completed');
    expect((await storage.getRun('p2'))?.output).toEqual({ n: 6 });
    expect((await storage.listRuns({ parentRunId: 'p2' })).items.map((r) => r.id)).toEqual(['p2:call:1']);
    expect(calls).toHaveLength(0);
  });

  it('a suspended child suspends the parent; resuming the parent resumes the child', async () => {
    const asking = workflow('asking', [s.suspend('ask')], { output: ref('steps', 'ask', 'output') });
    const outer = workflow('outer', [s.workflow('sub', 'asking')]);
    const { engine, storage } = createEngine(graph([outer, asking]), {}, { generateId: () => 'o1' });
    engines.push(engine);
    const { record } = await engine.start('outer', {});
    expect(record.status).toBe('suspended');
    expect(record.suspended).toEqual([
      { step: 'sub', payload: { runId: 'o1:sub:1', suspended: [{ step: 'ask', payload: null }] } },
    ]);
    const done = await engine.resume('o1', { data: 'yes' });
    expect(done.record).toMatchObject({ status: 'completed', output: 'yes' });
    expect((await storage.getRun('o1:sub:1'))?.status).toBe('completed');
  });
});

describe('recovery on an exclusive store (embedded, one process owns the data)', () => {
  class ExclusiveMemoryStorage extends MemoryStorage {
    readonly exclusive = true;
  }

  it('takes over at once the runs whose leases the dead lock owner still holds', async () => {
    const storage = new ExclusiveMemoryStorage();
    await crashedRun(storage);
    await storage.updateRun('crashed', { leaseExpiresAt: Date.now() + 60_000, updatedAt: 2 });
    const { engine, calls } = createEngine(graph([chain], [pluginTool('inc')]), inc, { storage });
    engines.push(engine);
    await engine.open();
    await waitFor(async () => (await storage.getRun('crashed'))?.status === 'completed');
    expect(await storage.getRun('crashed')).toMatchObject({ status: 'completed', output: { n: 3 } });
    expect(calls.map((c) => c.key)).toEqual(['crashed:b:2', 'crashed:c:1']);
  });
});
