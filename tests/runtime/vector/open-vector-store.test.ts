import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteStorage } from '../../../plugins/pglite/pglite-storage.js';
import { PgVector } from '../../../plugins/pgvector/pg-vector.js';
import { WeftError } from '../../../runtime/errors/weft-error.js';
import { PluginRegistry } from '../../../runtime/plugins/plugin-registry.js';
import type { LoggerV1 } from '../../../runtime/spec/v1/tool-executor.js';
import { MemoryStorage } from '../../../runtime/storage/memory-storage.js';
import { MemoryVectorStore } from '../../../runtime/vector/memory-vector-store.js';
import { openVectorStore } from '../../../runtime/vector/open-vector-store.js';

const logger: LoggerV1 = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
const projectDir = '/tmp/weft-open-vector-store';

describe('openVectorStore', () => {
  const pglite = new PgliteStorage({ dataDir: 'memory://' });
  // Opening PGlite (WASM) is slow on a busy machine: it happens here, not in a case.
  beforeAll(() => pglite.sqlDriver().exec('CREATE EXTENSION IF NOT EXISTS vector'), 5 * 60_000);
  afterAll(() => pglite.close());

  it('defaults to the memory store over memory storage', async () => {
    const store = await openVectorStore({
      registry: new PluginRegistry(),
      section: undefined,
      storage: new MemoryStorage(),
      projectDir,
      logger,
    });
    expect(store).toBeInstanceOf(MemoryVectorStore);
  });

  it('defaults to pgvector in the database of a PGlite storage', async () => {
    const store = await openVectorStore({
      registry: new PluginRegistry(),
      section: undefined,
      storage: pglite,
      projectDir,
      logger,
    });
    expect(store).toBeInstanceOf(PgVector);
    await store.createIndex({ name: 'shared-db', dimension: 2, metric: 'euclidean' });
    const tables = await pglite
      .sqlDriver()
      .query(`SELECT name FROM weft_vec_indexes WHERE name = 'shared-db'`);
    expect(tables).toHaveLength(1);
  });

  it('opens the adapter the section names, with its config checked', async () => {
    const section = { adapter: 'pgvector', config: { tablePrefix: 'custom_vec', hnsw: { efSearch: 64 } } };
    const store = await openVectorStore({
      registry: new PluginRegistry(),
      section,
      storage: pglite,
      projectDir,
      logger,
    });
    await store.createIndex({ name: 'custom', dimension: 2, metric: 'cosine' });
    expect(await pglite.sqlDriver().query('SELECT name FROM custom_vec_indexes')).toEqual([
      { name: 'custom' },
    ]);
  });

  it.each([
    [{ hnsw: { efSearch: 0 } }, 'hnsw.efSearch'],
    [{ tablePrefix: 'Bad-Prefix' }, 'tablePrefix'],
    [{ search: 'fast' }, 'search'],
    [{ hnsw: { ef: 10 } }, 'hnsw.ef'],
  ])('refuses pgvector config %j with VECTOR_STORE_CONFIG_INVALID naming %s', async (config, field) => {
    const error = await openVectorStore({
      registry: new PluginRegistry(),
      section: { adapter: 'pgvector', config },
      storage: pglite,
      projectDir,
      logger,
    }).catch((caught: unknown) => caught);
    expect(WeftError.isInstance(error) && error.code).toBe('VECTOR_STORE_CONFIG_INVALID');
    expect((error as WeftError).details).toMatchObject({ field });
  });

  it('refuses pgvector over a storage without a SQL database', async () => {
    const error = await openVectorStore({
      registry: new PluginRegistry(),
      section: { adapter: 'pgvector' },
      storage: new MemoryStorage(),
      projectDir,
      logger,
    }).catch((caught: unknown) => caught);
    expect(WeftError.isInstance(error) && error.code).toBe('VECTOR_STORE_CONFIG_INVALID');
  });

  it('names the known adapters when the section names an unknown one', async () => {
    const error = await openVectorStore({
      registry: new PluginRegistry(),
      section: { adapter: 'faiss' },
      storage: new MemoryStorage(),
      projectDir,
      logger,
    }).catch((caught: unknown) => caught);
    expect(WeftError.isInstance(error) && error.code).toBe('VECTOR_ADAPTER_NOT_FOUND');
    expect((error as WeftError).details).toMatchObject({ adapter: 'faiss', known: ['memory', 'pgvector'] });
    expect((error as WeftError).message).toMatch(/known: memory, pgvector/);
  });

  it('uses an adapter a plugin registered', async () => {
    const registry = new PluginRegistry();
    const custom = new MemoryVectorStore();
    await registry.install({
      name: 'custom-vectors',
      apiVersion: 'v1',
      setup: (plugins) => plugins.vector('custom', () => custom),
    });
    const store = await openVectorStore({
      registry,
      section: { adapter: 'custom' },
      storage: new MemoryStorage(),
      projectDir,
      logger,
    });
    expect(store).toBe(custom);
  });
});
