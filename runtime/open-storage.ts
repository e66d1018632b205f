import { weftError } from './errors/create-weft-error.js';
import { ensureBuiltinStorage } from './plugins/load-plugins.js';
import type { PluginRegistry } from './plugins/plugin-registry.js';
import type { ProjectGraphV1 } from './spec/v1/graph.js';
import type { StorageV1 } from './spec/v1/storage.js';
import type { LoggerV1 } from './spec/v1/tool-executor.js';

/**
 * Opens the project's storage through the plugin registry (built-in adapters are registered on
 * demand); the connection URL is read from the environment variable the graph names.
 *
 * @example
 * const storage = await openStorage(registry, graph.project.storage, projectDir, logger);
 */
export async function openStorage(
  registry: PluginRegistry,
  section: ProjectGraphV1['storage'],
  projectDir: string,
  logger: LoggerV1,
): Promise<StorageV1> {
  if (!(await ensureBuiltinStorage(registry, section.adapter)) && section.adapter === 'memory') {
    const { MemoryStorage } = await import('./storage/memory-storage.js');
    return new MemoryStorage();
  }
  const factory = registry.storage(section.adapter);
  if (factory === undefined) {
    throw weftError('STORAGE_ADAPTER_NOT_FOUND', {
      message: `No storage adapter is named "${section.adapter}" (known: ${registry.storageNames().join(', ') || 'none'}).`,
      details: { adapter: section.adapter, known: registry.storageNames() },
    });
  }
  const url = section.url === undefined ? undefined : process.env[section.url.$secret];
  return factory({
    projectDir,
    options: {
      ...(section.dataDir === undefined ? {} : { dataDir: section.dataDir }),
      ...(url === undefined ? {} : { url }),
      ...(section.config === undefined ? {} : { config: section.config }),
    },
    logger,
  });
}
