import type { NamespaceDescription, Pinecone } from '@pinecone-database/pinecone';
import { weftError } from '../../runtime/errors/create-weft-error.js';
import { WeftError } from '../../runtime/errors/weft-error.js';
import type { CreateVectorIndexV1, VectorMetricV1 } from '../../runtime/spec/v1/vector-store.js';
import { validateIndexName } from '../../runtime/vector/validate-vector-input.js';
import {
  type PineconeCall,
  type PineconeLayout,
  type PineconeTarget,
  pineconeIndex,
} from './pinecone-layout.js';

/**
 * Which existing Pinecone index holds the weft indexes, and the prefix of their namespaces.
 *
 * @example
 * const options: PineconeNamespaceLayoutOptions = { index: 'weft-shared', prefix: 'prod' };
 */
export interface PineconeNamespaceLayoutOptions {
  /** The existing Pinecone index (it is never created nor deleted). */
  readonly index: string;
  /** Namespaces are `<prefix>.<weft index>` (default: the weft index name alone). */
  readonly prefix?: string;
}

type SharedIndex = Omit<PineconeTarget, 'namespace'>;

/** Pinecone's name for the namespace of records written without one. */
const defaultNamespace = '__default__';
const listPageSize = 100;

/**
 * Shared-index mode: every weft index is a namespace of one existing Pinecone serverless index
 * (`vector.config.index` or `PINECONE_INDEX`), so creating a weft index costs no new Pinecone
 * index. A weft index has the Pinecone index's dimension and metric (`create` with others is
 * `VECTOR_INDEX_CONFLICT` naming both). `create` creates the namespace (Pinecone's namespace API,
 * so an empty weft index exists too), `list` lists the namespaces, `count` describes one and
 * `remove` deletes the namespace only. With a prefix (`vector.config.namespace`) the namespaces
 * are `<prefix>.<weft index>` and only those are listed; without one every namespace with a valid
 * weft index name is (Pinecone's default namespace is never).
 *
 * @example
 * const layout = new PineconeNamespaceLayout(client, call, { index: 'weft-shared', prefix: 'prod' });
 * await layout.create({ name: 'help_center', dimension: 384, metric: 'cosine' }); // namespace "prod.help_center"
 */
export class PineconeNamespaceLayout implements PineconeLayout {
  readonly #client: Pinecone;
  readonly #call: PineconeCall;
  readonly #options: PineconeNamespaceLayoutOptions;
  /** Weft indexes whose namespace was seen to exist. */
  readonly #known = new Set<string>();
  #shared: SharedIndex | undefined;

  constructor(client: Pinecone, call: PineconeCall, options: PineconeNamespaceLayoutOptions) {
    this.#client = client;
    this.#call = call;
    this.#options = options;
  }

  async create({ name, dimension, metric }: CreateVectorIndexV1): Promise<void> {
    const shared = await this.#sharedIndex();
    if (shared.dimension !== dimension || shared.metric !== metric) {
      throw weftError('VECTOR_INDEX_CONFLICT', {
        message: `Vector index "${name}" (dimension ${dimension}, metric ${metric}) cannot be a namespace of Pinecone index "${shared.indexName}" (dimension ${shared.dimension}, metric ${shared.metric}): in shared-index mode every weft index has the Pinecone index's dimension and metric.`,
        details: {
          store: 'pinecone',
          index: name,
          pineconeIndex: shared.indexName,
          existing: { dimension: shared.dimension, metric: shared.metric },
          requested: { dimension, metric },
        },
      });
    }
    const namespace = this.#namespaceOf(name);
    try {
      await this.#call(`create namespace "${namespace}"`, name, () =>
        pineconeIndex(this.#client, { ...shared, namespace }).createNamespace({ name: namespace }),
      );
    } catch (error) {
      // It exists already: with the shared index's dimension and metric, as requested.
      if (!(WeftError.isInstance(error) && error.code === 'VECTOR_INDEX_CONFLICT')) throw error;
    }
    this.#known.add(name);
  }

  async target(name: string): Promise<PineconeTarget> {
    validateIndexName(name);
    const shared = await this.#sharedIndex();
    const target = { ...shared, namespace: this.#namespaceOf(name) };
    if (!this.#known.has(name)) {
      await this.#describeNamespace(name, target);
      this.#known.add(name);
    }
    return target;
  }

  async count(name: string): Promise<{ target: PineconeTarget; count: number }> {
    validateIndexName(name);
    const target = { ...(await this.#sharedIndex()), namespace: this.#namespaceOf(name) };
    const description = await this.#describeNamespace(name, target);
    this.#known.add(name);
    return { target, count: Number(description.recordCount ?? 0) };
  }

  async list(): Promise<string[]> {
    const shared = await this.#sharedIndex();
    const index = pineconeIndex(this.#client, { ...shared, namespace: '' });
    const prefix = this.#options.prefix === undefined ? '' : `${this.#options.prefix}.`;
    const names = new Set<string>();
    let token: string | undefined;
    const seenTokens = new Set<string>();
    do {
      const page = await this.#call('list namespaces', undefined, () =>
        index.listNamespaces({
          limit: listPageSize,
          ...(prefix === '' ? {} : { prefix }),
          ...(token === undefined ? {} : { paginationToken: token }),
        }),
      );
      for (const namespace of page.namespaces ?? []) {
        const name = namespace.name ?? '';
        if (!name.startsWith(prefix) || name === defaultNamespace) continue;
        const weftName = name.slice(prefix.length);
        if (isWeftIndexName(weftName)) names.add(weftName);
      }
      token = page.pagination?.next;
      // A token seen before would loop forever: stop instead.
      if (token !== undefined && seenTokens.has(token)) token = undefined;
      if (token !== undefined) seenTokens.add(token);
    } while (token !== undefined);
    return [...names].sort();
  }

  async remove(name: string): Promise<void> {
    const target = await this.count(name).then(({ target }) => target);
    this.#known.delete(name);
    await this.#call(`delete namespace "${target.namespace}"`, name, () =>
      pineconeIndex(this.#client, target).deleteNamespace(target.namespace),
    );
  }

  forget(name: string): void {
    this.#known.delete(name);
  }

  #namespaceOf(name: string): string {
    return this.#options.prefix === undefined ? name : `${this.#options.prefix}.${name}`;
  }

  /** The namespace's description; `VECTOR_INDEX_NOT_FOUND` naming the weft index when Pinecone says 404. */
  async #describeNamespace(name: string, target: PineconeTarget): Promise<NamespaceDescription> {
    try {
      return await this.#call(`describe namespace "${target.namespace}"`, name, () =>
        pineconeIndex(this.#client, target).describeNamespace(target.namespace),
      );
    } catch (error) {
      if (!(WeftError.isInstance(error) && error.code === 'VECTOR_INDEX_NOT_FOUND')) throw error;
      throw weftError('VECTOR_INDEX_NOT_FOUND', {
        message: `Vector index "${name}" does not exist: Pinecone index "${target.indexName}" has no namespace "${target.namespace}".`,
        details: {
          store: 'pinecone',
          index: name,
          pineconeIndex: target.indexName,
          namespace: target.namespace,
        },
        cause: error,
      });
    }
  }

  /** The shared Pinecone index's host, dimension and metric (described once). */
  async #sharedIndex(): Promise<SharedIndex> {
    if (this.#shared !== undefined) return this.#shared;
    const indexName = this.#options.index;
    try {
      const model = await this.#call(`describe index "${indexName}"`, undefined, () =>
        this.#client.describeIndex(indexName),
      );
      this.#shared = {
        indexName,
        host: model.privateHost ?? model.host,
        dimension: model.dimension ?? 0,
        metric: model.metric as VectorMetricV1,
      };
      return this.#shared;
    } catch (error) {
      if (!(WeftError.isInstance(error) && error.code === 'VECTOR_INDEX_NOT_FOUND')) throw error;
      throw weftError('VECTOR_INDEX_NOT_FOUND', {
        message: `Pinecone index "${indexName}" (vector.config.index or PINECONE_INDEX) does not exist: shared-index mode keeps weft indexes as namespaces of an existing index and never creates it.`,
        details: { store: 'pinecone', pineconeIndex: indexName },
        cause: error,
      });
    }
  }
}

/** Whether a namespace (its prefix removed) is a valid weft index name. */
function isWeftIndexName(name: string): boolean {
  try {
    validateIndexName(name);
    return true;
  } catch {
    return false;
  }
}
