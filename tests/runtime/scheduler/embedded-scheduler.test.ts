import { describe, expect, it } from 'vitest';
import { EmbeddedScheduler } from '../../../runtime/scheduler/embedded-scheduler.js';

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 5 ms until it holds or a second passes. */
async function eventually(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i += 1) await delay(5);
}

describe('EmbeddedScheduler', () => {
  it('delivers a task no earlier than notBefore', async () => {
    const scheduler = new EmbeddedScheduler();
    const delivered: [string, number][] = [];
    const start = Date.now();
    await scheduler.start(async ({ runId }) => {
      delivered.push([runId, Date.now() - start]);
    });
    await scheduler.enqueue({ runId: 'later', notBefore: start + 30 });
    await scheduler.enqueue({ runId: 'now' });
    await eventually(() => delivered.length === 2);
    expect(delivered.map(([id]) => id)).toEqual(['now', 'later']);
    expect(delivered[1]?.[1]).toBeGreaterThanOrEqual(29);
    await scheduler.stop();
  });

  it('keeps one pending task per run, the earliest', async () => {
    const scheduler = new EmbeddedScheduler();
    const delivered: string[] = [];
    await scheduler.start(async ({ runId }) => {
      delivered.push(runId);
    });
    const now = Date.now();
    await scheduler.enqueue({ runId: 'r', notBefore: now + 40 });
    await scheduler.enqueue({ runId: 'r', notBefore: now + 10 });
    await scheduler.enqueue({ runId: 'r', notBefore: now + 20 });
    expect(scheduler.size).toBe(1);
    await eventually(() => delivered.length > 0);
    await delay(50);
    expect(delivered).toEqual(['r']);
    await scheduler.stop();
  });

  it('hands a run to one handler at a time, and delivers a task that arrived meanwhile afterwards', async () => {
    const scheduler = new EmbeddedScheduler();
    let active = 0;
    let maxActive = 0;
    let calls = 0;
    await scheduler.start(async () => {
      calls += 1;
      active += 1;
      maxActive = Math.max(maxActive, active);
      await delay(20);
      active -= 1;
    });
    await scheduler.enqueue({ runId: 'r' });
    await delay(5);
    await scheduler.enqueue({ runId: 'r' });
    await eventually(() => calls === 2 && active === 0);
    expect(calls).toBe(2);
    expect(maxActive).toBe(1);
    await scheduler.stop();
  });

  it('waits beyond the longest Node.js timer by chunking, without firing early', async () => {
    let now = Date.now();
    const scheduler = new EmbeddedScheduler({ now: () => now });
    const delivered: string[] = [];
    await scheduler.start(async ({ runId }) => {
      delivered.push(runId);
    });
    await scheduler.enqueue({ runId: 'far', notBefore: now + 40 * 24 * 3_600_000 });
    await delay(10);
    expect(delivered).toEqual([]);
    expect(scheduler.size).toBe(1);
    now += 41 * 24 * 3_600_000;
    await scheduler.stop();
  });

  it('holds tasks enqueued before start and drops them on stop', async () => {
    const scheduler = new EmbeddedScheduler();
    const delivered: string[] = [];
    await scheduler.enqueue({ runId: 'early' });
    await scheduler.start(async ({ runId }) => {
      delivered.push(runId);
    });
    await eventually(() => delivered.length > 0);
    expect(delivered).toEqual(['early']);
    await scheduler.enqueue({ runId: 'late', notBefore: Date.now() + 20 });
    await scheduler.stop();
    await delay(40);
    expect(delivered).toEqual(['early']);
  });
});
