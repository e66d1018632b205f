import type { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { openAiCompatibleSdk, openAiSdk } from '../ai-sdk/load-ai-sdk.js';
import { weftError } from '../errors/create-weft-error.js';
import type { ProjectGraphV1 } from '../spec/v1/graph.js';
import type { ModelFactoryV1 } from '../spec/v1/plugin.js';

/** The environment variables the providers read, by name. */
export type ModelEnvironment = Readonly<Record<string, string | undefined>>;

/**
 * One model provider the resolver knows: where it comes from, the environment variable that
 * holds its key (when it needs one) and whether that variable is set, and how to build a model.
 */
export interface ModelProvider {
  readonly name: string;
  readonly origin: 'project' | 'plugin' | 'built-in';
  /** The variable holding the API key, when the provider needs one. */
  readonly credential?: { readonly variable: string; readonly present: boolean };
  create(modelId: string): LanguageModelV3;
}

type DeclaredProvider = ProjectGraphV1['providers'][number];

const present = (env: ModelEnvironment, variable: string): boolean => (env[variable] ?? '').length > 0;

/** The built-in `openai` provider: `OPENAI_API_KEY`, optional `OPENAI_BASE_URL`, Responses API. */
export function builtInOpenAIProvider(env: ModelEnvironment): ModelProvider {
  const baseURL = env.OPENAI_BASE_URL;
  const settings = { apiKey: env.OPENAI_API_KEY ?? '', ...(baseURL ? { baseURL } : {}) };
  let provider: ReturnType<typeof createOpenAI> | undefined;
  return {
    name: 'openai',
    origin: 'built-in',
    credential: { variable: 'OPENAI_API_KEY', present: present(env, 'OPENAI_API_KEY') },
    create: (modelId) => {
      provider ??= openAiSdk().createOpenAI(settings);
      return provider(modelId);
    },
  };
}

const envTemplate = /^\$\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

/** A setting written as text or `${{ env.NAME }}`, read from the environment. */
function envString(value: string | undefined, env: ModelEnvironment): { value?: string; variable?: string } {
  if (value === undefined) return {};
  const variable = envTemplate.exec(value)?.[1];
  if (variable === undefined) return { value };
  const read = env[variable];
  return read ? { value: read, variable } : { variable };
}

/**
 * A provider declared in weft.yaml: `type: openai` (Responses API, key defaulting to
 * `OPENAI_API_KEY`) or `type: openai-compatible` (Chat Completions, key optional). A missing key
 * variable, or a `baseURL: ${{ env.NAME }}` whose variable is unset, is the provider's
 * `credential`. An openai-compatible provider without a base URL cannot be built: `create` throws
 * `MODEL_PROVIDER_INVALID`.
 */
export function declaredProvider(declared: DeclaredProvider, env: ModelEnvironment): ModelProvider {
  const keyVariable = declared.apiKey?.$secret ?? (declared.type === 'openai' ? 'OPENAI_API_KEY' : undefined);
  const apiKey = keyVariable === undefined ? undefined : env[keyVariable];
  const baseURL = envString(declared.baseURL, env);
  const missing =
    baseURL.variable !== undefined && baseURL.value === undefined
      ? baseURL.variable
      : keyVariable !== undefined && !present(env, keyVariable)
        ? keyVariable
        : undefined;
  const credential =
    missing !== undefined
      ? { credential: { variable: missing, present: false } }
      : keyVariable !== undefined
        ? { credential: { variable: keyVariable, present: true } }
        : {};
  let create: ((modelId: string) => LanguageModelV3) | undefined;
  const build = (): ((modelId: string) => LanguageModelV3) => {
    if (declared.type === 'openai') {
      const openai = openAiSdk().createOpenAI({
        name: declared.name,
        apiKey: apiKey ?? '',
        ...(baseURL.value === undefined ? {} : { baseURL: baseURL.value }),
      });
      return (modelId) => openai(modelId);
    }
    if (baseURL.value === undefined) {
      throw weftError('MODEL_PROVIDER_INVALID', {
        message: `The model provider "${declared.name}" (openai-compatible) has no baseURL in weft.yaml.`,
        details: { provider: declared.name, missing: 'baseURL' },
      });
    }
    const compatible = openAiCompatibleSdk().createOpenAICompatible({
      name: declared.name,
      baseURL: baseURL.value,
      ...(apiKey ? { apiKey } : {}),
      includeUsage: true,
      supportsStructuredOutputs: true,
    });
    return (modelId) => compatible(modelId);
  };
  return {
    name: declared.name,
    origin: 'project',
    ...credential,
    create: (modelId) => {
      create ??= build();
      return create(modelId);
    },
  };
}

/** What the resolver needs of the plugin registry (`PluginRegistry` has it). */
export interface ModelProviderRegistry {
  model(provider: string): ModelFactoryV1 | undefined;
  /** The registered provider names, for did-you-mean hints (optional). */
  modelNames?(): string[];
}

/** A provider a plugin registered with `registry.model(name, factory)`. */
export function pluginProvider(name: string, registry: ModelProviderRegistry): ModelProvider | undefined {
  const factory = registry.model(name);
  return factory === undefined ? undefined : { name, origin: 'plugin', create: factory };
}
