import type { RunTaskV1, SchedulerV1 } from '../spec/v1/scheduler.js';

/** The longest delay one Node.js timer can hold (about 24.8 days); longer waits are chunked. */
const maxTimerMs = 2_147_483_647;

interface Pending {
  readonly notBefore: number;
  timer: NodeJS.Timeout | undefined;
}

/**
 * The in-process scheduler: runs each task in this process, no earlier than its `notBefore`, with
 * unref'd timers (a sleeping run never keeps the process alive; waits over ~24 days are chunked).
 * One pending task per run (the earliest wins); a run is handed to one handler at a time, and a
 * task that arrives while its run is being handled is delivered again afterwards.
 *
 * @example
 * const scheduler = new EmbeddedScheduler();
 * await scheduler.start(async ({ runId }) => engine.advance(runId));
 * await scheduler.enqueue({ runId: 'r1', notBefore: Date.now() + 1_000 });
 * await scheduler.stop(5_000);
 */
export class EmbeddedScheduler implements SchedulerV1 {
  readonly specificationVersion = 'v1' as const;
  readonly name = 'embedded';
  private handler: ((task: RunTaskV1) => Promise<void>) | undefined;
  private readonly pending = new Map<string, Pending>();
  private readonly active = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private stopped = false;
  private readonly now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.now = options.now ?? Date.now;
  }

  async start(handler: (task: RunTaskV1) => Promise<void>): Promise<void> {
    this.handler = handler;
    this.stopped = false;
    for (const [runId, task] of this.pending) {
      if (task.timer === undefined) this.arm(runId, task);
    }
  }

  async enqueue(task: RunTaskV1): Promise<void> {
    if (this.stopped) return;
    const notBefore = task.notBefore ?? this.now();
    const existing = this.pending.get(task.runId);
    if (existing !== undefined) {
      if (existing.notBefore <= notBefore) return;
      if (existing.timer !== undefined) clearTimeout(existing.timer);
    }
    const pending: Pending = { notBefore, timer: undefined };
    this.pending.set(task.runId, pending);
    if (this.handler !== undefined) this.arm(task.runId, pending);
  }

  async stop(deadlineMs = 5_000): Promise<void> {
    this.stopped = true;
    for (const task of this.pending.values()) if (task.timer !== undefined) clearTimeout(task.timer);
    this.pending.clear();
    this.again.clear();
    if (this.active.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, deadlineMs);
      timer.unref();
    });
    await Promise.race([Promise.allSettled([...this.active.values()]), deadline]);
    if (timer !== undefined) clearTimeout(timer);
  }

  /** How many tasks wait for their time (for tests and health checks). */
  get size(): number {
    return this.pending.size;
  }

  private arm(runId: string, task: Pending): void {
    const delay = Math.max(0, task.notBefore - this.now());
    task.timer = setTimeout(
      () => {
        if (this.pending.get(runId) !== task) return;
        if (task.notBefore > this.now()) {
          this.arm(runId, task);
          return;
        }
        this.pending.delete(runId);
        this.deliver(runId);
      },
      Math.min(delay, maxTimerMs),
    );
    task.timer.unref();
  }

  private deliver(runId: string): void {
    const handler = this.handler;
    if (handler === undefined || this.stopped) return;
    if (this.active.has(runId)) {
      this.again.add(runId);
      return;
    }
    const running = handler({ runId })
      .catch(() => {
        // The handler reports its own failures; a failed task does not stop the scheduler.
      })
      .finally(() => {
        this.active.delete(runId);
        if (this.again.delete(runId)) this.deliver(runId);
      });
    this.active.set(runId, running);
  }
}
