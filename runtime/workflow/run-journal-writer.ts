import type { JournalEntryV1, RunRecordV1, StorageV1 } from '../spec/v1/storage.js';

/** A run this execution has yet to create, and what to do once it exists. */
export interface PendingRunCreation {
  readonly record: RunRecordV1;
  /** Called once the run (with the entries of the write that created it) is durable. */
  readonly onCreated: () => void;
}

/**
 * Writes one execution's journal entries. For a new run, the first write also creates the run
 * (`createRunAndAppendJournal`, or `createRun` then `appendJournal` when storage lacks it), so
 * the run and its first step's `started` entry are one commit instead of two; nothing executes
 * before that write is durable. Later writes wait for the creation; when it fails, they fail with
 * its error and `creationFailure` holds it.
 *
 * @example
 * const writer = new RunJournalWriter(storage, { record, onCreated: () => emitStart() });
 * await writer.write([{ runId: record.id, path: 'a', attempt: 1, status: 'started', startedAt: 1 }]); // creates the run too
 */
export class RunJournalWriter {
  readonly #storage: StorageV1;
  #creation: PendingRunCreation | undefined;
  #creating: Promise<void> | undefined;
  #failure: { readonly error: unknown } | undefined;

  constructor(storage: StorageV1, creation?: PendingRunCreation) {
    this.#storage = storage;
    this.#creation = creation;
  }

  /** Set when creating the run failed: nothing of the run was written. */
  get creationFailure(): { readonly error: unknown } | undefined {
    return this.#failure;
  }

  /** Writes `entries` (one append); resolves when they are durable. */
  write(entries: readonly JournalEntryV1[]): Promise<void> {
    if (this.#creation !== undefined) return this.#create(this.#creation, entries);
    if (this.#creating !== undefined) return this.#creating.then(() => this.#storage.appendJournal(entries));
    return this.#storage.appendJournal(entries);
  }

  /** Resolves once the run exists: creates it now (without entries) if no write has yet. */
  created(): Promise<void> {
    if (this.#creation !== undefined) return this.#create(this.#creation, []);
    return this.#creating ?? Promise.resolve();
  }

  #create(creation: PendingRunCreation, entries: readonly JournalEntryV1[]): Promise<void> {
    this.#creation = undefined;
    const creating = this.#createRun(creation.record, entries).then(
      () => {
        if (this.#creating === creating) this.#creating = undefined;
        creation.onCreated();
      },
      (error: unknown) => {
        this.#failure = { error };
        throw error;
      },
    );
    this.#creating = creating;
    return creating;
  }

  #createRun(record: RunRecordV1, entries: readonly JournalEntryV1[]): Promise<void> {
    const storage = this.#storage;
    if (storage.createRunAndAppendJournal !== undefined)
      return storage.createRunAndAppendJournal(record, entries);
    const created = storage.createRun(record);
    return entries.length === 0 ? created : created.then(() => storage.appendJournal(entries));
  }
}
