import { describe, expect, it } from 'vitest';
import plugin, { ChromaVector, chromaVectorOptions, toChromaWhere } from '../../plugins/chroma/index.js';
import { ensureBuiltinVector } from '../../runtime/plugins/load-plugins.js';
import { PluginRegistry } from '../../runtime/plugins/plugin-registry.js';
import { parseVectorFilter } from '../../runtime/vector/parse-vector-filter.js';
import { expectWeftError } from '../contracts/vector-store/vector-contract-helpers.js';
import { describeVectorStoreContract } from '../contracts/vector-store/vector-store-contract.js';
import { ChromaFake } from './fakes/chroma-fake.js';
import { describeHostedStoreFaults } from './fakes/describe-hosted-store-faults.js';

const apiKey = 'test-key';
const fastRetry = { retries: 2, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 5_000 };
const silentLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
const unsupported = ['filter:$not', 'filter:$exists', 'filter:string-range', 'metadata:array'] as const;

describeVectorStoreContract(
  'chroma (protocol fake over HTTP)',
  async () => {
    const fake = await ChromaFake.start({ apiKey });
    return {
      store: new ChromaVector({ url: fake.url, apiKey, retry: fastRetry }),
      close: () => fake.close(),
    };
  },
  { unsupported },
);

describeVectorStoreContract(
  'chroma (real server at CHROMA_URL)',
  async () => ({ store: new ChromaVector(chromaVectorOptions({}, process.env)) }),
  {
    unsupported,
    consistencyTimeoutMs: 10_000,
    ...(process.env.CHROMA_URL ? {} : { skip: 'CHROMA_URL is not set' }),
  },
);

describeHostedStoreFaults('chroma', async ({ retries, timeoutMs, batchSize }) => {
  const fake = await ChromaFake.start({ apiKey });
  const retry = { ...fastRetry, retries, timeoutMs };
  const make = (key: string) =>
    new ChromaVector({ url: fake.url, apiKey: key, batchSize, retry, random: () => 0.5 });
  return {
    store: make(apiKey),
    server: fake.server,
    withApiKey: make,
    isUpsert: (request) => request.path.endsWith('/upsert'),
    isQuery: (request) => request.path.endsWith('/query'),
    storedIds: (index) => [...(fake.collections.get(index)?.records.keys() ?? [])],
  };
});

describe('ChromaVector', () => {
  it('splits number ranges into the integer and the float form Chroma compares separately', () => {
    expect(toChromaWhere(parseVectorFilter({ rating: { $lt: 3 } }))).toEqual({
      $or: [{ rating: { $lt: 3 } }, { rating: { $lte: 2.9999999999999996 } }],
    });
    expect(toChromaWhere(parseVectorFilter({ rating: { $gte: 2.5 } }))).toEqual({
      $or: [{ rating: { $gte: 3 } }, { rating: { $gte: 2.5 } }],
    });
    expect(toChromaWhere(parseVectorFilter({ v: { $in: [1, 'a', 2, 1.5] } }))).toEqual({
      $or: [{ v: { $in: [1, 2] } }, { v: { $in: ['a'] } }, { v: { $in: [1.5] } }],
    });
    expect(toChromaWhere(parseVectorFilter({ v: { $in: [] } }))).toBe(false);
    expect(toChromaWhere(parseVectorFilter({ v: { $nin: [] } }))).toBe(true);
  });

  it('creates collections with the HNSW space of the metric and no embedding function', async () => {
    const fake = await ChromaFake.start({ apiKey });
    try {
      const store = new ChromaVector({ url: fake.url, apiKey, retry: fastRetry });
      await store.createIndex({ name: 'spaces-ip', dimension: 2, metric: 'dotproduct' });
      await store.createIndex({ name: 'spaces-l2', dimension: 2, metric: 'euclidean' });
      expect(fake.collections.get('spaces-ip')?.space).toBe('ip');
      expect(fake.collections.get('spaces-l2')?.space).toBe('l2');
      const create = fake.server.requests.find(
        (request) => request.method === 'POST' && request.path.endsWith('/collections'),
      );
      expect(create?.body).toMatchObject({
        configuration: { hnsw: { space: 'ip' } },
        metadata: { 'weft:dimension': 2 },
      });
      const query = async () => {
        await store.upsert({
          index: 'spaces-l2',
          vectors: [{ id: 'a', vector: [3, 4], metadata: { n: { deep: 1 } } }],
        });
        return store.query({ index: 'spaces-l2', vector: [0, 0], topK: 1 });
      };
      expect(await query()).toEqual([{ id: 'a', score: 1 / 6, metadata: { n: { deep: 1 } } }]);
      const lastQuery = fake.server.requests.filter((request) => request.path.endsWith('/query')).at(-1);
      expect(lastQuery?.body).toMatchObject({ include: ['metadatas', 'distances'] });
      await expectWeftError(
        store.upsert({
          index: 'spaces-l2',
          vectors: [{ id: 'b', vector: [1, 0], metadata: { tags: ['x'] } }],
        }),
        'VALIDATION_FAILED',
      );
    } finally {
      await fake.close();
    }
  });

  it('keeps upsert requests within the server maximum batch size', async () => {
    const fake = await ChromaFake.start({ apiKey });
    fake.maxBatchSize = 40;
    try {
      const store = new ChromaVector({ url: fake.url, apiKey, retry: fastRetry });
      await store.createIndex({ name: 'batches', dimension: 2, metric: 'cosine' });
      await store.upsert({
        index: 'batches',
        vectors: Array.from({ length: 100 }, (_, position) => ({
          id: `v${position}`,
          vector: [1, position],
        })),
      });
      expect(fake.server.count((request) => request.path.endsWith('/upsert'))).toBe(3);
      expect((await store.describeIndex('batches')).count).toBe(100);
    } finally {
      await fake.close();
    }
  });

  it('maps the server rejecting a vector length to VECTOR_DIMENSION_MISMATCH', async () => {
    const fake = await ChromaFake.start({ apiKey });
    try {
      const store = new ChromaVector({ url: fake.url, apiKey, retry: fastRetry });
      await store.createIndex({ name: 'resized', dimension: 3, metric: 'cosine' });
      // Another client wrote 4-number embeddings first: Chroma fixed the collection at 4.
      const collection = fake.collections.get('resized');
      if (collection === undefined) throw new Error('no collection');
      collection.dimension = 4;
      const error = await expectWeftError(
        store.upsert({ index: 'resized', vectors: [{ id: 'b', vector: [1, 0, 0] }] }),
        'VECTOR_DIMENSION_MISMATCH',
      );
      expect(error.message).toContain('expecting embedding with dimension of 4, got 3');
      expect(error.cause).toBeDefined();
    } finally {
      await fake.close();
    }
  });

  it('registers the chroma adapter through the plugin API and checks its config at start-up', async () => {
    const registry = new PluginRegistry();
    await registry.install(plugin);
    const factory = registry.vector('chroma');
    expect(await ensureBuiltinVector(new PluginRegistry(), 'chroma')).toBe(true);
    if (factory === undefined) throw new Error('the chroma adapter is not registered');
    const open = (options: { url?: string; config?: unknown }) =>
      Promise.resolve().then(() => factory({ projectDir: '/tmp', options, logger: silentLogger }));
    const error = await expectWeftError(
      open({ url: 'http://127.0.0.1:8000', config: { tenant: '' } }),
      'VECTOR_STORE_CONFIG_INVALID',
    );
    expect(error.details).toMatchObject({ store: 'chroma', field: 'tenant' });
    await expectWeftError(open({ url: 'localhost:8000' }), 'VECTOR_STORE_CONFIG_INVALID');
    expect(await open({ url: 'http://127.0.0.1:8000', config: { database: 'prod' } })).toBeInstanceOf(
      ChromaVector,
    );
    expect(chromaVectorOptions({}, { CHROMA_URL: 'https://c.example', CHROMA_API_KEY: 't' })).toMatchObject({
      url: 'https://c.example',
      apiKey: 't',
    });
  });
});
