import type { PluginV1 } from '../../runtime/spec/v1/plugin.js';
import { checkPgliteConfig } from './pglite-config.js';
import { PgliteStorage } from './pglite-storage.js';

export { checkPgliteConfig, type PgliteConfig } from './pglite-config.js';
export { PgliteDriver } from './pglite-driver.js';
export { PgliteStorage, type PgliteStorageOptions } from './pglite-storage.js';
export { PgliteWorkerDriver, type PgliteWorkerOptions, startPgliteWorker } from './pglite-worker-driver.js';
export { readStorageLock, type StorageLock, setStorageLockUrl, storageLockPath } from './storage-lock.js';

/**
 * The built-in `pglite` storage adapter, the embedded default: data in `<project>/.weft/data`
 * (or `storage.dataDir`, relative to the project; `memory://` keeps it in memory); `storage.config`
 * takes `thread` (`main`, the default, or `worker`) and `sharedBuffers` (`checkPgliteConfig`).
 *
 * @example
 * # weft.yaml
 * storage: { adapter: pglite, dataDir: .weft/data }
 */
const plugin = {
  name: 'pglite',
  apiVersion: 'v1',
  description: 'Embedded PostgreSQL (PGlite with pgvector) in the project folder.',
  setup(registry) {
    registry.storage(
      'pglite',
      (context) =>
        new PgliteStorage({
          projectDir: context.projectDir,
          ...checkPgliteConfig(context.options.config),
          ...(context.options.dataDir === undefined ? {} : { dataDir: context.options.dataDir }),
        }),
    );
  },
} satisfies PluginV1;

export default plugin;
