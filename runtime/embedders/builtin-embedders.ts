import type { EmbeddingModelV3 } from '@ai-sdk/provider';
import { openAiCompatibleSdk, openAiSdk } from '../ai-sdk/load-ai-sdk.js';
import { weftError } from '../errors/create-weft-error.js';
import type { PluginRegistry } from '../plugins/plugin-registry.js';
import type { ProjectGraphV1 } from '../spec/v1/graph.js';
import type { EmbedderFactoryV1 } from '../spec/v1/plugin.js';
import type { LoggerV1 } from '../spec/v1/tool-executor.js';
import { createAiSdkEmbedder } from './ai-sdk-embedder.js';
import { LocalHashEmbedder } from './local-hash-embedder.js';

/** The environment variables providers read, by name. */
export type EmbedderEnvironment = Readonly<Record<string, string | undefined>>;

/** The name the built-in embedding providers are registered under in the plugin registry. */
export const builtinEmbeddersPlugin = 'weft:embedders';

/**
 * Vector lengths of OpenAI's embedding models (other models learn theirs from a first call).
 *
 * @example
 * openAIEmbeddingDimensions['text-embedding-3-small']; // 1536
 */
export const openAIEmbeddingDimensions: Readonly<Record<string, number>> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

type DeclaredProvider = ProjectGraphV1['providers'][number];

const envTemplate = /^\$\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

function missingVariable(provider: string, spec: string, variable: string) {
  return weftError('MODEL_CREDENTIALS_MISSING', {
    message: `The embedder "${spec}" needs the environment variable ${variable}, which is not set.`,
    details: { embedder: spec, provider, variable },
  });
}

/** A provider's base URL: text, or `${{ env.NAME }}` read now (unset: `MODEL_CREDENTIALS_MISSING`). */
function baseURLOf(provider: DeclaredProvider, spec: string, env: EmbedderEnvironment): string | undefined {
  if (provider.baseURL === undefined) return undefined;
  const variable = envTemplate.exec(provider.baseURL)?.[1];
  if (variable === undefined) return provider.baseURL;
  const value = env[variable];
  if (!value) throw missingVariable(provider.name, spec, variable);
  return value;
}

/** The embedding model of a provider declared in weft.yaml (`type: openai` or `openai-compatible`). */
function declaredEmbeddingModel(
  provider: DeclaredProvider,
  modelId: string,
  env: EmbedderEnvironment,
): EmbeddingModelV3 {
  const spec = `${provider.name}:${modelId}`;
  const keyVariable = provider.apiKey?.$secret ?? (provider.type === 'openai' ? 'OPENAI_API_KEY' : undefined);
  const apiKey = keyVariable === undefined ? undefined : env[keyVariable];
  if (keyVariable !== undefined && !apiKey) throw missingVariable(provider.name, spec, keyVariable);
  const baseURL = baseURLOf(provider, spec, env);
  if (provider.type === 'openai') {
    return openAiSdk()
      .createOpenAI({
        name: provider.name,
        apiKey: apiKey ?? '',
        ...(baseURL === undefined ? {} : { baseURL }),
      })
      .embedding(modelId);
  }
  if (baseURL === undefined) {
    throw weftError('MODEL_PROVIDER_INVALID', {
      message: `The model provider "${provider.name}" (openai-compatible) has no baseURL in weft.yaml.`,
      details: { provider: provider.name, missing: 'baseURL' },
    });
  }
  return openAiCompatibleSdk()
    .createOpenAICompatible({
      name: provider.name,
      baseURL,
      ...(apiKey ? { apiKey } : {}),
    })
    .embeddingModel(modelId);
}

/** The built-in `openai` embedder: `OPENAI_API_KEY`, optional `OPENAI_BASE_URL`. */
function builtinOpenAIModel(modelId: string, env: EmbedderEnvironment): EmbeddingModelV3 {
  const apiKey = env.OPENAI_API_KEY;
  if (!apiKey) throw missingVariable('openai', `openai:${modelId}`, 'OPENAI_API_KEY');
  const baseURL = env.OPENAI_BASE_URL;
  return openAiSdk()
    .createOpenAI({ apiKey, ...(baseURL ? { baseURL } : {}) })
    .embedding(modelId);
}

/** An embedder factory over an AI SDK model builder (known OpenAI dimensions, else a probe call). */
function aiSdkFactory(
  provider: string,
  model: (modelId: string) => EmbeddingModelV3,
  openAIModels: boolean,
): EmbedderFactoryV1 {
  return ({ modelId }) => {
    const dimension = openAIModels ? openAIEmbeddingDimensions[modelId] : undefined;
    return createAiSdkEmbedder({
      name: `${provider}:${modelId}`,
      model: model(modelId),
      ...(dimension === undefined ? {} : { dimension }),
    });
  };
}

/**
 * Registers the built-in embedding providers through the plugin registry, the same API plugins use:
 * `local` (`local:hash-<dimension>`, offline), `openai` (`OPENAI_API_KEY`, `OPENAI_BASE_URL`) and
 * every provider declared in weft.yaml `providers` (`openai` or `openai-compatible` with a
 * `baseURL`). A name a plugin already registered is left to the plugin (logged). Credentials are
 * read when an embedder is built, so a missing key fails only the embedder that needs it
 * (`MODEL_CREDENTIALS_MISSING`, naming the variable, never a value).
 *
 * @example
 * registerBuiltinEmbedders(registry, graph.project.providers, process.env, logger);
 * await registry.embedder('local')?.({ projectDir, modelId: 'hash-384', logger });
 */
export function registerBuiltinEmbedders(
  registry: PluginRegistry,
  providers: ProjectGraphV1['providers'],
  env: EmbedderEnvironment,
  logger: LoggerV1,
): void {
  const view = registry.viewFor(builtinEmbeddersPlugin);
  const factories = new Map<string, EmbedderFactoryV1>([
    ['local', ({ modelId }) => LocalHashEmbedder.fromModelId(modelId)],
    ['openai', aiSdkFactory('openai', (modelId) => builtinOpenAIModel(modelId, env), true)],
  ]);
  for (const provider of providers) {
    factories.set(
      provider.name,
      aiSdkFactory(
        provider.name,
        (modelId) => declaredEmbeddingModel(provider, modelId, env),
        provider.type === 'openai',
      ),
    );
  }
  for (const [name, factory] of factories) {
    if (registry.embedder(name) === undefined) view.embedder(name, factory);
    else logger.debug('An embedding provider registered by a plugin takes precedence.', { provider: name });
  }
}
