import type { StorageV1 } from '../spec/v1/storage.js';
import type { MemoryMessage } from './memory-types.js';

const namespace = 'weft.memory';
const key = 'unindexed';
/** The list is bounded: beyond this, the oldest entries are dropped (their messages stay stored). */
const maxEntries = 10_000;

interface Entry {
  readonly id: string;
  readonly threadId: string;
}

/**
 * The durable list of saved messages whose embedding failed (in the storage's key-value space), so
 * that a later save or query indexes them: a failed embedding never loses a message, and recall
 * catches up once the embedder works again. Changes are serialised within the process.
 *
 * @example
 * const unindexed = new UnindexedMessages(storage);
 * await unindexed.add(records); // after the embedder failed
 * await unindexed.retry((messages) => index.add(messages)); // later
 */
export class UnindexedMessages {
  readonly #storage: Pick<StorageV1, 'kvGet' | 'kvSet' | 'getMessages'>;
  #chain: Promise<unknown> = Promise.resolve();
  /** False once the list is known to be empty (saves a read per call). */
  #maybeSome = true;

  constructor(storage: Pick<StorageV1, 'kvGet' | 'kvSet' | 'getMessages'>) {
    this.#storage = storage;
  }

  /** Remembers messages to index later. */
  add(messages: readonly MemoryMessage[]): Promise<void> {
    return this.#serial(async () => {
      const entries = await this.#read();
      const known = new Set(entries.map((entry) => entry.id));
      for (const message of messages)
        if (!known.has(message.id)) entries.push({ id: message.id, threadId: message.threadId });
      await this.#storage.kvSet(namespace, key, entries.slice(-maxEntries));
      this.#maybeSome = true;
    });
  }

  /** Forgets messages (indexed after all, or deleted with their thread). */
  forget(ids: readonly string[]): Promise<void> {
    if (!this.#maybeSome || ids.length === 0) return Promise.resolve();
    const drop = new Set(ids);
    return this.#serial(async () => {
      const entries = await this.#read();
      const kept = entries.filter((entry) => !drop.has(entry.id));
      if (kept.length !== entries.length) await this.#storage.kvSet(namespace, key, kept);
      this.#maybeSome = kept.length > 0;
    });
  }

  /**
   * Reads the listed messages back from storage and hands them to `index`; on success they leave
   * the list (messages deleted meanwhile leave it too). A failure leaves the list as it was and is
   * passed on.
   */
  retry(index: (messages: MemoryMessage[]) => Promise<void>): Promise<void> {
    if (!this.#maybeSome) return Promise.resolve();
    return this.#serial(async () => {
      const entries = await this.#read();
      if (entries.length === 0) {
        this.#maybeSome = false;
        return;
      }
      const wanted = new Set(entries.map((entry) => entry.id));
      const messages: MemoryMessage[] = [];
      for (const threadId of new Set(entries.map((entry) => entry.threadId))) {
        for (const message of await this.#storage.getMessages({ threadId }))
          if (wanted.has(message.id)) messages.push(message);
      }
      await index(messages);
      await this.#storage.kvSet(namespace, key, []);
      this.#maybeSome = false;
    });
  }

  async #read(): Promise<Entry[]> {
    const value = await this.#storage.kvGet(namespace, key);
    return Array.isArray(value)
      ? value.filter(
          (entry): entry is Entry =>
            typeof entry === 'object' &&
            entry !== null &&
            typeof (entry as Entry).id === 'string' &&
            typeof (entry as Entry).threadId === 'string',
        )
      : [];
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#chain.then(task, task);
    this.#chain = next.catch(() => undefined);
    return next;
  }
}
