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
import type { PineconeVectorOptions } from './pinecone-vector.js';

/**
 * The JSON Schema of `vector.config` for `adapter: pinecone` (checked when the store opens;
 * `VECTOR_STORE_CONFIG_INVALID` names the field).
 *
 * @example
 * # weft.yaml
 * vector: { adapter: pinecone, config: { apiKey: "${{ env.PINECONE_API_KEY }}", namespace: prod, region: us-east-1 } }
 * # or, every weft index a namespace of one existing Pinecone index:
 * vector: { adapter: pinecone, config: { index: weft-shared } }
 */
export const pineconeConfigSchema: Readonly<Record<string, unknown>> = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  properties: {
    apiKey: { ...secretSettingSchema, description: 'The API key (default: the PINECONE_API_KEY variable).' },
    index: {
      type: 'string',
      pattern: '^[a-z0-9]([a-z0-9-]{0,43}[a-z0-9])?$',
      description:
        'Shared-index mode: an existing Pinecone index whose namespaces hold the weft indexes (default: the PINECONE_INDEX variable; unset: one Pinecone index per weft index).',
    },
    namespace: {
      type: 'string',
      description:
        'The namespace every operation uses (default: the default namespace); in shared-index mode, the prefix of the namespaces (`<namespace>.<weft index>`).',
    },
    cloud: {
      enum: ['aws', 'gcp', 'azure'],
      description: 'The cloud of new serverless indexes (default aws).',
    },
    region: {
      type: 'string',
      minLength: 1,
      description: 'The region of new serverless indexes (default us-east-1).',
    },
    batchSize: {
      type: 'integer',
      minimum: 1,
      maximum: 1000,
      description: 'Vectors per upsert request (max 1000).',
    },
    readyTimeoutMs: {
      type: 'integer',
      minimum: 0,
      description: 'How long createIndex waits for a new index to be ready.',
    },
    readyPollMs: {
      type: 'integer',
      minimum: 1,
      description: 'How often createIndex checks readiness (default 1000).',
    },
    ...retrySettingsSchema,
  },
};

interface PineconeConfig extends RetrySettings {
  readonly apiKey?: unknown;
  readonly index?: string;
  readonly namespace?: string;
  readonly cloud?: 'aws' | 'gcp' | 'azure';
  readonly region?: string;
  readonly batchSize?: number;
  readonly readyTimeoutMs?: number;
  readonly readyPollMs?: number;
}

/**
 * The options of `PineconeVector` from the project's `vector` section: `url` (optional) is the
 * control plane URL, `config` is checked against `pineconeConfigSchema`, the API key comes from
 * `config.apiKey` or `PINECONE_API_KEY`, the shared index (shared-index mode) from `config.index`
 * or `PINECONE_INDEX`.
 *
 * @example
 * pineconeVectorOptions({ config: { namespace: 'prod' } }, { PINECONE_API_KEY: 'pc-...' });
 * pineconeVectorOptions({ config: {} }, { PINECONE_API_KEY: 'pc-...', PINECONE_INDEX: 'weft-shared' }).index; // 'weft-shared'
 */
export function pineconeVectorOptions(
  options: VectorStoreFactoryContextV1['options'],
  environment: NodeJS.ProcessEnv = process.env,
): PineconeVectorOptions {
  const config = checkVectorConfig<PineconeConfig>('pinecone', pineconeConfigSchema, options.config);
  const apiKey = resolveConfigSecret('pinecone', 'apiKey', config.apiKey, 'PINECONE_API_KEY', environment);
  if (apiKey === undefined)
    throw missingSetting('pinecone', 'apiKey', 'vector.config.apiKey or PINECONE_API_KEY');
  const index = config.index ?? sharedIndexFromEnvironment(environment);
  return {
    apiKey,
    ...(index === undefined ? {} : { index }),
    ...(options.url === undefined ? {} : { controllerHostUrl: options.url }),
    ...(config.namespace === undefined ? {} : { namespace: config.namespace }),
    ...(config.cloud === undefined ? {} : { cloud: config.cloud }),
    ...(config.region === undefined ? {} : { region: config.region }),
    ...(config.batchSize === undefined ? {} : { batchSize: config.batchSize }),
    ...(config.readyTimeoutMs === undefined ? {} : { readyTimeoutMs: config.readyTimeoutMs }),
    ...(config.readyPollMs === undefined ? {} : { readyPollMs: config.readyPollMs }),
    retry: retryPolicyFromConfig(config),
  };
}

/** `PINECONE_INDEX` when set (checked like `config.index`: it names a Pinecone index). */
function sharedIndexFromEnvironment(environment: NodeJS.ProcessEnv): string | undefined {
  const value = environment.PINECONE_INDEX;
  if (value === undefined || value === '') return undefined;
  checkVectorConfig<PineconeConfig>('pinecone', pineconeConfigSchema, { index: value });
  return value;
}
