import { ValidationError } from '../../runtime/errors/validation-error.js';
import type { PluginV1, StorageFactoryContextV1 } from '../../runtime/spec/v1/plugin.js';
import { PgStorage, type PgStorageOptions } from './pg-storage.js';

export { PgDriver, type PgDriverOptions } from './pg-driver.js';
export { isTransientPgError } from './pg-errors.js';
export { PgStorage, type PgStorageOptions } from './pg-storage.js';

/**
 * The options of `PgStorage` from a project's `storage` section: `url` (or `DATABASE_URL`), and in
 * `config` an optional `schema`, `poolSize` and `retries`.
 *
 * @example
 * pgStorageOptions({ url: 'postgres://127.0.0.1/app', config: { schema: 'weft', poolSize: 20 } }, {});
 */
export function pgStorageOptions(
  options: StorageFactoryContextV1['options'],
  environment: NodeJS.ProcessEnv = process.env,
): PgStorageOptions {
  const connectionString = options.url ?? environment.DATABASE_URL;
  if (connectionString === undefined || connectionString === '') {
    throw new ValidationError('VALIDATION_FAILED', {
      message: 'The postgres storage needs a connection URL: set storage.url in weft.yaml or DATABASE_URL.',
    });
  }
  const config =
    typeof options.config === 'object' && options.config !== null
      ? (options.config as Record<string, unknown>)
      : {};
  return {
    connectionString,
    ...(typeof config.schema === 'string' ? { schema: config.schema } : {}),
    ...(typeof config.poolSize === 'number' ? { poolSize: config.poolSize } : {}),
    ...(typeof config.retries === 'number' ? { retries: config.retries } : {}),
  };
}

/**
 * The built-in `postgres` storage adapter.
 *
 * @example
 * # weft.yaml
 * storage: { adapter: postgres, url: "${{ env.DATABASE_URL }}", config: { schema: weft, poolSize: 20 } }
 */
const plugin = {
  name: 'postgres',
  apiVersion: 'v1',
  description: 'PostgreSQL storage over a pg connection pool.',
  setup(registry) {
    registry.storage('postgres', (context) => new PgStorage(pgStorageOptions(context.options)));
  },
} satisfies PluginV1;

export default plugin;
