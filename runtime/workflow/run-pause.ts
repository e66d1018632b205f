import type { SuspensionV1 } from '../spec/v1/storage.js';

/**
 * Not an error: thrown through the step tree when a run must stop and wait (a suspended step, a
 * sleep, a sub-workflow that waits). Containers merge the pauses of their branches, so a run can
 * be suspended at several steps at once.
 *
 * @example
 * throw new RunPause([{ step: 'approve', payload: { orderId } }]);
 * throw new RunPause([], Date.now() + 60_000); // sleeping
 */
export class RunPause {
  constructor(
    readonly suspensions: readonly SuspensionV1[],
    /** Earliest time the run must be advanced again (sleep end, suspend timeout). */
    readonly wakeAt?: number,
  ) {}

  /** Merges the pauses of several branches (suspensions by branch order, earliest wake). */
  static merge(pauses: readonly RunPause[]): RunPause {
    const suspensions: SuspensionV1[] = [];
    let wakeAt: number | undefined;
    for (const pause of pauses) {
      suspensions.push(...pause.suspensions);
      if (pause.wakeAt !== undefined && (wakeAt === undefined || pause.wakeAt < wakeAt))
        wakeAt = pause.wakeAt;
    }
    return new RunPause(suspensions, wakeAt);
  }
}
