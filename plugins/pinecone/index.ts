import type { PluginV1 } from '../../runtime/spec/v1/plugin.js';
import { pineconeVectorOptions } from './pinecone-config.js';
import { PineconeVector } from './pinecone-vector.js';

export { classifyPineconeError } from './classify-pinecone-error.js';
export { pineconeConfigSchema, pineconeVectorOptions } from './pinecone-config.js';
export { type PineconeFilter, type PineconeFilterTranslation, toPineconeFilter } from './pinecone-filter.js';
export { PineconeIndexLayout, type PineconeIndexLayoutOptions } from './pinecone-index-layout.js';
export type { PineconeCall, PineconeLayout, PineconeTarget } from './pinecone-layout.js';
export { fromPineconeMetadata, toPineconeMetadata } from './pinecone-metadata.js';
export { PineconeNamespaceLayout, type PineconeNamespaceLayoutOptions } from './pinecone-namespace-layout.js';
export { PineconeVector, type PineconeVectorOptions } from './pinecone-vector.js';
export { type PineconeMatch, type PineconeQuery, queryPinecone } from './query-pinecone.js';

/**
 * The built-in `pinecone` vector store adapter, registered through the plugin API like any user
 * plugin. Its `vector.config` is checked against `pineconeConfigSchema` when the store opens.
 *
 * @example
 * # weft.yaml
 * vector: { adapter: pinecone, config: { apiKey: "${{ env.PINECONE_API_KEY }}", namespace: prod } }
 * # weft indexes as namespaces of one existing Pinecone index:
 * vector: { adapter: pinecone, config: { index: weft-shared } }
 */
const plugin = {
  name: 'pinecone',
  apiVersion: 'v1',
  description: 'Pinecone serverless indexes as weft vector indexes.',
  setup(registry) {
    registry.vector(
      'pinecone',
      (context) => new PineconeVector({ ...pineconeVectorOptions(context.options), logger: context.logger }),
    );
  },
} satisfies PluginV1;

export default plugin;
