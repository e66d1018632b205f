import { weftError } from '../../errors/create-weft-error.js';

const envReference = /^\$\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

/**
 * A secret setting of a hosted store, from (in order) the weft.yaml config value (a literal, an
 * `${{ env.NAME }}` reference or a `{ $secret: NAME }` object, read from the environment at call
 * time), or the store's default environment variable. A reference to an unset variable is
 * `VECTOR_STORE_CONFIG_INVALID` naming the variable (never its value).
 *
 * @example
 * resolveConfigSecret('pinecone', 'apiKey', config.apiKey, 'PINECONE_API_KEY', process.env);
 */
export function resolveConfigSecret(
  store: string,
  field: string,
  value: unknown,
  defaultVariable: string | undefined,
  environment: NodeJS.ProcessEnv,
): string | undefined {
  const variable = variableOf(value);
  if (variable !== undefined) {
    const resolved = environment[variable];
    if (resolved === undefined || resolved === '') {
      throw weftError('VECTOR_STORE_CONFIG_INVALID', {
        message: `The ${store} vector store reads "${field}" from the environment variable ${variable}, which is not set.`,
        details: { store, field, variable },
      });
    }
    return resolved;
  }
  if (typeof value === 'string' && value !== '') return value;
  if (defaultVariable === undefined) return undefined;
  const fallback = environment[defaultVariable];
  return fallback === undefined || fallback === '' ? undefined : fallback;
}

function variableOf(value: unknown): string | undefined {
  if (typeof value === 'string') return envReference.exec(value)?.[1];
  if (typeof value === 'object' && value !== null && '$secret' in value) {
    const name = (value as { $secret: unknown }).$secret;
    return typeof name === 'string' ? name : undefined;
  }
  return undefined;
}

/**
 * The JSON Schema of a secret setting: a string (literal or `${{ env.NAME }}`) or `{ $secret: NAME }`.
 *
 * @example
 * const schema = { type: 'object', properties: { apiKey: secretSettingSchema } };
 */
export const secretSettingSchema: Readonly<Record<string, unknown>> = {
  oneOf: [
    { type: 'string', minLength: 1 },
    {
      type: 'object',
      additionalProperties: false,
      required: ['$secret'],
      properties: { $secret: { type: 'string', minLength: 1 } },
    },
  ],
};

/**
 * The JSON Schema properties every hosted store's config shares: per-attempt timeout, retries
 * and the backoff bounds.
 *
 * @example
 * const schema = { type: 'object', properties: { ...retrySettingsSchema, namespace: { type: 'string' } } };
 */
export const retrySettingsSchema: Readonly<Record<string, unknown>> = {
  timeoutMs: { type: 'integer', minimum: 1, description: 'How long one request may take (default 30000).' },
  retries: {
    type: 'integer',
    minimum: 0,
    maximum: 10,
    description: 'Retries after a 429/5xx/network error (default 3).',
  },
  retryBaseDelayMs: {
    type: 'integer',
    minimum: 0,
    description: 'The first backoff (default 200), doubled each retry.',
  },
  retryMaxDelayMs: { type: 'integer', minimum: 0, description: 'The longest backoff (default 5000).' },
};
