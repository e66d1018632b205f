import type { RunStatusV1, StorageV1 } from '../spec/v1/storage.js';

const leasedStatuses: readonly RunStatusV1[] = ['running', 'sleeping'];

/**
 * On an exclusive store (one process owns the data, behind a process lock), every lease that
 * another owner holds when this engine opens belongs to a process that is gone: clearing them lets
 * recovery take its runs over at once instead of waiting for the leases to lapse. Resolves how many
 * leases were released.
 *
 * @example
 * if (storage.exclusive === true) await releaseStaleLeases(storage, ownerId, Date.now());
 */
export async function releaseStaleLeases(storage: StorageV1, ownerId: string, now: number): Promise<number> {
  let released = 0;
  let cursor: string | undefined;
  do {
    const page = await storage.listRuns({
      status: leasedStatuses,
      limit: 500,
      ...(cursor === undefined ? {} : { cursor }),
    });
    for (const run of page.items) {
      if (run.leaseOwner === undefined || run.leaseOwner === ownerId) continue;
      const cleared = await storage.updateRun(
        run.id,
        { leaseOwner: null, leaseExpiresAt: null, updatedAt: now },
        { leaseOwner: run.leaseOwner },
      );
      if (cleared) released += 1;
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return released;
}
