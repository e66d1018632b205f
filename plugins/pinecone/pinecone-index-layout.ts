import type { Pinecone } from '@pinecone-database/pinecone';
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
 * Where `PineconeIndexLayout` creates indexes and how long it waits for them.
 *
 * @example
 * const options: PineconeIndexLayoutOptions = { namespace: 'prod', cloud: 'aws', region: 'us-east-1' };
 */
export interface PineconeIndexLayoutOptions {
  /** The namespace of every data operation (default: the default namespace). */
  readonly namespace?: string;
  readonly cloud?: 'aws' | 'gcp' | 'azure';
  readonly region?: string;
  /** How long `create` waits for a new index to be ready (default 300000 ms). */
  readonly readyTimeoutMs?: number;
  readonly readyPollMs?: number;
}

interface DescribedIndex extends PineconeTarget {
  readonly ready: boolean;
}

const pineconeIndexName = /^[a-z0-9]([a-z0-9-]{0,43}[a-z0-9])?$/;

/**
 * One weft index = one Pinecone serverless index of the same name (created in the configured
 * cloud and region, data in the configured namespace). `create` waits until the new index is
 * ready; `remove` deletes the whole Pinecone index, every namespace included.
 *
 * @example
 * const layout = new PineconeIndexLayout(client, call, { region: 'us-east-1' });
 * await layout.create({ name: 'help-center', dimension: 384, metric: 'cosine' });
 */
export class PineconeIndexLayout implements PineconeLayout {
  readonly #client: Pinecone;
  readonly #call: PineconeCall;
  readonly #options: PineconeIndexLayoutOptions;
  readonly #cache = new Map<string, PineconeTarget>();

  constructor(client: Pinecone, call: PineconeCall, options: PineconeIndexLayoutOptions = {}) {
    this.#client = client;
    this.#call = call;
    this.#options = options;
  }

  async create({ name, dimension, metric }: CreateVectorIndexV1): Promise<void> {
    checkName(name);
    let existing = await this.#describe(name);
    if (existing === undefined) {
      try {
        await this.#call(`create index "${name}"`, name, () =>
          this.#client.createIndex({
            name,
            dimension,
            metric,
            spec: {
              serverless: {
                cloud: this.#options.cloud ?? 'aws',
                region: this.#options.region ?? 'us-east-1',
              },
            },
            waitUntilReady: false,
          }),
        );
        existing = await this.#waitUntilReady(name);
      } catch (error) {
        // Created meanwhile by someone else: compare below.
        if (!(WeftError.isInstance(error) && error.code === 'VECTOR_INDEX_CONFLICT')) throw error;
        existing = await this.#describe(name);
        if (existing === undefined) throw error;
      }
    }
    if (existing.dimension !== dimension || existing.metric !== metric) {
      throw weftError('VECTOR_INDEX_CONFLICT', {
        message: `Pinecone index "${name}" exists with dimension ${existing.dimension} and metric ${existing.metric}, not ${dimension} and ${metric}.`,
        details: {
          store: 'pinecone',
          index: name,
          existing: { dimension: existing.dimension, metric: existing.metric },
          requested: { dimension, metric },
        },
      });
    }
  }

  async target(name: string): Promise<PineconeTarget> {
    checkName(validateIndexName(name));
    const cached = this.#cache.get(name);
    if (cached !== undefined) return cached;
    const described = await this.#describe(name);
    if (described === undefined) {
      throw weftError('VECTOR_INDEX_NOT_FOUND', {
        message: `Vector index "${name}" does not exist in Pinecone.`,
        details: { store: 'pinecone', index: name },
      });
    }
    return described;
  }

  async count(name: string): Promise<{ target: PineconeTarget; count: number }> {
    checkName(validateIndexName(name));
    this.#cache.delete(name);
    const target = await this.target(name);
    const stats = await this.#call(`describe "${name}"`, name, () =>
      pineconeIndex(this.#client, target).describeIndexStats(),
    );
    const counts = stats.namespaces ?? {};
    const summary = counts[target.namespace] ?? (target.namespace === '' ? counts.__default__ : undefined);
    return { target, count: summary?.recordCount ?? 0 };
  }

  async list(): Promise<string[]> {
    const list = await this.#call('list indexes', undefined, () => this.#client.listIndexes());
    return (list.indexes ?? []).map((index) => index.name).sort();
  }

  async remove(name: string): Promise<void> {
    await this.target(name);
    this.#cache.delete(name);
    await this.#call(`delete index "${name}"`, name, () => this.#client.deleteIndex(name));
  }

  forget(name: string): void {
    this.#cache.delete(name);
  }

  /** Describes an index through the control plane (undefined when Pinecone says 404). */
  async #describe(name: string): Promise<DescribedIndex | undefined> {
    try {
      const model = await this.#call(`describe index "${name}"`, name, () =>
        this.#client.describeIndex(name),
      );
      const described: DescribedIndex = {
        indexName: name,
        host: model.privateHost ?? model.host,
        namespace: this.#options.namespace ?? '',
        dimension: model.dimension ?? 0,
        metric: model.metric as VectorMetricV1,
        ready: model.status?.ready === true,
      };
      if (described.ready) this.#cache.set(name, described);
      return described;
    } catch (error) {
      if (WeftError.isInstance(error) && error.code === 'VECTOR_INDEX_NOT_FOUND') return undefined;
      throw error;
    }
  }

  async #waitUntilReady(name: string): Promise<DescribedIndex> {
    const timeoutMs = this.#options.readyTimeoutMs ?? 300_000;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const described = await this.#describe(name);
      if (described?.ready === true) return described;
      if (Date.now() >= deadline) {
        throw weftError('VECTOR_STORE_TIMEOUT', {
          message: `Pinecone index "${name}" was not ready within ${timeoutMs} ms.`,
          details: { store: 'pinecone', index: name },
        });
      }
      await new Promise((resolve) => setTimeout(resolve, this.#options.readyPollMs ?? 1000));
    }
  }
}

function checkName(name: string): void {
  if (pineconeIndexName.test(name)) return;
  throw weftError('VALIDATION_FAILED', {
    message: `Invalid Pinecone index name "${name}": use at most 45 lower-case letters, digits or "-", starting and ending with a letter or digit (or set vector.config.index to keep weft indexes as namespaces of one Pinecone index, where "_" and capitals are allowed).`,
    details: { store: 'pinecone', index: name },
  });
}
