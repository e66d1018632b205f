import type { VectorFilterV1, VectorMetadataV1 } from '../spec/v1/vector-store.js';

/**
 * A document given to `rag.add()`: a stable id (re-adding the id replaces the document), its
 * text and metadata copied onto every chunk (filterable at query time).
 *
 * @example
 * const doc: KnowledgeDocument = { id: 'refunds', text: '# Refunds\n\nWithin 30 days.', metadata: { lang: 'en' } };
 */
export interface KnowledgeDocument {
  readonly id: string;
  readonly text: string;
  readonly metadata?: VectorMetadataV1;
}

/**
 * One search result of `rag.query()`: the chunk text, its similarity (higher is closer), its
 * metadata (the document's, plus `documentId`, `chunkIndex`, `section` for markdown) and ids.
 *
 * @example
 * const [best] = await rag.query('how long do refunds take?');
 * best?.documentId; // 'help-center/refunds.md'
 */
export interface KnowledgeHit {
  readonly text: string;
  readonly score: number;
  readonly metadata: VectorMetadataV1;
  readonly documentId: string;
  /** `<documentId>#<chunk index>`. */
  readonly chunkId: string;
}

/**
 * Options of `rag.query()`.
 *
 * @example
 * await rag.query('refunds', { topK: 3, filter: { lang: 'en' }, minScore: 0.2 });
 */
export interface KnowledgeQueryOptions {
  /** How many hits at most (default 5, at most 100). */
  readonly topK?: number;
  /** A metadata filter (the vector store filter language: `{ lang: 'en' }`, `$and`, `$in`...). */
  readonly filter?: VectorFilterV1;
  /** Hits scoring below this are dropped. */
  readonly minScore?: number;
  readonly signal?: AbortSignal;
}

/**
 * What `rag.add()` wrote: one entry per document, in the order given.
 *
 * @example
 * const [added] = await rag.add([{ id: 'refunds', text: '...' }]); // { id: 'refunds', chunks: 2, unchanged: false }
 */
export interface AddedDocument {
  readonly id: string;
  /** How many chunks the document now has. */
  readonly chunks: number;
  /** True when the document was already stored with the same text and metadata (nothing written). */
  readonly unchanged: boolean;
}

/**
 * What `rag.delete()` takes: document ids, or a metadata filter (every document with a chunk
 * that matches is deleted whole).
 *
 * @example
 * await rag.delete(['refunds']);
 * await rag.delete({ filter: { source: 'old-site' } });
 */
export type KnowledgeDeleteRequest = readonly string[] | { readonly filter: VectorFilterV1 };

/**
 * What the document registry keeps about one document (`knowledge:<name>` in the project storage).
 *
 * @example
 * const entry: RegisteredDocument = { hash: 'ab12...', chunks: 3, origin: 'source' };
 */
export interface RegisteredDocument {
  /** sha256 of the text, metadata and chunking settings: an unchanged document is skipped. */
  readonly hash: string;
  readonly chunks: number;
  /** `source`: loaded by `ingest()` from the manifest's sources (deleted when they no longer list it); `api`: added with `add()`. */
  readonly origin: 'source' | 'api';
}

/**
 * One step of `rag.ingest()`, for a progress display.
 *
 * @example
 * // { document: 'help-center/refunds.md', action: 'added', done: 2, total: 3 }
 */
export interface IngestProgress {
  /** The document the step is about. */
  readonly document: string;
  readonly action: 'added' | 'skipped' | 'deleted';
  /** Documents handled so far (added, skipped or deleted), and how many there are. */
  readonly done: number;
  readonly total: number;
}

/**
 * The summary of `rag.ingest()`: documents (re)indexed, chunks written, unchanged documents
 * skipped, documents deleted because no source lists them any more.
 *
 * @example
 * // { knowledge: 'help-center', documents: 3, chunks: 8, skipped: 0, deleted: 0 }
 */
export interface IngestSummary {
  readonly knowledge: string;
  readonly documents: number;
  readonly chunks: number;
  readonly skipped: number;
  readonly deleted: number;
}
