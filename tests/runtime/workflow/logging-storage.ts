import type {
  JournalEntryV1,
  RunExpectationV1,
  RunPatchV1,
  RunRecordV1,
} from '../../../runtime/spec/v1/storage.js';
import { MemoryStorage } from '../../../runtime/storage/memory-storage.js';

/** `path:status` of each entry, comma-separated. */
export const paths = (entries: readonly JournalEntryV1[]): string =>
  entries.map((entry) => `${entry.path}:${entry.status}`).join(',');

/**
 * A MemoryStorage that logs, in one list, its run creations, journal appends and combined
 * journal-and-update writes (each as ONE line, however it is made), and whatever a test adds
 * (executions, events); `failCreation` makes `createRunAndAppendJournal` reject.
 */
export class LoggingStorage extends MemoryStorage {
  readonly log: string[] = [];
  failCreation: Error | undefined;
  /** True while a combined write calls the ones it is made of (they are not logged then). */
  #combining = false;

  override async createRun(run: RunRecordV1): Promise<void> {
    if (!this.#combining) this.log.push(`createRun ${run.status}`);
    await super.createRun(run);
  }

  override async createRunAndAppendJournal(
    run: RunRecordV1,
    entries: readonly JournalEntryV1[],
  ): Promise<void> {
    this.log.push(`createRunAndAppendJournal ${run.status} ${paths(entries)}`);
    if (this.failCreation !== undefined) throw this.failCreation;
    await this.#combined(() => super.createRunAndAppendJournal(run, entries));
  }

  override async appendJournal(entries: readonly JournalEntryV1[]): Promise<void> {
    if (!this.#combining) this.log.push(`appendJournal ${paths(entries)}`);
    await super.appendJournal(entries);
  }

  override async appendJournalAndUpdateRun(
    runId: string,
    entries: readonly JournalEntryV1[],
    patch: RunPatchV1,
    expect?: RunExpectationV1,
  ): Promise<boolean> {
    this.log.push(`appendJournalAndUpdateRun ${patch.status ?? ''} ${paths(entries)}`);
    return this.#combined(() => super.appendJournalAndUpdateRun(runId, entries, patch, expect));
  }

  override async updateRunAndAppendJournal(
    runId: string,
    patch: RunPatchV1,
    expect: RunExpectationV1 | undefined,
    entries: readonly JournalEntryV1[],
  ): Promise<boolean> {
    this.log.push(`updateRunAndAppendJournal ${patch.status ?? ''} ${paths(entries)}`);
    return this.#combined(() => super.updateRunAndAppendJournal(runId, patch, expect, entries));
  }

  /** Runs `write` with the logging of its parts off during its synchronous part. */
  async #combined<T>(write: () => Promise<T>): Promise<T> {
    this.#combining = true;
    const written = write();
    this.#combining = false;
    return written;
  }
}
