import { afterEach, describe, expect, it } from 'vitest';
import type { ToolContextV1 } from '../../../runtime/spec/v1/tool-executor.js';
import type { WorkflowEngine } from '../../../runtime/workflow/workflow-engine.js';
import { createEngine, delay, graph, pluginTool, ref, s, workflow } from './graph-builders.js';
import { LoggingStorage, paths } from './logging-storage.js';

let engines: WorkflowEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.map((engine) => engine.close(100)));
  engines = [];
});

describe('journal commits of a pausing step', () => {
  it('commits a top-level suspension with the run going suspended, in one write', async () => {
    const storage = new LoggingStorage();
    const { engine } = createEngine(
      graph(
        [
          workflow('w', [
            s.tool('a', 'inc', { n: 1 }),
            s.suspend('ask'),
            s.set('b', ref('steps', 'ask', 'output')),
          ]),
        ],
        [pluginTool('inc')],
      ),
      { inc: async (input: { n: number }) => ({ n: input.n + 1 }) },
      { storage },
    );
    engines.push(engine);
    const { record } = await engine.start('w', {});
    expect(record.status).toBe('suspended');
    expect(storage.log).toEqual([
      'createRunAndAppendJournal running a:started',
      'appendJournal a:completed,ask:started',
      'appendJournalAndUpdateRun suspended ask:suspended',
    ]);
    expect(paths(await storage.getJournal(record.id))).toBe('a:completed,ask:suspended');
    storage.log.length = 0;
    const resumed = await engine.resume(record.id, { data: { ok: true } });
    expect(resumed.record).toMatchObject({ status: 'completed', output: { ok: true } });
    // The resume claims the run and writes its `resumed` entry in one write.
    expect(storage.log[0]).toBe('updateRunAndAppendJournal running ask:resumed');
  });

  it('claims a resumed run, then writes its entry, when storage lacks the combined write', async () => {
    const storage = new LoggingStorage();
    Object.defineProperty(storage, 'updateRunAndAppendJournal', { value: undefined });
    const { engine } = createEngine(graph([workflow('w', [s.suspend('ask')])], []), {}, { storage });
    engines.push(engine);
    const { record } = await engine.start('w', {});
    storage.log.length = 0;
    await expect(engine.resume(record.id, { data: 1 })).resolves.toMatchObject({
      record: { status: 'completed', output: 1 },
    });
    expect(storage.log[0]).toBe('appendJournal ask:resumed');
    expect((await storage.getRun(record.id))?.status).toBe('completed');
  });

  it('commits a top-level sleep with the run going to sleep, in one write', async () => {
    const storage = new LoggingStorage();
    const { engine } = createEngine(graph([workflow('w', [s.sleep('nap', 60_000)])], []), {}, { storage });
    engines.push(engine);
    const { record } = await engine.start('w', {});
    expect(record.status).toBe('sleeping');
    expect(storage.log).toEqual([
      'createRunAndAppendJournal running nap:started',
      'appendJournalAndUpdateRun sleeping nap:sleeping',
    ]);
    expect((await storage.getJournal(record.id)).at(-1)).toMatchObject({ path: 'nap', status: 'sleeping' });
  });

  it('commits a suspension in a parallel branch at once, while the other branch still runs', async () => {
    const storage = new LoggingStorage();
    const seenWhileWorking: string[] = [];
    const { engine } = createEngine(
      graph(
        [
          workflow('w', [
            s.parallel('p', 'all', { wait: [s.suspend('ask')], work: [s.tool('slow', 'slow')] }),
          ]),
        ],
        [pluginTool('slow')],
      ),
      {
        slow: async (_input: unknown, context: ToolContextV1) => {
          const runId = context.idempotencyKey.split(':')[0] ?? '';
          for (let tries = 0; tries < 50 && seenWhileWorking.length === 0; tries += 1) {
            const suspended = (await storage.getJournal(runId)).filter(
              (entry) => entry.status === 'suspended',
            );
            seenWhileWorking.push(...suspended.map((entry) => entry.path));
            await delay(5);
          }
          return { done: true };
        },
      },
      { storage },
    );
    engines.push(engine);
    const { record } = await engine.start('w', {});
    expect(record.status).toBe('suspended');
    expect(seenWhileWorking).toEqual([record.suspended?.[0]?.step]);
    expect(seenWhileWorking[0]).toMatch(/ask$/);
  });
});
