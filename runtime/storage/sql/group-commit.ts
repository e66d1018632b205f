interface PendingCall<T> {
  readonly items: readonly T[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit of single-statement writes: calls that arrive while a write is in flight are
 * gathered into the next single write (one statement, hence one transaction), and each call
 * resolves when the write holding its items commits (or rejects with its error). When a batch of
 * several calls fails, each call is written again alone, so one bad item fails only its own caller.
 * `write` must be idempotent (a batch may be written again call by call).
 *
 * @example
 * const runs = new GroupCommit<RunRecordV1>((batch) => insertRuns(driver, batch));
 * await Promise.all(records.map((record) => runs.append([record])));
 */
export class GroupCommit<T> {
  readonly #write: (items: readonly T[]) => Promise<void>;
  #pending: PendingCall<T>[] = [];
  #writing = false;

  constructor(write: (items: readonly T[]) => Promise<void>) {
    this.#write = write;
  }

  append(items: readonly T[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ items, resolve, reject });
      if (!this.#writing) {
        this.#writing = true;
        queueMicrotask(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    while (this.#pending.length > 0) {
      const batch = this.#pending;
      this.#pending = [];
      try {
        await this.#write(batch.length === 1 ? (batch[0]?.items ?? []) : batch.flatMap((call) => call.items));
        for (const call of batch) call.resolve();
      } catch (error) {
        if (batch.length === 1) batch[0]?.reject(error);
        else await this.#writeOneByOne(batch);
      }
    }
    this.#writing = false;
  }

  async #writeOneByOne(batch: readonly PendingCall<T>[]): Promise<void> {
    for (const call of batch) {
      try {
        await this.#write(call.items);
        call.resolve();
      } catch (error) {
        call.reject(error);
      }
    }
  }
}
