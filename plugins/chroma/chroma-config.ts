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
import type { ChromaVectorOptions } from './chroma-vector.js';

/**
 * The JSON Schema of `vector.config` for `adapter: chroma` (checked when the store opens;
 * `VECTOR_STORE_CONFIG_INVALID` names the field).
 *
 * @example
 * # weft.yaml
 * vector: { adapter: chroma, url: "${{ env.CHROMA_URL }}", config: { tenant: acme, database: prod } }
 */
export const chromaConfigSchema: Readonly<Record<string, unknown>> = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  properties: {
    apiKey: {
      ...secretSettingSchema,
      description: 'Sent as x-chroma-token (default: the CHROMA_API_KEY variable, if set).',
    },
    tenant: { type: 'string', minLength: 1, description: 'The tenant (default default_tenant).' },
    database: { type: 'string', minLength: 1, description: 'The database (default default_database).' },
    batchSize: {
      type: 'integer',
      minimum: 1,
      description: "Records per upsert request (default: the server's maximum).",
    },
    ...retrySettingsSchema,
  },
};

interface ChromaConfig extends RetrySettings {
  readonly apiKey?: unknown;
  readonly tenant?: string;
  readonly database?: string;
  readonly batchSize?: number;
}

/**
 * The options of `ChromaVector` from the project's `vector` section: `url` (or `CHROMA_URL`),
 * `config` checked against `chromaConfigSchema`, the token from `config.apiKey` or `CHROMA_API_KEY`.
 *
 * @example
 * chromaVectorOptions({ url: 'http://127.0.0.1:8000', config: { database: 'prod' } }, {});
 */
export function chromaVectorOptions(
  options: VectorStoreFactoryContextV1['options'],
  environment: NodeJS.ProcessEnv = process.env,
): ChromaVectorOptions {
  const config = checkVectorConfig<ChromaConfig>('chroma', chromaConfigSchema, options.config);
  const url = options.url ?? environment.CHROMA_URL;
  if (url === undefined || url === '') throw missingSetting('chroma', 'url', 'vector.url or CHROMA_URL');
  if (!/^https?:\/\/[^/]+/.test(url)) {
    throw missingSetting('chroma', 'url', 'an http:// or https:// URL in vector.url or CHROMA_URL');
  }
  const apiKey = resolveConfigSecret('chroma', 'apiKey', config.apiKey, 'CHROMA_API_KEY', environment);
  return {
    url,
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(config.tenant === undefined ? {} : { tenant: config.tenant }),
    ...(config.database === undefined ? {} : { database: config.database }),
    ...(config.batchSize === undefined ? {} : { batchSize: config.batchSize }),
    retry: retryPolicyFromConfig(config),
  };
}
