// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the cases quote the `${{ env.NAME }}` reference syntax of weft.yaml.
import { describe, expect, it } from 'vitest';
import plugin, { QdrantVector, qdrantPointId, qdrantVectorOptions } from '../../plugins/qdrant/index.js';
import { ensureBuiltinVector } from '../../runtime/plugins/load-plugins.js';
import { PluginRegistry } from '../../runtime/plugins/plugin-registry.js';
import { expectWeftError } from '../contracts/vector-store/vector-contract-helpers.js';
import { describeVectorStoreContract } from '../contracts/vector-store/vector-store-contract.js';
import { describeHostedStoreFaults } from './fakes/describe-hosted-store-faults.js';
import { QdrantFake } from './fakes/qdrant-fake.js';

const apiKey = 'test-key';
const fastRetry = { retries: 2, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 5_000 };
const silentLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

describeVectorStoreContract(
  'qdrant (protocol fake over HTTP)',
  async () => {
    const fake = await QdrantFake.start({ apiKey });
    return {
      store: new QdrantVector({ url: fake.url, apiKey, retry: fastRetry }),
      close: () => fake.close(),
    };
  },
  { unsupported: ['filter:string-range'] },
);

describeVectorStoreContract(
  'qdrant (real service at QDRANT_URL)',
  async () => ({ store: new QdrantVector(qdrantVectorOptions({}, process.env)) }),
  {
    unsupported: ['filter:string-range'],
    consistencyTimeoutMs: 10_000,
    ...(process.env.QDRANT_URL ? {} : { skip: 'QDRANT_URL is not set' }),
  },
);

describeHostedStoreFaults('qdrant', async ({ retries, timeoutMs, batchSize }) => {
  const fake = await QdrantFake.start({ apiKey });
  const retry = { ...fastRetry, retries, timeoutMs };
  const make = (key: string) =>
    new QdrantVector({ url: fake.url, apiKey: key, batchSize, retry, random: () => 0.5 });
  return {
    store: make(apiKey),
    server: fake.server,
    withApiKey: make,
    isUpsert: (request) => request.method === 'PUT' && request.path.endsWith('/points'),
    isQuery: (request) => request.path.endsWith('/points/query'),
    storedIds: (index) =>
      [...(fake.collections.get(index)?.points.values() ?? [])].map((point) =>
        String(point.payload._weft_id),
      ),
  };
});

describe('QdrantVector', () => {
  it('stores points under a deterministic UUID of the weft id, the id kept in the payload', async () => {
    const fake = await QdrantFake.start({ apiKey });
    try {
      const store = new QdrantVector({ url: fake.url, apiKey, retry: fastRetry });
      await store.createIndex({ name: 'ids', dimension: 2, metric: 'dotproduct' });
      await store.upsert({
        index: 'ids',
        vectors: [{ id: 'chunk/1 é', vector: [1, 2], metadata: { a: 1 } }],
      });
      const points = fake.collections.get('ids')?.points;
      expect([...(points?.keys() ?? [])]).toEqual([qdrantPointId('chunk/1 é')]);
      expect(qdrantPointId('chunk/1 é')).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(points?.get(qdrantPointId('chunk/1 é'))?.payload).toEqual({ a: 1, _weft_id: 'chunk/1 é' });
      const [hit] = await store.query({ index: 'ids', vector: [1, 0], topK: 1, includeVector: true });
      expect(hit).toEqual({ id: 'chunk/1 é', score: 1, metadata: { a: 1 }, vector: [1, 2] });
    } finally {
      await fake.close();
    }
  });

  it('maps the service rejecting a vector length to VECTOR_DIMENSION_MISMATCH', async () => {
    const fake = await QdrantFake.start({ apiKey });
    try {
      const first = new QdrantVector({ url: fake.url, apiKey, retry: fastRetry });
      await first.createIndex({ name: 'resized', dimension: 3, metric: 'cosine' });
      await first.describeIndex('resized');
      const second = new QdrantVector({ url: fake.url, apiKey, retry: fastRetry });
      await second.deleteIndex('resized');
      await second.createIndex({ name: 'resized', dimension: 4, metric: 'cosine' });
      const error = await expectWeftError(
        first.upsert({ index: 'resized', vectors: [{ id: 'a', vector: [1, 0, 0] }] }),
        'VECTOR_DIMENSION_MISMATCH',
      );
      expect(error.message).toContain('expected dim: 4, got 3');
      expect((await first.describeIndex('resized')).dimension).toBe(4);
    } finally {
      await fake.close();
    }
  });

  it('registers the qdrant adapter through the plugin API and checks its config at start-up', async () => {
    const registry = new PluginRegistry();
    await registry.install(plugin);
    const factory = registry.vector('qdrant');
    expect(await ensureBuiltinVector(new PluginRegistry(), 'qdrant')).toBe(true);
    if (factory === undefined) throw new Error('the qdrant adapter is not registered');
    const open = (options: { url?: string; config?: unknown }) =>
      Promise.resolve().then(() => factory({ projectDir: '/tmp', options, logger: silentLogger }));
    const unknownKey = await expectWeftError(
      open({ url: 'http://127.0.0.1:6333', config: { apiKey: 'k', colour: 'blue' } }),
      'VECTOR_STORE_CONFIG_INVALID',
    );
    expect(unknownKey.details).toMatchObject({ store: 'qdrant', field: 'colour' });
    const wrongType = await expectWeftError(
      open({ url: 'http://127.0.0.1:6333', config: { retries: 'many' } }),
      'VECTOR_STORE_CONFIG_INVALID',
    );
    expect(wrongType.details).toMatchObject({ field: 'retries' });
    expect(qdrantVectorOptions({ config: {} }, { QDRANT_URL: 'http://q:6333' }).url).toBe('http://q:6333');
    await expectWeftError(
      Promise.resolve().then(() => qdrantVectorOptions({}, {})),
      'VECTOR_STORE_CONFIG_INVALID',
    );
    const missingVariable = await expectWeftError(
      Promise.resolve().then(() =>
        qdrantVectorOptions(
          { url: 'http://q:6333', config: { apiKey: '${{ env.QDRANT_KEY_NOT_SET }}' } },
          {},
        ),
      ),
      'VECTOR_STORE_CONFIG_INVALID',
    );
    expect(missingVariable.details).toMatchObject({ variable: 'QDRANT_KEY_NOT_SET' });
    expect(
      qdrantVectorOptions(
        { url: 'http://q:6333', config: { apiKey: '${{ env.MY_KEY }}', timeoutMs: 100 } },
        { MY_KEY: 's' },
      ),
    ).toMatchObject({ apiKey: 's', retry: { timeoutMs: 100 } });
    expect(await open({ url: 'http://127.0.0.1:6333' })).toBeInstanceOf(QdrantVector);
  });
});
