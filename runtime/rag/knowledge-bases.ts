import { weftError } from '../errors/create-weft-error.js';
import type { EmbedderV1 } from '../spec/v1/embedder.js';
import type { CompiledGraphV1 } from '../spec/v1/graph.js';
import type { VectorStoreV1 } from '../spec/v1/vector-store.js';
import { closestName } from '../text/closest-name.js';
import type { RegistryStorage } from './document-registry.js';
import { KnowledgeBase } from './knowledge-base.js';

/**
 * Options of `new KnowledgeBases(...)` (the `Weft` class passes its own services).
 *
 * @example
 * new KnowledgeBases({ graph, storage, projectDir, vector: () => weft.getVector(), embedder: (spec) => weft.resolveEmbedder(spec) });
 */
export interface KnowledgeBasesOptions {
  readonly graph: Pick<CompiledGraphV1, 'knowledge'>;
  readonly storage: RegistryStorage;
  /** The folder file sources are relative to (the project folder). */
  readonly projectDir: string;
  /** The project's vector store. */
  readonly vector: () => Promise<VectorStoreV1>;
  /** A vector store by adapter name, for knowledge bases with their own `store`. */
  readonly openStore?: (adapter: string) => Promise<VectorStoreV1>;
  /** An embedder by `provider:model` (the knowledge base's `embedder`). */
  readonly embedder: (spec: string) => Promise<EmbedderV1>;
}

/**
 * The knowledge bases of a project, one `KnowledgeBase` per Knowledge manifest, created on first
 * use and shared (so calls on one knowledge base are serialised within the process).
 *
 * @example
 * const knowledge = new KnowledgeBases({ graph, storage, projectDir, vector: () => weft.getVector(), embedder: (spec) => weft.resolveEmbedder(spec) });
 * await knowledge.get('help-center').query('refund timelines');
 */
export class KnowledgeBases {
  readonly #options: KnowledgeBasesOptions;
  readonly #bases = new Map<string, KnowledgeBase>();
  readonly #stores = new Map<string, Promise<VectorStoreV1>>();

  constructor(options: KnowledgeBasesOptions) {
    this.#options = options;
  }

  /** The names of the project's knowledge bases, sorted. */
  names(): string[] {
    return Object.keys(this.#options.graph.knowledge).sort();
  }

  /** A knowledge base by name; `KNOWLEDGE_NOT_FOUND` (with a did-you-mean) for an unknown one. */
  get(name: string): KnowledgeBase {
    const existing = this.#bases.get(name);
    if (existing !== undefined) return existing;
    const { graph } = this.#options;
    const definition = Object.hasOwn(graph.knowledge, name) ? graph.knowledge[name] : undefined;
    if (definition === undefined) {
      const suggestion = closestName(name, this.names());
      throw weftError('KNOWLEDGE_NOT_FOUND', {
        message: `No knowledge base is named "${name}".${suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`}`,
        details: {
          knowledge: name,
          ...(suggestion === undefined ? {} : { suggestion }),
          known: this.names(),
        },
      });
    }
    const store = definition.store;
    const base = new KnowledgeBase({
      definition,
      storage: this.#options.storage,
      projectDir: this.#options.projectDir,
      vector: store === undefined ? this.#options.vector : () => this.#store(store),
      embedder: () => this.#options.embedder(definition.embedder),
    });
    this.#bases.set(name, base);
    return base;
  }

  #store(adapter: string): Promise<VectorStoreV1> {
    const open = this.#options.openStore;
    if (open === undefined) return this.#options.vector();
    let store = this.#stores.get(adapter);
    if (store === undefined) {
      store = open(adapter);
      this.#stores.set(adapter, store);
      store.catch(() => this.#stores.delete(adapter));
    }
    return store;
  }
}
