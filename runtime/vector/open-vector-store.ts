import { weftError } from '../errors/create-weft-error.js';
import { ensureBuiltinVector } from '../plugins/load-plugins.js';
import type { PluginRegistry } from '../plugins/plugin-registry.js';
import type { ProjectGraphV1 } from '../spec/v1/graph.js';
import type { StorageV1 } from '../spec/v1/storage.js';
import type { LoggerV1 } from '../spec/v1/tool-executor.js';
import type { VectorStoreV1 } from '../spec/v1/vector-store.js';

/**
 * What `openVectorStore` needs: the plugin registry, the project's `vector` section (undefined
 * when weft.yaml has none), the opened storage, the project folder and a logger.
 *
 * @example
 * const input: OpenVectorStoreInput = { registry, section: graph.project.vector, storage, projectDir, logger };
 */
export interface OpenVectorStoreInput {
  readonly registry: PluginRegistry;
  readonly section: ProjectGraphV1['vector'];
  readonly storage: StorageV1;
  readonly projectDir: string;
  readonly logger: LoggerV1;
}

/**
 * Opens the project's vector store through the plugin registry; the built-in adapters (`memory`,
 * `pgvector`) are registered on demand. Without a `vector` section the adapter is `pgvector` when
 * the storage shares a SQL database (it exposes `sqlDriver()`: pglite, postgres) and `memory`
 * otherwise. An unknown adapter is `VECTOR_ADAPTER_NOT_FOUND` listing the known ones; the URL is
 * read from the environment variable the section names.
 *
 * @example
 * const vector = await openVectorStore({ registry, section: graph.project.vector, storage, projectDir, logger });
 */
export async function openVectorStore(input: OpenVectorStoreInput): Promise<VectorStoreV1> {
  const { registry, section, storage, projectDir, logger } = input;
  const adapter = section?.adapter ?? defaultAdapter(storage);
  await ensureBuiltinVector(registry, adapter);
  const factory = registry.vector(adapter);
  if (factory === undefined) {
    const known = [...new Set([...registry.vectorNames(), 'memory', 'pgvector'])].sort();
    throw weftError('VECTOR_ADAPTER_NOT_FOUND', {
      message: `No vector store adapter is named "${adapter}" (known: ${known.join(', ')}).`,
      details: { adapter, known },
    });
  }
  const url = section?.url === undefined ? undefined : process.env[section.url.$secret];
  return factory({
    projectDir,
    options: {
      ...(url === undefined ? {} : { url }),
      ...(section?.config === undefined ? {} : { config: section.config }),
    },
    logger,
    storage,
  });
}

function defaultAdapter(storage: StorageV1): string {
  const accessor: unknown = (storage as { sqlDriver?: unknown }).sqlDriver;
  return typeof accessor === 'function' ? 'pgvector' : 'memory';
}
