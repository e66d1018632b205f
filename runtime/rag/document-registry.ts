import type { StorageV1 } from '../spec/v1/storage.js';
import type { RegisteredDocument } from './knowledge-types.js';

/**
 * The part of the project storage the registry uses.
 *
 * @example
 * const storage: RegistryStorage = weft.storage;
 */
export type RegistryStorage = Pick<StorageV1, 'kvGet' | 'kvSet'>;

interface RegistryValue {
  readonly version: 1;
  readonly documents: Readonly<Record<string, RegisteredDocument>>;
}

const key = 'documents';

/**
 * The documents of one knowledge base and their chunk counts and content hashes, kept in the
 * project storage (kv namespace `knowledge:<name>`, key `documents`, one JSON value), so that
 * re-ingesting unchanged files is cheap, removed files can be deleted, and a later process (a
 * `weft serve` after `weft ingest`) knows what is indexed. Writes are serialised within the
 * process by the knowledge base; two processes writing the same knowledge base at once (only
 * possible with a shared Postgres) may lose one of the two registry updates.
 *
 * @example
 * const registry = new DocumentRegistry(storage, 'help-center');
 * await registry.update({ refunds: { hash, chunks: 2, origin: 'api' } });
 */
export class DocumentRegistry {
  readonly namespace: string;

  constructor(
    private readonly storage: RegistryStorage,
    knowledge: string,
  ) {
    this.namespace = `knowledge:${knowledge}`;
  }

  /** Every registered document, by id. */
  async all(): Promise<Record<string, RegisteredDocument>> {
    const value = (await this.storage.kvGet(this.namespace, key)) as RegistryValue | undefined;
    return value?.version === 1 ? { ...value.documents } : {};
  }

  /** Sets (an entry) or removes (`undefined`) documents, leaving the others as they are. */
  async update(changes: Readonly<Record<string, RegisteredDocument | undefined>>): Promise<void> {
    const documents = await this.all();
    for (const [id, entry] of Object.entries(changes)) {
      if (entry === undefined) delete documents[id];
      else documents[id] = entry;
    }
    const value: RegistryValue = { version: 1, documents };
    await this.storage.kvSet(this.namespace, key, value);
  }
}
