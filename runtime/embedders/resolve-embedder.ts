import { weftError } from '../errors/create-weft-error.js';
import { parseModelSpec } from '../models/parse-model-spec.js';
import type { PluginRegistry } from '../plugins/plugin-registry.js';
import type { EmbedderV1 } from '../spec/v1/embedder.js';
import type { ProjectGraphV1 } from '../spec/v1/graph.js';
import type { LoggerV1 } from '../spec/v1/tool-executor.js';
import { closestName } from '../text/closest-name.js';
import { type EmbedderEnvironment, registerBuiltinEmbedders } from './builtin-embedders.js';

/** The embedder of a project that names none in `models.embedding`: offline, lexical. */
export const defaultEmbedderSpec = 'local:hash-384';

/** Options of {@link createEmbedderResolver}. */
export interface EmbedderResolverOptions {
  readonly registry: PluginRegistry;
  /** The project's declared `providers` and `models.embedding`. */
  readonly project: Pick<ProjectGraphV1, 'providers' | 'models'>;
  readonly projectDir: string;
  readonly logger: LoggerV1;
  /** Environment for keys and base URLs; default `process.env`, read when an embedder is built. */
  readonly env?: EmbedderEnvironment;
}

/** Resolves `provider:model` embedder names (default the project's `models.embedding`), cached. */
export type EmbedderResolver = (spec?: string) => Promise<EmbedderV1>;

function isEmbedder(value: unknown): value is EmbedderV1 {
  const embedder = value as Partial<EmbedderV1> | null;
  return (
    typeof embedder === 'object' &&
    embedder !== null &&
    embedder.specificationVersion === 'v1' &&
    typeof embedder.embed === 'function' &&
    Number.isInteger(embedder.dimension) &&
    (embedder.dimension ?? 0) > 0
  );
}

function notFound(spec: string, provider: string | undefined, known: readonly string[]) {
  const suggestion = provider === undefined ? undefined : closestName(provider, known);
  const hint = suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
  const what =
    provider === undefined
      ? `The embedder "${spec}" names no provider: write it as provider:model (for example ${defaultEmbedderSpec}).`
      : `No embedding provider is named "${provider}" (in "${spec}"; known: ${known.join(', ') || 'none'}).${hint}`;
  return weftError('EMBEDDER_NOT_FOUND', {
    message: what,
    details: {
      embedder: spec,
      known: [...known],
      ...(provider === undefined ? {} : { provider }),
      ...(suggestion === undefined ? {} : { suggestion }),
    },
  });
}

/**
 * The project's embedder registry: registers the built-in providers (`local`, `openai`, weft.yaml
 * `providers`) through the plugin registry next to plugins' own (`registry.embedder(name,
 * factory)`), then resolves `provider:model` through it. The default spec is `models.embedding`,
 * else `local:hash-384`. One embedder per spec (a failed build is not cached, so fixing the
 * environment and retrying works). An unknown provider is `EMBEDDER_NOT_FOUND` with the known
 * names; a factory returning something that is not an `EmbedderV1` is `PLUGIN_INVALID`.
 *
 * @example
 * const resolveEmbedder = createEmbedderResolver({ registry, project: graph.project, projectDir, logger });
 * const embedder = await resolveEmbedder(); // models.embedding, e.g. local:hash-384
 */
export function createEmbedderResolver(options: EmbedderResolverOptions): EmbedderResolver {
  const cache = new Map<string, Promise<EmbedderV1>>();
  let registered = false;
  const build = async (spec: string): Promise<EmbedderV1> => {
    if (!registered) {
      registerBuiltinEmbedders(
        options.registry,
        options.project.providers,
        options.env ?? process.env,
        options.logger,
      );
      registered = true;
    }
    const parsed = parseModelSpec(spec);
    const known = options.registry.embedderNames();
    if (parsed === undefined) throw notFound(spec, undefined, known);
    const factory = options.registry.embedder(parsed.provider);
    if (factory === undefined) throw notFound(spec, parsed.provider, known);
    const embedder: unknown = await factory({
      projectDir: options.projectDir,
      modelId: parsed.modelId,
      logger: options.logger,
    });
    if (!isEmbedder(embedder)) {
      throw weftError('PLUGIN_INVALID', {
        message: `The embedding provider "${parsed.provider}" did not return an embedder (specification v1 with a positive dimension) for "${spec}".`,
        details: { embedder: spec, provider: parsed.provider },
      });
    }
    options.logger.debug('Embedder resolved.', { embedder: spec, dimension: embedder.dimension });
    return embedder;
  };
  return (spec) => {
    const name = (spec ?? options.project.models.embedding ?? defaultEmbedderSpec).trim();
    let pending = cache.get(name);
    if (pending === undefined) {
      pending = build(name);
      cache.set(name, pending);
      pending.catch(() => cache.delete(name));
    }
    return pending;
  };
}
