import type { StorageV1 } from '../spec/v1/storage.js';

/**
 * Keeps the leases of the runs this process executes: one unref'd timer for the whole engine
 * renews all of them in a single `renewLeases` call every `leaseMs / 3`; a run whose lease was
 * not renewed (another process took it, or it was cancelled) is reported through `onLost`.
 *
 * @example
 * const keeper = new LeaseKeeper(storage, ownerId, 30_000, Date.now, (runId) => stop(runId));
 * keeper.hold('r1'); ... keeper.release('r1');
 */
export class LeaseKeeper {
  private readonly held = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private renewing = false;

  constructor(
    private readonly storage: StorageV1,
    readonly owner: string,
    readonly leaseMs: number,
    private readonly now: () => number,
    private readonly onLost: (runId: string) => void,
  ) {}

  /** The expiry of a lease taken now. */
  expiresAt(): number {
    return this.now() + this.leaseMs;
  }

  hold(runId: string): void {
    this.held.add(runId);
    if (this.timer === undefined) {
      this.timer = setInterval(() => void this.renew(), Math.max(1, Math.floor(this.leaseMs / 3)));
      this.timer.unref();
    }
  }

  release(runId: string): void {
    this.held.delete(runId);
    if (this.held.size === 0) this.stop();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Renews every held lease now (the timer calls this). */
  async renew(): Promise<void> {
    if (this.renewing || this.held.size === 0) return;
    this.renewing = true;
    try {
      const ids = [...this.held];
      const kept = new Set(await this.storage.renewLeases(ids, this.owner, this.expiresAt()));
      for (const id of ids) {
        if (!kept.has(id) && this.held.has(id)) this.onLost(id);
      }
    } catch {
      // Storage unreachable: keep the leases and try again at the next tick.
    } finally {
      this.renewing = false;
    }
  }
}
