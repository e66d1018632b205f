import type { PluginV1 } from '../../runtime/spec/v1/plugin.js';
import { MemoryStorage } from '../../runtime/storage/memory-storage.js';

export { MemoryStorage } from '../../runtime/storage/memory-storage.js';

/**
 * The built-in `memory` storage adapter (nothing survives the process), registered through the
 * plugin API like any user plugin.
 *
 * @example
 * # weft.yaml
 * storage: { adapter: memory }
 */
const plugin = {
  name: 'memory',
  apiVersion: 'v1',
  description: 'In-memory storage: for tests, benchmarks and throwaway runs.',
  setup(registry) {
    registry.storage('memory', () => new MemoryStorage());
  },
} satisfies PluginV1;

export default plugin;
