import type { PluginV1 } from '../../runtime/spec/v1/plugin.js';
import { MemoryStorage } from '../../runtime/storage/memory-storage.js';
import { MemoryVectorStore } from '../../runtime/vector/memory-vector-store.js';

export { MemoryStorage } from '../../runtime/storage/memory-storage.js';
export { MemoryVectorStore } from '../../runtime/vector/memory-vector-store.js';

/**
 * The built-in `memory` storage and vector store adapters (nothing survives the process),
 * registered through the plugin API like any user plugin.
 *
 * @example
 * # weft.yaml
 * storage: { adapter: memory }
 * vector: { adapter: memory }
 */
const plugin = {
  name: 'memory',
  apiVersion: 'v1',
  description: 'In-memory storage and vector store: for tests, benchmarks and throwaway runs.',
  setup(registry) {
    registry.storage('memory', () => new MemoryStorage());
    registry.vector('memory', () => new MemoryVectorStore());
  },
} satisfies PluginV1;

export default plugin;
