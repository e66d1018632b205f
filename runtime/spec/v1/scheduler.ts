/**
 * The scheduler contract, version 1: who advances which run, and when. The interpreter never
 * decides where a run executes; it asks the scheduler. The embedded scheduler runs everything in
 * this process; a distributed one (pg-boss, a later round) puts "advance run X" tasks on a queue so
 * that several hosts share the work. Run state stays in `StorageV1`; a scheduler carries only tasks.
 *
 * @example
 * scheduler.start(async (task) => engine.advance(task.runId));
 * await scheduler.enqueue({ runId: 'r1' });
 * await scheduler.enqueue({ runId: 'r2', notBefore: Date.now() + 5_000 }); // a sleeping run
 */
export interface SchedulerV1 {
  readonly specificationVersion: 'v1';
  readonly name: string;
  /** Starts delivering tasks to `handler`; a task is delivered to one handler at a time. */
  start(handler: (task: RunTaskV1) => Promise<void>): Promise<void>;
  /** Asks for `task.runId` to be advanced, no earlier than `notBefore` (epoch ms). Idempotent per run. */
  enqueue(task: RunTaskV1): Promise<void>;
  /** Stops taking tasks; resolves when the handlers in flight have returned or `deadlineMs` passed. */
  stop(deadlineMs?: number): Promise<void>;
}

export interface RunTaskV1 {
  readonly runId: string;
  readonly notBefore?: number;
}
