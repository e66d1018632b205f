import { afterEach, describe, expect, it } from 'vitest';
import { StorageError } from '../../../runtime/errors/storage-error.js';
import type { WorkflowEngine } from '../../../runtime/workflow/workflow-engine.js';
import { createEngine, graph, incChain, pluginTool, workflow } from './graph-builders.js';
import { LoggingStorage, paths } from './logging-storage.js';

let engines: WorkflowEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.map((engine) => engine.close(100)));
  engines = [];
});

/** The `inc` chain, and the same chain under the name `guarded` with an `onError` handler. */
const guarded = workflow('guarded', incChain.steps, { onError: { handler: 'notify' } });

function startEngine(storage: LoggingStorage): WorkflowEngine {
  const { engine } = createEngine(
    graph([incChain, guarded], [pluginTool('inc')]),
    {
      inc: async (input: { n: number }) => {
        storage.log.push(`execute n=${input.n}`);
        return { n: input.n + 1 };
      },
    },
    {
      storage,
      callHandler: async (name) => {
        storage.log.push(`handler ${name}`);
        return null;
      },
    },
  );
  engines.push(engine);
  engine.events.on('run:start', () => storage.log.push('event run:start'));
  engine.events.on('step:start', (event) => storage.log.push(`event step:start ${event.path}`));
  return engine;
}

describe('creating a run', () => {
  it('creates a new run with its first step\'s "started" entry in one write, before anything executes', async () => {
    const storage = new LoggingStorage();
    const engine = startEngine(storage);
    const { record } = await engine.start('chain', { n: 0 });
    expect(record).toMatchObject({ status: 'completed', output: { n: 3 } });
    expect(storage.log.slice(0, 5)).toEqual([
      'createRunAndAppendJournal running a:started',
      'event run:start',
      'event step:start a',
      'execute n=0',
      'appendJournal a:completed,b:started',
    ]);
    expect(storage.log.filter((line) => line.startsWith('create'))).toHaveLength(1);
    expect(paths(await storage.getJournal(record.id))).toBe('a:completed,b:completed,c:completed');
  });

  it('creates the run, then appends the entry, when storage lacks the combined write', async () => {
    const storage = new LoggingStorage();
    Object.defineProperty(storage, 'createRunAndAppendJournal', { value: undefined });
    const engine = startEngine(storage);
    const { record } = await engine.start('chain', { n: 0 });
    expect(record.status).toBe('completed');
    expect(storage.log.slice(0, 5)).toEqual([
      'createRun running',
      'appendJournal a:started',
      'event run:start',
      'event step:start a',
      'execute n=0',
    ]);
  });

  it('rejects start with the storage error when the creation fails, and runs nothing of it (not even onError)', async () => {
    const storage = new LoggingStorage();
    storage.failCreation = new StorageError('STORAGE_UNAVAILABLE', { message: 'storage is down' });
    const engine = startEngine(storage);
    await expect(engine.start('guarded', { n: 0 }, { runId: 'down' })).rejects.toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
    });
    expect(storage.log).toEqual(['createRunAndAppendJournal running a:started']);
    expect(await storage.getRun('down')).toBeUndefined();
    expect(engine.requestSuspend('down')).toBe(false);
    storage.failCreation = undefined;
    const { record } = await engine.start('guarded', { n: 0 }, { runId: 'down' });
    expect(record).toMatchObject({ id: 'down', status: 'completed', output: { n: 3 } });
  });
});
