import { Pinecone } from '@pinecone-database/pinecone';
import { describe, expect, it } from 'vitest';
import plugin, {
  PineconeVector,
  type PineconeVectorOptions,
  pineconeVectorOptions,
  toPineconeFilter,
} from '../../plugins/pinecone/index.js';
import { weftError } from '../../runtime/errors/create-weft-error.js';
import { ensureBuiltinVector } from '../../runtime/plugins/load-plugins.js';
import { PluginRegistry } from '../../runtime/plugins/plugin-registry.js';
import type {
  CreateVectorIndexV1,
  DeleteVectorsV1,
  QueryVectorsV1,
  UpsertVectorsV1,
  VectorIndexStatsV1,
  VectorQueryResultV1,
  VectorStoreV1,
} from '../../runtime/spec/v1/vector-store.js';
import { parseVectorFilter } from '../../runtime/vector/parse-vector-filter.js';
import { validateVectorRecords, validateVectorValues } from '../../runtime/vector/validate-vector-input.js';
import { expectWeftError } from '../contracts/vector-store/vector-contract-helpers.js';
import { describeVectorStoreContract } from '../contracts/vector-store/vector-store-contract.js';
import { describeHostedStoreFaults } from './fakes/describe-hosted-store-faults.js';
import { PineconeFake } from './fakes/pinecone-fake.js';

const apiKey = 'test-key';
const fastRetry = { retries: 2, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 5_000 };
const silentLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
const unsupported = ['filter:$not', 'filter:string-range'] as const;

describeVectorStoreContract(
  'pinecone (protocol fake over HTTP)',
  async () => {
    const fake = await PineconeFake.start({ apiKey });
    const store = new PineconeVector({
      apiKey,
      controllerHostUrl: fake.url,
      namespace: 'contract',
      retry: fastRetry,
    });
    return { store, close: () => fake.close() };
  },
  { unsupported },
);

// Shared-index mode: every contract index is a namespace (`contract.<index>`) of one existing
// Pinecone index. The contract's indexes have dimensions 2 to 16 and a shared index has one, so
// the store is wrapped to zero-pad vectors to the shared dimension (`ZeroPaddedVectorStore`);
// every call still goes through PineconeVector's namespace layout.
describeVectorStoreContract(
  'pinecone shared-index mode (protocol fake over HTTP)',
  async () => {
    const fake = await PineconeFake.start({ apiKey });
    fake.seedIndex({ name: 'shared', dimension: 16, metric: 'cosine' });
    const store = new PineconeVector({
      apiKey,
      controllerHostUrl: fake.url,
      index: 'shared',
      namespace: 'contract',
      retry: fastRetry,
    });
    return { store: new ZeroPaddedVectorStore(store, 16), close: () => fake.close() };
  },
  { unsupported: [...unsupported, 'metric:euclidean', 'metric:dotproduct'] },
);

// Real service. With PINECONE_INDEX (an existing cosine index of dimension 16 or more) every case
// is a namespace of that index; without it, each case creates (and deletes) a serverless index.
const realSharedIndex = process.env.PINECONE_INDEX;
describeVectorStoreContract(
  `pinecone (real service, PINECONE_API_KEY${realSharedIndex ? ', PINECONE_INDEX' : ''})`,
  async () => {
    const options: PineconeVectorOptions = {
      ...pineconeVectorOptions({ config: {} }, process.env),
      readyPollMs: 2_000,
    };
    if (options.index === undefined) return { store: new PineconeVector(options) };
    const model = await new Pinecone({ apiKey: options.apiKey }).describeIndex(options.index);
    const dimension = model.dimension ?? 0;
    if (model.metric !== 'cosine' || dimension < 16) {
      throw new Error(
        `PINECONE_INDEX "${options.index}" has metric ${model.metric} and dimension ${dimension}: the contract needs a cosine index of dimension 16 or more.`,
      );
    }
    const store = new PineconeVector({ ...options, namespace: `weft-contract-${process.pid}` });
    return { store: new ZeroPaddedVectorStore(store, dimension) };
  },
  {
    unsupported: realSharedIndex ? [...unsupported, 'metric:euclidean', 'metric:dotproduct'] : unsupported,
    consistencyTimeoutMs: 60_000,
    ...(process.env.PINECONE_API_KEY ? {} : { skip: 'PINECONE_API_KEY is not set' }),
  },
);

describeHostedStoreFaults(
  'pinecone',
  async ({ retries, timeoutMs, batchSize }) => {
    const fake = await PineconeFake.start({ apiKey });
    const retry = { ...fastRetry, retries, timeoutMs };
    const make = (key: string) =>
      new PineconeVector({ apiKey: key, controllerHostUrl: fake.url, batchSize, retry, random: () => 0.5 });
    return {
      store: make(apiKey),
      server: fake.server,
      withApiKey: make,
      isUpsert: (request) => request.path.endsWith('/vectors/upsert'),
      isQuery: (request) => request.path.endsWith('/query'),
      storedIds: (index) => [...(fake.indexes.get(index)?.namespaces.get('__default__')?.keys() ?? [])],
    };
  },
  { unsupportedFilter: { filter: { $not: { genre: 'drama' } }, operator: '$not' } },
);

describe('PineconeVector', () => {
  it('translates $ne and $nin so that records without the field match, as weft filters require', () => {
    expect(toPineconeFilter(parseVectorFilter({ lang: { $ne: 'en' } }))).toEqual({
      $or: [{ lang: { $ne: 'en' } }, { lang: { $exists: false } }],
    });
    expect(toPineconeFilter(parseVectorFilter({ lang: { $nin: ['en', null] } }))).toEqual({
      $and: [{ lang: { $exists: true } }, { lang: { $nin: ['en'] } }],
    });
    expect(toPineconeFilter(parseVectorFilter({ flag: { $in: [true, 1] } }))).toEqual({
      $or: [{ flag: { $eq: true } }, { flag: { $eq: 1 } }],
    });
    expect(toPineconeFilter(parseVectorFilter({ lang: { $in: [] } }))).toBe(false);
    expect(toPineconeFilter(parseVectorFilter({}))).toBe(true);
  });

  it('flattens nested metadata to dotted keys and gives it back nested', async () => {
    const fake = await PineconeFake.start({ apiKey });
    try {
      const store = new PineconeVector({ apiKey, controllerHostUrl: fake.url, retry: fastRetry });
      await store.createIndex({ name: 'nested', dimension: 2, metric: 'dotproduct' });
      const metadata = { author: { name: 'Ada', born: 1815 }, tags: ['a'], gone: null };
      await store.upsert({ index: 'nested', vectors: [{ id: 'x', vector: [1, 0], metadata }] });
      const stored = fake.indexes.get('nested')?.namespaces.get('__default__')?.get('x');
      expect(stored?.metadata).toEqual({ 'author.name': 'Ada', 'author.born': 1815, tags: ['a'] });
      const [hit] = await store.query({
        index: 'nested',
        vector: [1, 0],
        topK: 1,
        filter: { 'author.born': { $lt: 1900 } },
      });
      expect(hit?.metadata).toEqual({ author: { name: 'Ada', born: 1815 }, tags: ['a'] });
      await expectWeftError(
        store.upsert({
          index: 'nested',
          vectors: [{ id: 'y', vector: [1, 0], metadata: { sizes: [1, 2] } }],
        }),
        'VALIDATION_FAILED',
      );
    } finally {
      await fake.close();
    }
  });

  it('splits large upserts into requests of at most 1000 vectors and 2 MB', async () => {
    const fake = await PineconeFake.start({ apiKey });
    try {
      const store = new PineconeVector({ apiKey, controllerHostUrl: fake.url, retry: fastRetry });
      await store.createIndex({ name: 'batches', dimension: 2, metric: 'cosine' });
      const text = 'x'.repeat(30_000);
      const vectors = Array.from({ length: 1200 }, (_, position) => ({
        id: `v${position}`,
        vector: [1, position],
        ...(position < 100 ? { metadata: { text } } : {}),
      }));
      await store.upsert({ index: 'batches', vectors });
      const upserts = fake.server.requests.filter((request) => request.path.endsWith('/vectors/upsert'));
      expect(upserts.length).toBeGreaterThanOrEqual(3);
      for (const request of upserts) {
        expect(Buffer.byteLength(request.rawBody)).toBeLessThanOrEqual(2 * 1024 * 1024);
        expect((request.body as { vectors: unknown[] }).vectors.length).toBeLessThanOrEqual(1000);
      }
      expect((await store.describeIndex('batches')).count).toBe(1200);
    } finally {
      await fake.close();
    }
  });

  it('keeps to its namespace', async () => {
    const fake = await PineconeFake.start({ apiKey });
    try {
      const tenantA = new PineconeVector({
        apiKey,
        controllerHostUrl: fake.url,
        namespace: 'a',
        retry: fastRetry,
      });
      const tenantB = new PineconeVector({
        apiKey,
        controllerHostUrl: fake.url,
        namespace: 'b',
        retry: fastRetry,
      });
      await tenantA.createIndex({ name: 'shared', dimension: 2, metric: 'cosine' });
      await tenantB.createIndex({ name: 'shared', dimension: 2, metric: 'cosine' });
      await tenantA.upsert({ index: 'shared', vectors: [{ id: 'only-a', vector: [1, 0] }] });
      expect(await tenantB.query({ index: 'shared', vector: [1, 0], topK: 5 })).toEqual([]);
      expect((await tenantA.describeIndex('shared')).count).toBe(1);
      expect((await tenantB.describeIndex('shared')).count).toBe(0);
    } finally {
      await fake.close();
    }
  });

  it('maps the service rejecting a vector length to VECTOR_DIMENSION_MISMATCH', async () => {
    const fake = await PineconeFake.start({ apiKey });
    try {
      const first = new PineconeVector({ apiKey, controllerHostUrl: fake.url, retry: fastRetry });
      await first.createIndex({ name: 'resized', dimension: 3, metric: 'cosine' });
      const second = new PineconeVector({ apiKey, controllerHostUrl: fake.url, retry: fastRetry });
      await second.deleteIndex('resized');
      await second.createIndex({ name: 'resized', dimension: 4, metric: 'cosine' });
      const error = await expectWeftError(
        first.upsert({ index: 'resized', vectors: [{ id: 'a', vector: [1, 0, 0] }] }),
        'VECTOR_DIMENSION_MISMATCH',
      );
      expect(error.message).toContain('does not match the dimension of the index 4');
    } finally {
      await fake.close();
    }
  });

  it('registers the pinecone adapter through the plugin API and checks its config at start-up', async () => {
    const registry = new PluginRegistry();
    await registry.install(plugin);
    const factory = registry.vector('pinecone');
    expect(await ensureBuiltinVector(new PluginRegistry(), 'pinecone')).toBe(true);
    if (factory === undefined) throw new Error('the pinecone adapter is not registered');
    const open = (config: unknown) =>
      Promise.resolve().then(() =>
        factory({ projectDir: '/tmp', options: { config }, logger: silentLogger }),
      );
    const badBatch = await expectWeftError(
      open({ apiKey: 'k', batchSize: 5000 }),
      'VECTOR_STORE_CONFIG_INVALID',
    );
    expect(badBatch.details).toMatchObject({ store: 'pinecone', field: 'batchSize' });
    const badCloud = await expectWeftError(
      open({ apiKey: 'k', cloud: 'moon' }),
      'VECTOR_STORE_CONFIG_INVALID',
    );
    expect(badCloud.details).toMatchObject({ field: 'cloud' });
    expect(await open({ apiKey: 'k', namespace: 'prod' })).toBeInstanceOf(PineconeVector);
    await expectWeftError(
      Promise.resolve().then(() => pineconeVectorOptions({ config: {} }, {})),
      'VECTOR_STORE_CONFIG_INVALID',
    );
    expect(
      pineconeVectorOptions({ config: { namespace: 'n' } }, { PINECONE_API_KEY: 'from-env' }),
    ).toMatchObject({
      apiKey: 'from-env',
      namespace: 'n',
    });
    expect(
      pineconeVectorOptions({ config: { apiKey: { $secret: 'PC_KEY' } } }, { PC_KEY: 'from-secret' }).apiKey,
    ).toBe('from-secret');
  });
});

describe('PineconeVector in shared-index mode (vector.config.index / PINECONE_INDEX)', () => {
  const openShared = async (options: Partial<PineconeVectorOptions> = {}) => {
    const fake = await PineconeFake.start({ apiKey });
    fake.seedIndex({ name: 'shared', dimension: 3, metric: 'cosine' });
    const store = new PineconeVector({
      apiKey,
      controllerHostUrl: fake.url,
      index: 'shared',
      retry: fastRetry,
      ...options,
    });
    return { fake, store };
  };

  it('keeps each weft index as a namespace of the existing index, creating and deleting no Pinecone index', async () => {
    const { fake, store } = await openShared();
    try {
      await store.createIndex({ name: 'help_center', dimension: 3, metric: 'cosine' });
      await store.createIndex({ name: 'help_center', dimension: 3, metric: 'cosine' });
      await store.createIndex({ name: 'Memory-2', dimension: 3, metric: 'cosine' });
      expect(await store.describeIndex('help_center')).toEqual({ dimension: 3, metric: 'cosine', count: 0 });
      await store.upsert({
        index: 'help_center',
        vectors: [
          { id: 'refunds#0', vector: [1, 0, 0], metadata: { documentId: 'refunds' } },
          { id: 'shipping#0', vector: [0, 1, 0], metadata: { documentId: 'shipping' } },
        ],
      });
      await store.upsert({ index: 'Memory-2', vectors: [{ id: 'm', vector: [1, 0, 0] }] });
      const hits = await store.query({ index: 'help_center', vector: [1, 0.1, 0], topK: 5 });
      expect(hits.map((hit) => hit.id)).toEqual(['refunds#0', 'shipping#0']);
      expect((await store.describeIndex('help_center')).count).toBe(2);
      expect(await store.listIndexes()).toEqual(['Memory-2', 'help_center']);
      await store.deleteIndex('help_center');
      expect(await store.listIndexes()).toEqual(['Memory-2']);
      await expectWeftError(store.describeIndex('help_center'), 'VECTOR_INDEX_NOT_FOUND');
      await expectWeftError(
        store.query({ index: 'help_center', vector: [1, 0, 0], topK: 1 }),
        'VECTOR_INDEX_NOT_FOUND',
      );
      expect(fake.indexes.get('shared')?.namespaces.get('Memory-2')?.size).toBe(1);
      const controlWrites = fake.server.requests.filter(
        (request) => request.path.startsWith('/indexes') && request.method !== 'GET',
      );
      expect(controlWrites).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it('refuses a weft index whose dimension or metric differs from the shared index, naming both', async () => {
    const { fake, store } = await openShared();
    try {
      const error = await expectWeftError(
        store.createIndex({ name: 'docs', dimension: 384, metric: 'cosine' }),
        'VECTOR_INDEX_CONFLICT',
      );
      expect(error.message).toContain('"docs" (dimension 384, metric cosine)');
      expect(error.message).toContain('Pinecone index "shared" (dimension 3, metric cosine)');
      expect(error.details).toMatchObject({
        pineconeIndex: 'shared',
        existing: { dimension: 3, metric: 'cosine' },
        requested: { dimension: 384, metric: 'cosine' },
      });
      await expectWeftError(
        store.createIndex({ name: 'docs', dimension: 3, metric: 'euclidean' }),
        'VECTOR_INDEX_CONFLICT',
      );
      expect(fake.indexes.get('shared')?.namespaces.has('docs')).toBe(false);
    } finally {
      await fake.close();
    }
  });

  it('answers VECTOR_INDEX_NOT_FOUND naming the shared index when it does not exist, and never creates it', async () => {
    const { fake, store } = await openShared({ index: 'not-there' });
    try {
      const error = await expectWeftError(
        store.createIndex({ name: 'docs', dimension: 3, metric: 'cosine' }),
        'VECTOR_INDEX_NOT_FOUND',
      );
      expect(error.message).toContain('Pinecone index "not-there"');
      expect(fake.indexes.has('not-there')).toBe(false);
    } finally {
      await fake.close();
    }
  });

  it('lists only the namespaces under its prefix, and never the default namespace', async () => {
    const { fake, store } = await openShared({ namespace: 'prod' });
    try {
      const other = new PineconeVector({
        apiKey,
        controllerHostUrl: fake.url,
        index: 'shared',
        retry: fastRetry,
      });
      await store.createIndex({ name: 'help_center', dimension: 3, metric: 'cosine' });
      await other.createIndex({ name: 'other-app', dimension: 3, metric: 'cosine' });
      const plain = new PineconeVector({ apiKey, controllerHostUrl: fake.url, retry: fastRetry });
      // Records written to the shared index without a namespace land in Pinecone's default one.
      await plain.upsert({ index: 'shared', vectors: [{ id: 'x', vector: [1, 0, 0] }] });
      expect([...(fake.indexes.get('shared')?.namespaces.keys() ?? [])].sort()).toEqual([
        '__default__',
        'other-app',
        'prod.help_center',
      ]);
      expect(await store.listIndexes()).toEqual(['help_center']);
      expect(await other.listIndexes()).toEqual(['other-app']);
      await store.upsert({ index: 'help_center', vectors: [{ id: 'a', vector: [0, 1, 0] }] });
      expect(fake.indexes.get('shared')?.namespaces.get('prod.help_center')?.has('a')).toBe(true);
      await expectWeftError(store.describeIndex('other-app'), 'VECTOR_INDEX_NOT_FOUND');
    } finally {
      await fake.close();
    }
  });

  it('lists every namespace across pages of the namespace list', async () => {
    const { fake, store } = await openShared();
    try {
      const names = Array.from({ length: 230 }, (_, position) => `kb-${String(position).padStart(3, '0')}`);
      for (const name of names) await store.createIndex({ name, dimension: 3, metric: 'cosine' });
      expect(await store.listIndexes()).toEqual(names);
      const pages = fake.server.requests.filter(
        (request) => request.method === 'GET' && request.path.endsWith('/namespaces'),
      );
      expect(pages.length).toBe(3);
    } finally {
      await fake.close();
    }
  });

  it('finds an index another process created, and answers NOT_FOUND after it deleted it', async () => {
    const { fake, store } = await openShared();
    try {
      const otherProcess = new PineconeVector({
        apiKey,
        controllerHostUrl: fake.url,
        index: 'shared',
        retry: fastRetry,
      });
      await otherProcess.createIndex({ name: 'docs', dimension: 3, metric: 'cosine' });
      await otherProcess.upsert({ index: 'docs', vectors: [{ id: 'a', vector: [1, 0, 0] }] });
      expect((await store.query({ index: 'docs', vector: [1, 0, 0], topK: 1 }))[0]?.id).toBe('a');
      await otherProcess.deleteIndex('docs');
      await expectWeftError(store.describeIndex('docs'), 'VECTOR_INDEX_NOT_FOUND');
    } finally {
      await fake.close();
    }
  });

  it('takes the shared index from PINECONE_INDEX when vector.config.index is not set', () => {
    const environment = { PINECONE_API_KEY: 'k', PINECONE_INDEX: 'from-env' };
    expect(pineconeVectorOptions({ config: {} }, environment).index).toBe('from-env');
    expect(pineconeVectorOptions({ config: { index: 'from-config' } }, environment).index).toBe(
      'from-config',
    );
    expect(pineconeVectorOptions({ config: {} }, { PINECONE_API_KEY: 'k' }).index).toBeUndefined();
    for (const [config, environmentIndex] of [
      [{ index: 'Not_Valid' }, undefined],
      [{}, 'Not_Valid'],
    ] as const) {
      let caught: unknown;
      try {
        pineconeVectorOptions(
          { config },
          {
            PINECONE_API_KEY: 'k',
            ...(environmentIndex === undefined ? {} : { PINECONE_INDEX: environmentIndex }),
          },
        );
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({ code: 'VECTOR_STORE_CONFIG_INVALID', details: { field: 'index' } });
    }
  });
});

describe('PineconeVector topK above 1000', () => {
  it('reads the metadata of more than 1000 matches in a second step, and clamps above 10000 with a warning', async () => {
    const fake = await PineconeFake.start({ apiKey });
    try {
      const warnings: string[] = [];
      const logger = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
      const store = new PineconeVector({ apiKey, controllerHostUrl: fake.url, retry: fastRetry, logger });
      await store.createIndex({ name: 'many', dimension: 2, metric: 'cosine' });
      const vectors = Array.from({ length: 1500 }, (_, position) => ({
        id: `v${String(position).padStart(4, '0')}`,
        vector: [Math.cos(position / 1000), Math.sin(position / 1000)],
        metadata: { position },
      }));
      await store.upsert({ index: 'many', vectors });
      const hits = await store.query({ index: 'many', vector: [1, 0], topK: 1200, includeVector: true });
      expect(hits.length).toBe(1200);
      expect(hits.map((hit) => hit.id)).toEqual(vectors.slice(0, 1200).map((vector) => vector.id));
      expect(hits[1199]?.metadata).toEqual({ position: 1199 });
      expect(hits[1199]?.vector).toEqual(vectors[1199]?.vector);
      expect(warnings).toEqual([]);
      const all = await store.query({ index: 'many', vector: [1, 0], topK: 20_000 });
      expect(all.length).toBe(1500);
      expect(all[0]?.metadata).toEqual({ position: 0 });
      expect(warnings).toEqual([
        'pinecone: topK 20000 on "many" is above Pinecone\'s limit of 10000: the 10000 nearest are returned.',
      ]);
    } finally {
      await fake.close();
    }
  });
});

/**
 * Gives each index of a shared-index-mode store its own dimension, up to the shared index's:
 * vectors are zero-padded to the shared dimension on the way in and cut back on the way out. The
 * padding is exact (zeros change no dot product, norm or distance, so scores and order are the
 * same); the wrapper only keeps the dimensions, and checks them as the store would.
 */
class ZeroPaddedVectorStore implements VectorStoreV1 {
  readonly specificationVersion = 'v1';
  readonly #dimensions = new Map<string, number>();

  constructor(
    readonly inner: VectorStoreV1,
    readonly sharedDimension: number,
  ) {}

  async createIndex(options: CreateVectorIndexV1): Promise<void> {
    const known = this.#dimensions.get(options.name);
    if (known !== undefined && known !== options.dimension) {
      throw weftError('VECTOR_INDEX_CONFLICT', {
        message: `Vector index "${options.name}" exists with dimension ${known}, not ${options.dimension}.`,
        details: { index: options.name },
      });
    }
    await this.inner.createIndex({ ...options, dimension: this.sharedDimension });
    this.#dimensions.set(options.name, options.dimension);
  }

  async upsert(options: UpsertVectorsV1): Promise<void> {
    const dimension = this.#dimensions.get(options.index);
    if (dimension === undefined) return this.inner.upsert(options);
    const records = validateVectorRecords({ ...options, dimension, metric: 'cosine' });
    await this.inner.upsert({
      index: options.index,
      vectors: records.map((record) => ({ ...record, vector: this.#pad(record.vector) })),
    });
  }

  async query(options: QueryVectorsV1): Promise<VectorQueryResultV1[]> {
    const dimension = this.#dimensions.get(options.index);
    if (dimension === undefined) return this.inner.query(options);
    const vector = validateVectorValues({ ...options, dimension, metric: 'cosine' });
    const hits = await this.inner.query({ ...options, vector: this.#pad(vector) });
    return hits.map((hit) =>
      hit.vector === undefined ? hit : { ...hit, vector: hit.vector.slice(0, dimension) },
    );
  }

  delete(options: DeleteVectorsV1): Promise<void> {
    return this.inner.delete(options);
  }

  async describeIndex(name: string): Promise<VectorIndexStatsV1> {
    const stats = await this.inner.describeIndex(name);
    return { ...stats, dimension: this.#dimensions.get(name) ?? stats.dimension };
  }

  listIndexes(): Promise<string[]> {
    return this.inner.listIndexes();
  }

  async deleteIndex(name: string): Promise<void> {
    await this.inner.deleteIndex(name);
    this.#dimensions.delete(name);
  }

  #pad(vector: readonly number[]): number[] {
    return [...vector, ...new Array<number>(this.sharedDimension - vector.length).fill(0)];
  }
}
