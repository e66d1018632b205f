import { afterEach, describe, expect, it } from 'vitest';
import type { WorkflowEngine } from '../../../runtime/workflow/workflow-engine.js';
import { WorkflowEvents, workflowEventNames } from '../../../runtime/workflow/workflow-events.js';
import { createEngine, graph, pluginTool, s, workflow } from './graph-builders.js';

let engines: WorkflowEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.map((engine) => engine.close(100)));
  engines = [];
});

function record(events: WorkflowEvents): string[] {
  const seen: string[] = [];
  for (const name of workflowEventNames) {
    events.on(name, (event) => seen.push('path' in event ? `${name} ${event.path}` : name));
  }
  return seen;
}

describe('workflow events', () => {
  it('reports a run from start to suspension, resume and completion, in order', async () => {
    const compiled = graph(
      [workflow('w', [s.tool('a', 'ok'), s.suspend('ask'), s.set('b', 1)])],
      [pluginTool('ok')],
    );
    const { engine } = createEngine(compiled, { ok: async () => ({}) });
    engines.push(engine);
    const seen = record(engine.events);
    const { record: run } = await engine.start('w', {});
    await engine.resume(run.id, { data: true });
    expect(seen).toEqual([
      'run:start',
      'step:start a',
      'step:complete a',
      'step:start ask',
      'run:suspended',
      'run:resumed',
      'step:complete ask',
      'step:start b',
      'step:complete b',
      'run:complete',
    ]);
  });

  it('reports step errors with willRetry, then run:failed', async () => {
    const retry = { maxAttempts: 2, backoff: 'constant' as const, delayMs: 0, jitter: 0 };
    const compiled = graph([workflow('w', [s.tool('a', 'boom', {}, { retry })])], [pluginTool('boom')]);
    const { engine } = createEngine(compiled, { boom: async () => Promise.reject(new Error('no')) });
    engines.push(engine);
    const retries: boolean[] = [];
    engine.events.on('step:error', (event) => retries.push(event.willRetry));
    const seen = record(engine.events);
    await engine.start('w', {});
    expect(retries).toEqual([true, false]);
    expect(seen.at(-1)).toBe('run:failed');
  });

  it('reports sleeping and cancelled runs', async () => {
    const { engine } = createEngine(graph([workflow('w', [s.sleep('nap', 60_000)])]), {});
    engines.push(engine);
    const seen = record(engine.events);
    const { record: run } = await engine.start('w', {});
    await engine.cancel(run.id);
    expect(seen).toEqual(['run:start', 'step:start nap', 'run:sleeping', 'run:cancelled']);
  });

  it('stops calling a listener once it unsubscribes, and survives a throwing listener', () => {
    const events = new WorkflowEvents();
    const calls: string[] = [];
    events.on('run:cancelled', () => {
      throw new Error('listener bug');
    });
    const off = events.on('run:cancelled', (event) => calls.push(event.runId));
    events.emit('run:cancelled', { runId: 'r1', workflow: 'w' });
    off();
    events.emit('run:cancelled', { runId: 'r2', workflow: 'w' });
    expect(calls).toEqual(['r1']);
    expect(events.has('step:start')).toBe(false);
  });
});
