import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { weftError } from '../../errors/create-weft-error.js';

let sharedAjv: Ajv2020 | undefined;
const compiled = new WeakMap<object, ReturnType<Ajv2020['compile']>>();

function fieldOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const segments = error.instancePath.split('/').slice(1);
  if (error.keyword === 'required' && typeof params.missingProperty === 'string')
    segments.push(params.missingProperty);
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string')
    segments.push(params.additionalProperty);
  return segments.length === 0 ? '(root)' : segments.join('.');
}

/**
 * Checks the `vector.config` section of weft.yaml against a hosted store's JSON Schema (draft
 * 2020-12, strict: unknown keys are errors) when the store is opened at start-up. A mismatch is
 * `VECTOR_STORE_CONFIG_INVALID` naming the store and the field; values are never echoed (they may
 * be secrets). A missing section is checked as `{}`.
 *
 * @example
 * const config = checkVectorConfig<PineconeConfig>('pinecone', pineconeConfigSchema, context.options.config);
 */
export function checkVectorConfig<Config>(
  store: string,
  schema: Readonly<Record<string, unknown>>,
  config: unknown,
): Config {
  sharedAjv ??= new Ajv2020({ strict: false, allErrors: true });
  let validate = compiled.get(schema);
  if (validate === undefined) {
    validate = sharedAjv.compile(schema);
    compiled.set(schema, validate);
  }
  const value = config ?? {};
  if (validate(value)) return value as Config;
  const issues = (validate.errors ?? []).map((error) => ({
    field: fieldOf(error),
    message: error.message ?? 'is invalid',
  }));
  const first = issues[0] ?? { field: '(root)', message: 'is invalid' };
  throw weftError('VECTOR_STORE_CONFIG_INVALID', {
    message: `The ${store} vector store config (weft.yaml vector.config) is invalid: field "${first.field}" ${first.message}.`,
    details: { store, field: first.field, issues },
  });
}

/**
 * The `VECTOR_STORE_CONFIG_INVALID` error for a setting that is missing from both weft.yaml and
 * the environment.
 *
 * @example
 * throw missingSetting('qdrant', 'url', 'vector.url or QDRANT_URL');
 */
export function missingSetting(store: string, field: string, where: string) {
  return weftError('VECTOR_STORE_CONFIG_INVALID', {
    message: `The ${store} vector store needs "${field}": set ${where}.`,
    details: { store, field },
  });
}
