import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../runtime/storage/memory-storage.js';
import { LeaseKeeper } from '../../../runtime/workflow/lease-keeper.js';

describe('LeaseKeeper', () => {
  it('renews every held lease in one call and reports the ones it lost', async () => {
    const storage = new MemoryStorage();
    const batches: string[][] = [];
    const renew = storage.renewLeases.bind(storage);
    storage.renewLeases = async (ids, owner, expiresAt) => {
      batches.push([...ids]);
      return renew(ids, owner, expiresAt);
    };
    for (const id of ['a', 'b']) {
      await storage.createRun({
        id,
        workflow: 'w',
        workflowHash: 'h',
        status: 'running',
        input: {},
        leaseOwner: 'me',
        leaseExpiresAt: Date.now() + 1_000,
        createdAt: 1,
        updatedAt: 1,
      });
    }
    const lost: string[] = [];
    const keeper = new LeaseKeeper(storage, 'me', 30_000, Date.now, (runId) => lost.push(runId));
    keeper.hold('a');
    keeper.hold('b');
    await storage.updateRun('b', { leaseOwner: 'other', updatedAt: 2 });
    await keeper.renew();
    expect(batches).toEqual([['a', 'b']]);
    expect(lost).toEqual(['b']);
    expect((await storage.getRun('a'))?.leaseExpiresAt).toBeGreaterThan(Date.now() + 20_000);
    keeper.release('a');
    keeper.release('b');
    await keeper.renew();
    expect(batches).toHaveLength(1);
  });
});
