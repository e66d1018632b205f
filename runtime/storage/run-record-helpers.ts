import type { RunExpectationV1, RunPatchV1, RunRecordV1 } from '../spec/v1/storage.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A run record an adapter may change in place (the in-memory adapter keeps these).
 *
 * @example
 * const record = structuredClone(run) as MutableRunRecord;
 */
export type MutableRunRecord = Mutable<RunRecordV1>;

/**
 * Copies a JSON value so neither side's later mutations reach the other. Primitives are returned
 * as they are (no clone cost on the hot path).
 *
 * @example
 * const copy = cloneValue({ a: [1, 2] });
 */
export function cloneValue<T>(value: T): T {
  return typeof value === 'object' && value !== null ? structuredClone(value) : value;
}

/**
 * Applies a `RunPatchV1` to a record in place: given fields replace, `null` clears.
 *
 * @example
 * applyRunPatch(record, { status: 'completed', output: 42, leaseOwner: null, updatedAt: 9 });
 */
export function applyRunPatch(record: MutableRunRecord, patch: RunPatchV1): void {
  record.updatedAt = patch.updatedAt;
  if (patch.status !== undefined) record.status = patch.status;
  if ('output' in patch) {
    if (patch.output === undefined) delete record.output;
    else record.output = cloneValue(patch.output);
  }
  if (patch.error !== undefined) {
    if (patch.error === null) delete record.error;
    else record.error = cloneValue(patch.error);
  }
  if (patch.suspended !== undefined) {
    if (patch.suspended === null) delete record.suspended;
    else record.suspended = cloneValue(patch.suspended);
  }
  if (patch.wakeAt !== undefined) {
    if (patch.wakeAt === null) delete record.wakeAt;
    else record.wakeAt = patch.wakeAt;
  }
  if (patch.leaseOwner !== undefined) {
    if (patch.leaseOwner === null) delete record.leaseOwner;
    else record.leaseOwner = patch.leaseOwner;
  }
  if (patch.leaseExpiresAt !== undefined) {
    if (patch.leaseExpiresAt === null) delete record.leaseExpiresAt;
    else record.leaseExpiresAt = patch.leaseExpiresAt;
  }
  if (patch.cancelRequested !== undefined) record.cancelRequested = patch.cancelRequested;
}

/**
 * True when the record matches every field the expectation gives.
 *
 * @example
 * matchesExpectation(record, { status: ['suspended'] });
 */
export function matchesExpectation(record: RunRecordV1, expect: RunExpectationV1 | undefined): boolean {
  if (expect === undefined) return true;
  if (expect.status !== undefined && !expect.status.includes(record.status)) return false;
  if (expect.leaseOwner !== undefined && record.leaseOwner !== expect.leaseOwner) return false;
  return true;
}

/**
 * True when nobody holds the run's lease at `now` (no owner, no expiry, or expired before `now`).
 *
 * @example
 * isLeaseFree(record, Date.now());
 */
export function isLeaseFree(record: RunRecordV1, now: number): boolean {
  return (
    record.leaseOwner === undefined || record.leaseExpiresAt === undefined || record.leaseExpiresAt < now
  );
}

/**
 * Whether a run needs an executor at `now`: `running`, or `sleeping` and due, with a free lease.
 *
 * @example
 * isRecoverable(record, Date.now());
 */
export function isRecoverable(record: RunRecordV1, now: number): boolean {
  const wants =
    record.status === 'running' ||
    (record.status === 'sleeping' && record.wakeAt !== undefined && record.wakeAt <= now);
  return wants && isLeaseFree(record, now);
}

/**
 * Sort comparator: newest first by `createdAt`, then by id descending.
 *
 * @example
 * runs.sort(compareNewestFirst);
 */
export function compareNewestFirst(
  a: { createdAt: number; id: string },
  b: { createdAt: number; id: string },
): number {
  if (a.createdAt !== b.createdAt) return b.createdAt - a.createdAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Sort comparator: oldest first by `createdAt`, then by id ascending.
 *
 * @example
 * messages.sort(compareOldestFirst);
 */
export function compareOldestFirst(
  a: { createdAt: number; id: string },
  b: { createdAt: number; id: string },
): number {
  return -compareNewestFirst(a, b);
}
