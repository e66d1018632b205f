import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEntryV1 } from '../../../runtime/spec/v1/storage.js';
import { MemoryStorage } from '../../../runtime/storage/memory-storage.js';
import type { WorkflowEngine } from '../../../runtime/workflow/workflow-engine.js';
import { createEngine, graph, incChain, pluginTool } from './graph-builders.js';

/** A MemoryStorage that records every `appendJournal` call (what one commit holds) and when the run's end was written. */
class RecordingStorage extends MemoryStorage {
  readonly appends: string[][] = [];
  readonly events: string[] = [];

  override async appendJournal(entries: readonly JournalEntryV1[]): Promise<void> {
    await super.appendJournal(entries);
    this.appends.push(entries.map((entry) => `${entry.path}:${entry.status}`));
    this.events.push(...entries.map((entry) => `durable ${entry.path}:${entry.status}`));
  }
}

let engines: WorkflowEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.map((engine) => engine.close(100)));
  engines = [];
});

const chain = incChain;

describe('journal commits of a step chain', () => {
  it('commits "step N completed" with "step N+1 started" in one append, the last completion alone', async () => {
    const storage = new RecordingStorage();
    const { engine } = createEngine(
      graph([chain], [pluginTool('inc')]),
      {
        inc: async (input: { n: number }) => {
          storage.events.push(`execute n=${input.n}`);
          return { n: input.n + 1 };
        },
      },
      { storage },
    );
    engines.push(engine);
    const { record } = await engine.start('chain', { n: 0 });
    expect(record.status).toBe('completed');
    expect(storage.appends).toEqual([
      ['a:started'],
      ['a:completed', 'b:started'],
      ['b:completed', 'c:started'],
      ['c:completed'],
    ]);
    // Each step executes only after the previous step's completion is durable.
    expect(storage.events).toEqual([
      'durable a:started',
      'execute n=0',
      'durable a:completed',
      'durable b:started',
      'execute n=1',
      'durable b:completed',
      'durable c:started',
      'execute n=2',
      'durable c:completed',
    ]);
    expect((await storage.getRun(record.id))?.status).toBe('completed');
  });

  it('commits the last completion before the run is written completed', async () => {
    const storage = new RecordingStorage();
    const order: string[] = [];
    const update = storage.updateRun.bind(storage);
    storage.updateRun = async (runId, patch, expect) => {
      order.push(`update ${patch.status ?? ''} after ${storage.appends.length} appends`);
      return update(runId, patch, expect);
    };
    const { engine } = createEngine(
      graph([chain], [pluginTool('inc')]),
      {
        inc: async (input: { n: number }) => ({ n: input.n + 1 }),
      },
      { storage },
    );
    engines.push(engine);
    await engine.start('chain', { n: 0 });
    expect(order).toEqual(['update completed after 4 appends']);
  });

  it('writes the last completion together with the run end when storage can, else first', async () => {
    for (const combined of [true, false]) {
      const storage = new RecordingStorage();
      const calls: string[] = [];
      const update = storage.updateRun.bind(storage);
      storage.updateRun = async (runId, patch, expect) => {
        calls.push(`updateRun ${patch.status ?? ''}`);
        return update(runId, patch, expect);
      };
      const appendAndUpdate = storage.appendJournalAndUpdateRun.bind(storage);
      if (combined) {
        storage.appendJournalAndUpdateRun = async (runId, entries, patch, expect) => {
          calls.push(`appendJournalAndUpdateRun ${entries.map((entry) => entry.path).join(',')}`);
          return appendAndUpdate(runId, entries, patch, expect);
        };
      } else {
        Object.defineProperty(storage, 'appendJournalAndUpdateRun', { value: undefined });
      }
      const { engine } = createEngine(
        graph([chain], [pluginTool('inc')]),
        { inc: async (input: { n: number }) => ({ n: input.n + 1 }) },
        { storage },
      );
      engines.push(engine);
      const { record } = await engine.start('chain', { n: 0 });
      expect(record).toMatchObject({ status: 'completed', output: { n: 3 } });
      expect(calls).toEqual(
        combined ? ['appendJournalAndUpdateRun c', 'updateRun completed'] : ['updateRun completed'],
      );
      expect(storage.appends.at(-1)).toEqual(['c:completed']);
      expect((await storage.getRun(record.id))?.leaseOwner).toBeUndefined();
    }
  });
});
