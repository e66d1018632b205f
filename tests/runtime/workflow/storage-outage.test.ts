import { afterEach, describe, expect, it } from 'vitest';
import { WeftError } from '../../../runtime/errors/weft-error.js';
import type { JournalEntryV1, RunExpectationV1, RunPatchV1 } from '../../../runtime/spec/v1/storage.js';
import { MemoryStorage } from '../../../runtime/storage/memory-storage.js';
import type { WorkflowEngine } from '../../../runtime/workflow/workflow-engine.js';
import { createEngine, delay, graph, incChain, incExecutors, pluginTool } from './graph-builders.js';

/** A store that goes down (every write rejects with STORAGE_UNAVAILABLE) until it is brought back. */
class OutageStorage extends MemoryStorage {
  down = false;
  /** Writes allowed before the outage starts by itself (`Infinity` = never). */
  writesBeforeOutage = Number.POSITIVE_INFINITY;

  private check(): void {
    if (this.writesBeforeOutage <= 0) this.down = true;
    this.writesBeforeOutage -= 1;
    if (this.down) throw new WeftError('STORAGE_UNAVAILABLE', { message: 'The database is unreachable.' });
  }

  override async appendJournal(entries: readonly JournalEntryV1[]): Promise<void> {
    this.check();
    return super.appendJournal(entries);
  }

  override async updateRun(runId: string, patch: RunPatchV1, expect?: RunExpectationV1): Promise<boolean> {
    if (this.down) throw new WeftError('STORAGE_UNAVAILABLE', { message: 'The database is unreachable.' });
    return super.updateRun(runId, patch, expect);
  }
}

let engines: WorkflowEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.map((engine) => engine.close(100)));
  engines = [];
});

const chain = incChain;
const inc = incExecutors;

describe('a storage outage in the middle of a run', () => {
  it('surfaces a retryable error, loses nothing journaled, and the run completes once storage is back', async () => {
    const storage = new OutageStorage();
    const first = createEngine(graph([chain], [pluginTool('inc')]), inc, { storage, leaseMs: 50 });
    engines.push(first.engine);
    // started a, completed a, started b: then the database goes away.
    storage.writesBeforeOutage = 3;
    const outcome = await first.engine.start('chain', { n: 0 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(WeftError.isInstance(outcome) && outcome.code === 'STORAGE_UNAVAILABLE' && outcome.retryable).toBe(
      true,
    );

    storage.down = false;
    storage.writesBeforeOutage = Number.POSITIVE_INFINITY;
    const [runBefore] = (await storage.listRuns({})).items;
    expect(runBefore?.status).toBe('running');
    const journaled = await storage.getJournal(runBefore?.id ?? '');
    expect(journaled.find((entry) => entry.path === 'a' && entry.status === 'completed')?.output).toEqual({
      n: 1,
    });

    await first.engine.close(100);
    await delay(60); // the dead executor's lease lapses
    const second = createEngine(graph([chain], [pluginTool('inc')]), inc, { storage });
    engines.push(second.engine);
    await second.engine.open();
    for (let i = 0; i < 100 && (await storage.getRun(runBefore?.id ?? ''))?.status !== 'completed'; i += 1)
      await delay(5);
    expect(await storage.getRun(runBefore?.id ?? '')).toMatchObject({
      status: 'completed',
      output: { n: 3 },
    });
    // Step a completed before the outage and was never executed again.
    expect(second.calls.map((call) => call.key.split(':')[1])).not.toContain('a');
  });
});
