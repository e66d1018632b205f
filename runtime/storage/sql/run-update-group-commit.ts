import type { JournalEntryV1 } from '../../spec/v1/storage.js';
import { appendJournalRows, copiesJournal } from './journal-group-commit.js';
import { packJournal } from './journal-insert-sql.js';
import type { RunUpdate } from './run-update-batch-statement.js';
import { runUpdateBatchStatement } from './run-update-batch-statement.js';
import { runUpdateStatement } from './run-update-statement.js';
import type { SqlDriver, SqlRow } from './sql-driver.js';

/** Not idempotent (never retried by the driver); the texts recur, so keep them prepared. */
const prepared = { prepare: true } as const;

interface PendingUpdate extends RunUpdate {
  readonly journal: readonly JournalEntryV1[];
  readonly resolve: (applied: boolean) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit of conditional run updates (with the journal entries that go with them): updates
 * that arrive while a write is in flight are gathered into the next single statement
 * (`runUpdateBatchStatement`), and each call resolves whether ITS update applied once that
 * statement commits. A run appears at most once per statement: a second update of the same run
 * waits for the next one, so of two racing conditional updates exactly one applies, as with
 * separate statements. A lone update uses the plain statement (`runUpdateStatement`). When a batch
 * fails (nothing of it committed), each update is written again alone so one bad update fails only
 * its own caller. Updates are not retried by the driver (a conditional update is not idempotent).
 *
 * @example
 * const updates = new RunUpdateGroupCommit(driver);
 * const applied = await updates.update({ runId: 'r1', patch: { status: 'completed', updatedAt: 2 }, expect: { status: ['running'] } });
 */
export class RunUpdateGroupCommit {
  readonly #driver: SqlDriver;
  #pending: PendingUpdate[] = [];
  #writing = false;

  constructor(driver: SqlDriver) {
    this.#driver = driver;
  }

  /** Applies one conditional update (and writes `journal`, applied or not); resolves whether it applied. */
  update(update: RunUpdate, journal: readonly JournalEntryV1[] = []): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.#pending.push({ ...update, journal, resolve, reject });
      if (!this.#writing) {
        this.#writing = true;
        queueMicrotask(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    while (this.#pending.length > 0) {
      const batch = this.#takeBatch();
      if (batch.length === 1 && batch[0] !== undefined) await this.#writeAlone(batch[0]);
      else await this.#writeBatch(batch);
    }
    this.#writing = false;
  }

  /** The pending updates of distinct runs, in arrival order; the others stay pending. */
  #takeBatch(): PendingUpdate[] {
    const seen = new Set<string>();
    const batch: PendingUpdate[] = [];
    const later: PendingUpdate[] = [];
    for (const call of this.#pending) {
      if (seen.has(call.runId)) later.push(call);
      else {
        seen.add(call.runId);
        batch.push(call);
      }
    }
    this.#pending = later;
    return batch;
  }

  async #writeBatch(batch: readonly PendingUpdate[]): Promise<void> {
    let applied: Set<string>;
    try {
      applied = new Set((await this.#writeRows(batch)).map((row) => String(row.id)));
    } catch {
      for (const call of batch) await this.#writeAlone(call);
      return;
    }
    for (const call of batch) call.resolve(applied.has(call.runId));
  }

  /**
   * The batch's journal entries and updates in one transaction: one statement (the entries'
   * insert as its `WITH` clause), or, when the entries go through COPY (`copiesJournal`), their
   * COPY and then the update.
   */
  async #writeRows(batch: readonly PendingUpdate[]): Promise<SqlRow[]> {
    const packed = packJournal(batch.flatMap((call) => call.journal));
    if (!copiesJournal(this.#driver, packed)) {
      const { sql, params } = runUpdateBatchStatement(batch, packed);
      return this.#driver.query(sql, params, prepared);
    }
    const { sql, params } = runUpdateBatchStatement(batch);
    return this.#driver.transaction(async (tx) => {
      await appendJournalRows(tx, packed);
      return tx.query(sql, params, prepared);
    });
  }

  async #writeAlone(call: PendingUpdate): Promise<void> {
    try {
      const { sql, params } = runUpdateStatement(call.runId, call.patch, call.expect, call.journal);
      call.resolve((await this.#driver.query(sql, params, prepared)).length > 0);
    } catch (error) {
      call.reject(error);
    }
  }
}
