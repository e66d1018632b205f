import type { VectorStoreFactoryContextV1 } from '../../runtime/spec/v1/plugin.js';
import { checkVectorConfig, missingSetting } from '../../runtime/vector/hosted/check-vector-config.js';
import {
  resolveConfigSecret,
  retrySettingsSchema,
  secretSettingSchema,
} from '../../runtime/vector/hosted/resolve-config-secret.js';
import {
  type RetrySettings,
  retryPolicyFromConfig,
} from '../../runtime/vector/hosted/retry-policy-from-config.js';
import type { QdrantVectorOptions } from './qdrant-vector.js';

/**
 * The JSON Schema of `vector.config` for `adapter: qdrant` (checked when the store opens;
 * `VECTOR_STORE_CONFIG_INVALID` names the field).
 *
 * @example
 * # weft.yaml
 * vector: { adapter: qdrant, url: "${{ env.QDRANT_URL }}", config: { apiKey: "${{ env.QDRANT_API_KEY }}" } }
 */
export const qdrantConfigSchema: Readonly<Record<string, unknown>> = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  properties: {
    apiKey: {
      ...secretSettingSchema,
      description: 'The API key (default: the QDRANT_API_KEY variable, if set).',
    },
    batchSize: {
      type: 'integer',
      minimum: 1,
      maximum: 10000,
      description: 'Points per upsert request (default 256).',
    },
    ...retrySettingsSchema,
  },
};

interface QdrantConfig extends RetrySettings {
  readonly apiKey?: unknown;
  readonly batchSize?: number;
}

/**
 * The options of `QdrantVector` from the project's `vector` section: `url` (or `QDRANT_URL`),
 * `config` checked against `qdrantConfigSchema`, the API key from `config.apiKey` or `QDRANT_API_KEY`.
 *
 * @example
 * qdrantVectorOptions({ url: 'http://127.0.0.1:6333' }, {});
 */
export function qdrantVectorOptions(
  options: VectorStoreFactoryContextV1['options'],
  environment: NodeJS.ProcessEnv = process.env,
): QdrantVectorOptions {
  const config = checkVectorConfig<QdrantConfig>('qdrant', qdrantConfigSchema, options.config);
  const url = options.url ?? environment.QDRANT_URL;
  if (url === undefined || url === '') throw missingSetting('qdrant', 'url', 'vector.url or QDRANT_URL');
  if (!/^https?:\/\//.test(url)) {
    throw missingSetting('qdrant', 'url', 'an http:// or https:// URL in vector.url or QDRANT_URL');
  }
  const apiKey = resolveConfigSecret('qdrant', 'apiKey', config.apiKey, 'QDRANT_API_KEY', environment);
  return {
    url,
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(config.batchSize === undefined ? {} : { batchSize: config.batchSize }),
    retry: retryPolicyFromConfig(config),
  };
}
