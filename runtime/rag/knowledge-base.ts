import { weftError } from '../errors/create-weft-error.js';
import { WeftError } from '../errors/weft-error.js';
import type { EmbedderV1 } from '../spec/v1/embedder.js';
import type { KnowledgeGraphV1 } from '../spec/v1/graph.js';
import type { VectorFilterV1, VectorMetadataV1, VectorStoreV1 } from '../spec/v1/vector-store.js';
import { validateVectorFilter } from '../vector/validate-vector-filter.js';
import { chunkDocument } from './chunk-document.js';
import { documentHash } from './document-hash.js';
import { DocumentRegistry, type RegistryStorage } from './document-registry.js';
import { embedInBatches } from './embed-in-batches.js';
import { ingestDocuments } from './ingest-documents.js';
import type {
  AddedDocument,
  IngestProgress,
  IngestSummary,
  KnowledgeDeleteRequest,
  KnowledgeDocument,
  KnowledgeHit,
  KnowledgeQueryOptions,
  RegisteredDocument,
} from './knowledge-types.js';
import { loadSources } from './load-sources.js';
import { validateDocuments } from './validate-documents.js';
import { chunkIds, writeChunks } from './write-chunks.js';

/**
 * A value, or a function that gives it on first use (the project's vector store, embedder...).
 *
 * @example
 * const vector: Lazy<VectorStoreV1> = () => weft.getVector();
 */
export type Lazy<T> = T | (() => Promise<T>);

/**
 * Options of `new KnowledgeBase(...)`.
 *
 * @example
 * new KnowledgeBase({ definition: graph.knowledge['help-center'], vector: store, embedder, storage, projectDir: 'definitions' });
 */
export interface KnowledgeBaseOptions {
  /** The compiled Knowledge manifest (`graph.knowledge[name]`). */
  readonly definition: KnowledgeGraphV1;
  readonly vector: Lazy<VectorStoreV1>;
  readonly embedder: Lazy<EmbedderV1>;
  /** Where the document registry lives (the project storage). */
  readonly storage: RegistryStorage;
  /** The project folder that file sources are relative to (default the working directory). */
  readonly projectDir?: string;
}

/**
 * Options of `add()`.
 *
 * @example
 * await rag.add(documents, { force: true });
 */
export interface AddOptions {
  /** Re-embed documents even when their content hash is unchanged. */
  readonly force?: boolean;
  readonly signal?: AbortSignal;
}

/**
 * Options of `ingest()`.
 *
 * @example
 * await rag.ingest({ onProgress: (step) => console.error(step.action, step.document) });
 */
export interface IngestOptions extends AddOptions {
  /** Called after each document is added, skipped or deleted. */
  readonly onProgress?: (progress: IngestProgress) => void;
}

/**
 * The default and largest `topK` of `query()`.
 *
 * @example
 * queryTopK.default; // 5
 */
export const queryTopK = { default: 5, max: 100 } as const;

/**
 * One knowledge base (a Knowledge manifest), with the Mastra-style `rag` API: `add` chunks,
 * embeds and stores documents, `query` searches them, `delete` removes them, `ingest` loads the
 * manifest's sources. Chunks are stored in the vector index of the manifest (created on first use,
 * dimension of the embedder, cosine) with ids `<documentId>#<n>`; a registry in the project storage
 * (kv namespace `knowledge:<name>`) keeps each document's chunk count and content hash.
 *
 * Guarantees of `add` (and `ingest`, which adds in batches): every chunk is embedded before
 * anything is written, so a failing embedder leaves the index and the registry untouched; a
 * failing vector store is rolled back to the previous versions (see `writeChunks`), else the
 * documents are marked dirty so that the next `add`/`ingest` rewrites them. Writes (`add`,
 * `delete`, `ingest`) on one instance run one at a time; queries do not wait for them.
 *
 * @example
 * const rag = weft.getKnowledge('help-center');
 * await rag.add([{ id: 'refunds', text: '# Refunds\n\nWithin 30 days.' }]);
 * const [best] = await rag.query('how long do refunds take?', { topK: 3 });
 * await rag.delete(['refunds']);
 */
export class KnowledgeBase {
  readonly name: string;
  readonly definition: KnowledgeGraphV1;
  readonly registry: DocumentRegistry;
  readonly #options: KnowledgeBaseOptions;
  #queue: Promise<unknown> = Promise.resolve();
  #ready: Promise<{ store: VectorStoreV1; embedder: EmbedderV1 }> | undefined;

  constructor(options: KnowledgeBaseOptions) {
    this.#options = options;
    this.definition = options.definition;
    this.name = options.definition.name;
    this.registry = new DocumentRegistry(options.storage, this.name);
  }

  /** The vector index name. */
  get index(): string {
    return this.definition.index;
  }

  /**
   * Adds or replaces documents: each is chunked, every chunk embedded (in batches of the
   * embedder's `maxBatchSize`), then stored. A document already stored with the same content is
   * left alone (`unchanged: true`) unless `force`. Bad documents are `DOCUMENT_INVALID` (nothing
   * written).
   */
  async add(
    documents: readonly KnowledgeDocument[] | KnowledgeDocument,
    options: AddOptions = {},
  ): Promise<AddedDocument[]> {
    const list = validateDocuments(Array.isArray(documents) ? documents : [documents]);
    return this.#exclusive(() => this.#write(list, 'api', options));
  }

  /**
   * The chunks closest to `text`, best first: `topK` (default 5, at most 100), an optional
   * metadata `filter` (`VECTOR_FILTER_INVALID` with `details.path` when malformed) and `minScore`.
   */
  async query(text: string, options: KnowledgeQueryOptions = {}): Promise<KnowledgeHit[]> {
    if (typeof text !== 'string' || text.trim() === '')
      throw weftError('VALIDATION_FAILED', {
        message: 'The query text must be a non-empty string.',
        details: { pointer: '/text' },
      });
    const topK = options.topK ?? queryTopK.default;
    if (!Number.isInteger(topK) || topK < 1 || topK > queryTopK.max)
      throw weftError('VALIDATION_FAILED', {
        message: `topK must be a whole number from 1 to ${queryTopK.max} (got ${String(topK)}).`,
        details: { pointer: '/topK' },
      });
    const filter = options.filter === undefined ? undefined : validateVectorFilter(options.filter);
    const { store, embedder } = await this.#open();
    const [vector] = await embedder.embed(
      [text],
      options.signal === undefined ? {} : { signal: options.signal },
    );
    if (vector === undefined) throw weftError('EMBEDDER_FAILED', { details: { embedder: embedder.name } });
    const results = await store.query({
      index: this.index,
      vector,
      topK,
      ...(filter === undefined ? {} : { filter }),
    });
    const hits = results.map((result) => toHit(result.id, result.score, result.metadata));
    return options.minScore === undefined ? hits : hits.filter((hit) => hit.score >= (options.minScore ?? 0));
  }

  /**
   * Deletes documents: by id (every chunk of each; returns the ids deleted and the ids it does not
   * know), or by metadata filter (every document with a chunk that matches is deleted whole).
   */
  async delete(request: KnowledgeDeleteRequest): Promise<{ deleted: string[]; missing: string[] }> {
    if (Array.isArray(request)) {
      const ids: readonly string[] = request;
      return this.#exclusive(() => this.#deleteIds(ids));
    }
    const filter = validateVectorFilter((request as { filter?: unknown }).filter);
    return this.#exclusive(() => this.#deleteFilter(filter));
  }

  /**
   * Loads the manifest's sources (files and inline texts), adds the documents that are new or
   * changed (in batches), skips the unchanged ones (same content hash) and deletes the documents a
   * previous ingest loaded that no source lists any more. Documents added with `add()` are kept.
   */
  async ingest(options: IngestOptions = {}): Promise<IngestSummary> {
    return this.#exclusive(async () => {
      const loaded = await loadSources(this.definition, this.#options.projectDir ?? process.cwd());
      const documents = validateDocuments(loaded.filter((document) => document.text.trim() !== ''));
      const { embedder } = await this.#open();
      return ingestDocuments({
        knowledge: this.name,
        documents,
        registered: await this.registry.all(),
        hash: (document) => this.#hash(document, embedder.name),
        write: (batch) => this.#write(batch, 'source', options),
        adopt: (changes) => this.registry.update(changes),
        remove: async (ids) => (await this.#deleteIds(ids)).deleted,
        ...(options.force === undefined ? {} : { force: options.force }),
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      });
    });
  }

  /** The registered documents, sorted by id: their chunk counts and whether `ingest` or `add` wrote them. */
  async documents(): Promise<({ id: string } & RegisteredDocument)[]> {
    const registered = await this.registry.all();
    return Object.keys(registered)
      .sort()
      .flatMap((id) => {
        const entry = registered[id];
        return entry === undefined ? [] : [{ id, ...entry }];
      });
  }

  async #write(
    documents: readonly KnowledgeDocument[],
    origin: RegisteredDocument['origin'],
    options: AddOptions,
  ): Promise<AddedDocument[]> {
    const registered = await this.registry.all();
    const { store, embedder } = await this.#open();
    const changed: { document: KnowledgeDocument; hash: string }[] = [];
    const results = new Map<string, AddedDocument>();
    for (const document of documents) {
      const hash = this.#hash(document, embedder.name);
      const previous = registered[document.id];
      if (options.force !== true && previous?.hash === hash)
        results.set(document.id, { id: document.id, chunks: previous.chunks, unchanged: true });
      else changed.push({ document, hash });
    }
    if (changed.length > 0) {
      const chunked = await Promise.all(
        changed.map(({ document }) => chunkDocument(document, this.definition.chunking)),
      );
      const vectors = await embedInBatches(
        embedder,
        chunked.flat().map((chunk) => chunk.embedText),
        options.signal === undefined ? {} : { signal: options.signal },
      );
      let next = 0;
      const writes = chunked.map((chunks, position) => ({
        id: changed[position]?.document.id ?? '',
        previousChunks: registered[changed[position]?.document.id ?? '']?.chunks ?? 0,
        records: chunks.map((chunk) => ({
          id: chunk.id,
          vector: vectors[next++] ?? [],
          metadata: chunk.metadata,
        })),
      }));
      try {
        await writeChunks(store, this.index, writes);
      } catch (error) {
        if (WeftError.isInstance(error) && error.details?.restored === false) {
          // The store is in an unknown state: an empty hash never matches, so the next add rewrites them.
          const dirty = Object.fromEntries(
            writes.map((write) => [
              write.id,
              { hash: '', chunks: Math.max(write.previousChunks, write.records.length), origin },
            ]),
          );
          await this.registry.update(dirty).catch(() => undefined);
        }
        throw error;
      }
      await this.registry.update(
        Object.fromEntries(
          writes.map((write, position) => [
            write.id,
            { hash: changed[position]?.hash ?? '', chunks: write.records.length, origin },
          ]),
        ),
      );
      for (const write of writes)
        results.set(write.id, { id: write.id, chunks: write.records.length, unchanged: false });
    }
    return documents.flatMap((document) => {
      const result = results.get(document.id);
      return result === undefined ? [] : [result];
    });
  }

  async #deleteIds(ids: readonly string[]): Promise<{ deleted: string[]; missing: string[] }> {
    const registered = await this.registry.all();
    const deleted = [...new Set(ids)].filter((id) => registered[id] !== undefined);
    const missing = [...new Set(ids)].filter((id) => registered[id] === undefined);
    if (deleted.length === 0) return { deleted, missing };
    const { store } = await this.#open();
    const chunkIdList = deleted.flatMap((id) => chunkIds(id, 0, registered[id]?.chunks ?? 0));
    if (chunkIdList.length > 0) await store.delete({ index: this.index, ids: chunkIdList });
    await this.registry.update(Object.fromEntries(deleted.map((id) => [id, undefined])));
    return { deleted, missing };
  }

  async #deleteFilter(filter: VectorFilterV1): Promise<{ deleted: string[]; missing: string[] }> {
    const registered = await this.registry.all();
    const total = Object.values(registered).reduce((sum, entry) => sum + entry.chunks, 0);
    const { store, embedder } = await this.#open();
    const ids = new Set<string>();
    if (total > 0) {
      // Any vector will do: the filter selects, and topK covers every chunk of the knowledge base.
      const probe = new Array<number>(embedder.dimension).fill(0);
      probe[0] = 1;
      const hits = await store.query({ index: this.index, vector: probe, topK: total, filter });
      for (const hit of hits) {
        const documentId = hit.metadata?.documentId;
        if (typeof documentId === 'string') ids.add(documentId);
      }
    }
    const result = await this.#deleteIds([...ids]);
    // Chunks the registry does not know about (written by a process that crashed) go too.
    await store.delete({ index: this.index, filter });
    return { deleted: result.deleted, missing: [] };
  }

  #hash(document: KnowledgeDocument, embedder: string): string {
    return documentHash(document, this.definition.chunking, embedder);
  }

  /** The vector store and embedder, resolved once; the index is created on first use. */
  #open(): Promise<{ store: VectorStoreV1; embedder: EmbedderV1 }> {
    this.#ready ??= (async () => {
      const [store, embedder] = await Promise.all([
        resolveLazy(this.#options.vector),
        resolveLazy(this.#options.embedder),
      ]);
      await store.createIndex({ name: this.index, dimension: embedder.dimension, metric: 'cosine' });
      return { store, embedder };
    })();
    const ready = this.#ready;
    ready.catch(() => {
      if (this.#ready === ready) this.#ready = undefined;
    });
    return ready;
  }

  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

function resolveLazy<T>(value: Lazy<T>): Promise<T> {
  return typeof value === 'function' ? (value as () => Promise<T>)() : Promise.resolve(value);
}

function toHit(chunkId: string, score: number, metadata: VectorMetadataV1 | undefined): KnowledgeHit {
  const { text, ...rest } = metadata ?? {};
  const documentId = typeof rest.documentId === 'string' ? rest.documentId : chunkId.replace(/#\d+$/, '');
  return { text: typeof text === 'string' ? text : '', score, metadata: rest, documentId, chunkId };
}
