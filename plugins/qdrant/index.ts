import type { PluginV1 } from '../../runtime/spec/v1/plugin.js';
import { qdrantVectorOptions } from './qdrant-config.js';
import { QdrantVector } from './qdrant-vector.js';

export { classifyQdrantError } from './classify-qdrant-error.js';
export { qdrantConfigSchema, qdrantVectorOptions } from './qdrant-config.js';
export { type QdrantCondition, toQdrantFilter } from './qdrant-filter.js';
export { qdrantPointId, weftIdKey } from './qdrant-point-id.js';
export { QdrantVector, type QdrantVectorOptions } from './qdrant-vector.js';

/**
 * The built-in `qdrant` vector store adapter, registered through the plugin API like any user
 * plugin. Its `vector.config` is checked against `qdrantConfigSchema` when the store opens.
 *
 * @example
 * # weft.yaml
 * vector: { adapter: qdrant, url: "${{ env.QDRANT_URL }}", config: { apiKey: "${{ env.QDRANT_API_KEY }}" } }
 */
const plugin = {
  name: 'qdrant',
  apiVersion: 'v1',
  description: 'Qdrant collections as weft vector indexes.',
  setup(registry) {
    registry.vector('qdrant', (context) => new QdrantVector(qdrantVectorOptions(context.options)));
  },
} satisfies PluginV1;

export default plugin;
