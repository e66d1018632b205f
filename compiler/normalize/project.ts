import type { ProjectGraphV1 } from '../../runtime/spec/v1/graph.js';
import { schemaId } from '../../schema/index.js';
import type { ProjectSpec } from '../manifest-types.js';
import type { ParsedManifest } from '../model.js';
import { byteSize, durationMs, normalizeRetry, normalizeSecret, retryDefaults } from './units.js';

/** The `$id` of the schema this transform implements. */
export const projectSchemaId = schemaId('Project');

const megabyte = 1024 * 1024;

/**
 * Normalises the Project manifest (`weft.yaml`): storage defaults to pglite in `.weft/data`,
 * the server to 127.0.0.1:3000 with a 1 MB body limit, durations and sizes to numbers, secrets
 * to `{ $secret }`. Plugin specifiers stay as written. Without a Project, every default applies.
 *
 * @example
 * normalizeProject(undefined).storage; // { adapter: 'pglite', dataDir: '.weft/data' }
 */
export function normalizeProject(manifest: ParsedManifest<ProjectSpec> | undefined): ProjectGraphV1 {
  const spec: ProjectSpec = manifest?.value.spec ?? {};
  const storage = spec.storage;
  const server = spec.server ?? {};
  const defaults = spec.defaults ?? {};
  const stepTimeoutMs = durationMs(defaults.stepTimeout);
  return {
    name: manifest?.name ?? 'weft',
    storage:
      storage === undefined
        ? { adapter: 'pglite', dataDir: '.weft/data' }
        : {
            adapter: storage.adapter,
            ...(storage.dataDir !== undefined
              ? { dataDir: storage.dataDir }
              : storage.adapter === 'pglite'
                ? { dataDir: '.weft/data' }
                : {}),
            ...(storage.url === undefined ? {} : { url: normalizeSecret(storage.url) }),
            ...(storage.config === undefined ? {} : { config: storage.config }),
          },
    ...(spec.vector === undefined
      ? {}
      : {
          vector: {
            adapter: spec.vector.adapter,
            ...(spec.vector.url === undefined ? {} : { url: normalizeSecret(spec.vector.url) }),
            ...(spec.vector.config === undefined ? {} : { config: spec.vector.config }),
          },
        }),
    providers: (spec.providers ?? []).map((provider) => ({
      name: provider.name,
      type: provider.type,
      ...(provider.baseURL === undefined ? {} : { baseURL: provider.baseURL }),
      ...(provider.apiKey === undefined ? {} : { apiKey: normalizeSecret(provider.apiKey) }),
    })),
    models: {
      ...(spec.models?.default === undefined ? {} : { default: spec.models.default }),
      ...(spec.models?.embedding === undefined ? {} : { embedding: spec.models.embedding }),
    },
    plugins: [...(spec.plugins ?? [])],
    http: { allowHosts: [...(spec.http?.allowHosts ?? [])], allowPrivate: spec.http?.allowPrivate ?? false },
    server: {
      host: server.host ?? '127.0.0.1',
      port: typeof server.port === 'number' ? server.port : 3000,
      ...(server.auth === undefined
        ? {}
        : {
            auth: {
              keys: server.auth.keys.map((key) => ({
                name: key.name,
                key: normalizeSecret(key.key),
                scopes: [...(key.scopes ?? ['*'])],
              })),
            },
          }),
      ...(server.cors === undefined ? {} : { cors: { origins: [...server.cors.origins] } }),
      ...(server.rateLimit === undefined
        ? {}
        : { rateLimit: { max: server.rateLimit.max, windowMs: durationMs(server.rateLimit.window) } }),
      bodyLimitBytes: server.bodyLimit === undefined ? megabyte : byteSize(server.bodyLimit),
    },
    defaults: {
      retry: defaults.retry === undefined ? { ...retryDefaults } : normalizeRetry(defaults.retry),
      ...(stepTimeoutMs === undefined ? {} : { stepTimeoutMs }),
      stepOutputLimitBytes:
        defaults.stepOutputLimit === undefined ? megabyte : byteSize(defaults.stepOutputLimit),
    },
  };
}
