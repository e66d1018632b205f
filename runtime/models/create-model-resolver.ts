import type { LanguageModelV3 } from '@ai-sdk/provider';
import { weftError } from '../errors/create-weft-error.js';
import type { ProjectGraphV1 } from '../spec/v1/graph.js';
import type { LoggerV1 } from '../spec/v1/tool-executor.js';
import {
  builtInOpenAIProvider,
  declaredProvider,
  type ModelEnvironment,
  type ModelProvider,
  type ModelProviderRegistry,
  pluginProvider,
} from './model-providers.js';
import { parseModelSpec } from './parse-model-spec.js';
import { unknownProviderError } from './unknown-provider-error.js';

/** Options of {@link createModelResolver}. */
export interface ModelResolverOptions {
  /** The project graph: its declared `providers` and default `models`. */
  readonly project: Pick<ProjectGraphV1, 'providers' | 'models'>;
  /** Where plugin-registered providers are found (`registry.model(name)`). */
  readonly registry: ModelProviderRegistry;
  /** Environment variables for keys and base URLs; default `process.env`. Read once. */
  readonly env?: ModelEnvironment;
  readonly logger?: LoggerV1;
  /**
   * The model specs the project uses (its agents' `model`), so that `missingCredentials()` checks
   * the built-in `openai` only when it is used; `project.models` are always included.
   */
  readonly models?: readonly string[];
}

/** A variable a provider needs that is not set. */
export interface MissingCredential {
  readonly provider: string;
  readonly variable: string;
}

/** Turns `provider:model` strings into AI SDK language models. */
export interface ModelResolver {
  /** The model for `provider:model` (one instance per spec); throws `MODEL_PROVIDER_UNKNOWN` or `MODEL_CREDENTIALS_MISSING`. */
  resolve(spec: string): LanguageModelV3;
  /** The providers in use whose key (or base URL variable) is not set: the host warns at start-up. */
  missingCredentials(): MissingCredential[];
}

function isLanguageModel(value: unknown): value is LanguageModelV3 {
  const model = value as Partial<LanguageModelV3> | null;
  return (
    typeof model === 'object' &&
    model !== null &&
    model.specificationVersion === 'v3' &&
    typeof model.doGenerate === 'function' &&
    typeof model.doStream === 'function'
  );
}

/**
 * The model registry: resolves `provider:model` through, in this order, the providers declared
 * in weft.yaml (`openai` or `openai-compatible`), the providers plugins registered, and the
 * built-in `openai` (`OPENAI_API_KEY`, optional `OPENAI_BASE_URL`, Responses API). A provider
 * whose key is missing fails fast at `resolve`, naming the variable (never a value); everything
 * else keeps working.
 *
 * @example
 * const models = createModelResolver({ project: graph.project, registry, env: process.env });
 * for (const { provider, variable } of models.missingCredentials()) logger.warn(`${provider}: set ${variable}`);
 * const model = models.resolve('openai:gpt-4o-mini');
 */
export function createModelResolver(options: ModelResolverOptions): ModelResolver {
  const env = options.env ?? process.env;
  const declared = new Map(
    options.project.providers.map((provider) => [provider.name, declaredProvider(provider, env)]),
  );
  const builtIn = builtInOpenAIProvider(env);
  const models = new Map<string, LanguageModelV3>();

  const providerNamed = (name: string): ModelProvider | undefined => {
    const fromProject = declared.get(name);
    const fromPlugin = pluginProvider(name, options.registry);
    if (fromProject !== undefined && fromPlugin !== undefined) {
      options.logger?.warn(
        'A model provider is declared in weft.yaml and registered by a plugin; weft.yaml wins.',
        {
          provider: name,
        },
      );
    }
    return fromProject ?? fromPlugin ?? (name === builtIn.name ? builtIn : undefined);
  };

  const unknownProvider = (spec: string, provider: string | undefined) =>
    unknownProviderError(spec, provider, [
      builtIn.name,
      ...declared.keys(),
      ...(options.registry.modelNames?.() ?? []),
    ]);

  const resolve = (spec: string): LanguageModelV3 => {
    const cached = models.get(spec);
    if (cached !== undefined) return cached;
    const parsed = parseModelSpec(spec);
    if (parsed === undefined) throw unknownProvider(spec, undefined);
    const provider = providerNamed(parsed.provider);
    if (provider === undefined) throw unknownProvider(spec, parsed.provider);
    if (provider.credential !== undefined && !provider.credential.present) {
      const { variable } = provider.credential;
      throw weftError('MODEL_CREDENTIALS_MISSING', {
        message: `The model "${spec}" needs the environment variable ${variable}, which is not set.`,
        details: { model: spec, provider: provider.name, variable },
      });
    }
    const model = provider.create(parsed.modelId);
    if (!isLanguageModel(model)) {
      throw weftError('PLUGIN_INVALID', {
        message: `The model provider "${provider.name}" did not return an AI SDK language model (specification v3) for "${spec}".`,
        details: { model: spec, provider: provider.name },
      });
    }
    models.set(spec, model);
    options.logger?.debug('Model resolved.', {
      model: spec,
      provider: provider.name,
      origin: provider.origin,
    });
    return model;
  };

  const missingCredentials = (): MissingCredential[] => {
    const used = [
      options.project.models.default,
      options.project.models.embedding,
      ...(options.models ?? []),
    ];
    const names = new Set(declared.keys());
    for (const spec of used) {
      const provider = spec === undefined ? undefined : parseModelSpec(spec)?.provider;
      if (provider !== undefined) names.add(provider);
    }
    const missing: MissingCredential[] = [];
    for (const name of [...names].sort()) {
      const credential = providerNamed(name)?.credential;
      if (credential !== undefined && !credential.present)
        missing.push({ provider: name, variable: credential.variable });
    }
    return missing;
  };

  return { resolve, missingCredentials };
}
