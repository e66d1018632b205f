import type { PluginV1 } from '../../runtime/spec/v1/plugin.js';
import { chromaVectorOptions } from './chroma-config.js';
import { ChromaVector } from './chroma-vector.js';

export { chromaConfigSchema, chromaVectorOptions } from './chroma-config.js';
export { type ChromaWhere, type ChromaWhereTranslation, toChromaWhere } from './chroma-filter.js';
export { ChromaVector, type ChromaVectorOptions } from './chroma-vector.js';
export { classifyChromaError } from './classify-chroma-error.js';

/**
 * The built-in `chroma` vector store adapter, registered through the plugin API like any user
 * plugin. Its `vector.config` is checked against `chromaConfigSchema` when the store opens.
 *
 * @example
 * # weft.yaml
 * vector: { adapter: chroma, url: "${{ env.CHROMA_URL }}", config: { database: prod } }
 */
const plugin = {
  name: 'chroma',
  apiVersion: 'v1',
  description: 'Chroma collections (HTTP API v2) as weft vector indexes.',
  setup(registry) {
    registry.vector('chroma', (context) => new ChromaVector(chromaVectorOptions(context.options)));
  },
} satisfies PluginV1;

export default plugin;
