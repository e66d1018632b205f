import type {
  AddedDocument,
  IngestProgress,
  IngestSummary,
  KnowledgeDocument,
  RegisteredDocument,
} from './knowledge-types.js';

/**
 * A batch of an ingest holds at most this many documents...
 *
 * @example
 * ingestBatchDocuments; // 32
 */
export const ingestBatchDocuments = 32;
/**
 * ...and at most about this many characters of text.
 *
 * @example
 * ingestBatchCharacters; // 256000
 */
export const ingestBatchCharacters = 256_000;

/**
 * What `ingestDocuments` works with (the knowledge base passes its own operations).
 *
 * @example
 * const plan: IngestPlan = { knowledge: 'docs', documents, registered: {}, hash, write, adopt, remove };
 */
export interface IngestPlan {
  readonly knowledge: string;
  /** Every document the sources list now. */
  readonly documents: readonly KnowledgeDocument[];
  /** The registry before the ingest. */
  readonly registered: Readonly<Record<string, RegisteredDocument>>;
  readonly hash: (document: KnowledgeDocument) => string;
  /** Adds a batch of documents as `source` documents. */
  readonly write: (batch: readonly KnowledgeDocument[]) => Promise<AddedDocument[]>;
  /** Records registry changes that need no write (an unchanged `api` document now listed by a source). */
  readonly adopt: (changes: Record<string, RegisteredDocument>) => Promise<void>;
  /** Deletes documents; resolves with the ids deleted. */
  readonly remove: (ids: readonly string[]) => Promise<string[]>;
  readonly force?: boolean;
  readonly onProgress?: (progress: IngestProgress) => void;
}

/**
 * The ingest driver: skips documents whose content hash is unchanged, writes the others in
 * batches (each batch is all-or-nothing, see `KnowledgeBase.add`; batches written before a failure
 * stay, and a re-run skips them), then deletes the `source` documents no source lists any more.
 * Reports progress after every document.
 *
 * @example
 * const summary = await ingestDocuments({ knowledge: 'help-center', documents, registered, hash, write, adopt, remove });
 */
export async function ingestDocuments(plan: IngestPlan): Promise<IngestSummary> {
  const listed = new Set(plan.documents.map((document) => document.id));
  const removed = Object.entries(plan.registered)
    .filter(([id, entry]) => entry.origin === 'source' && !listed.has(id))
    .map(([id]) => id);
  const total = plan.documents.length + removed.length;
  let done = 0;
  const report = (document: string, action: IngestProgress['action']) => {
    done += 1;
    plan.onProgress?.({ document, action, done, total });
  };
  const changed: KnowledgeDocument[] = [];
  const adopted: Record<string, RegisteredDocument> = {};
  for (const document of plan.documents) {
    const previous = plan.registered[document.id];
    if (plan.force !== true && previous !== undefined && previous.hash === plan.hash(document)) {
      if (previous.origin !== 'source') adopted[document.id] = { ...previous, origin: 'source' };
      report(document.id, 'skipped');
    } else changed.push(document);
  }
  if (Object.keys(adopted).length > 0) await plan.adopt(adopted);
  let documents = 0;
  let chunks = 0;
  for (const batch of batches(changed)) {
    for (const added of await plan.write(batch)) {
      documents += 1;
      chunks += added.chunks;
      report(added.id, 'added');
    }
  }
  const deleted = removed.length === 0 ? [] : await plan.remove(removed);
  for (const id of deleted) report(id, 'deleted');
  return {
    knowledge: plan.knowledge,
    documents,
    chunks,
    skipped: plan.documents.length - changed.length,
    deleted: deleted.length,
  };
}

function* batches(documents: readonly KnowledgeDocument[]): Generator<KnowledgeDocument[]> {
  let batch: KnowledgeDocument[] = [];
  let characters = 0;
  for (const document of documents) {
    if (
      batch.length > 0 &&
      (batch.length >= ingestBatchDocuments || characters + document.text.length > ingestBatchCharacters)
    ) {
      yield batch;
      batch = [];
      characters = 0;
    }
    batch.push(document);
    characters += document.text.length;
  }
  if (batch.length > 0) yield batch;
}
