import type { LanguageModelV3 } from '@ai-sdk/provider';
import { generateText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentError } from '../../../runtime/errors/agent-error.js';
import { WeftError } from '../../../runtime/errors/weft-error.js';
import {
  createModelResolver,
  type ModelResolverOptions,
} from '../../../runtime/models/create-model-resolver.js';
import { definePlugin } from '../../../runtime/plugins/define-plugin.js';
import { PluginRegistry } from '../../../runtime/plugins/plugin-registry.js';
import type { ProjectGraphV1 } from '../../../runtime/spec/v1/graph.js';
import { mockTextModel } from '../../../runtime/testing/mock-models.js';
import {
  type ScriptedOpenAIServer,
  startScriptedOpenAIServer,
} from '../../../runtime/testing/scripted-openai-server.js';

let server: ScriptedOpenAIServer;

beforeAll(async () => {
  server = await startScriptedOpenAIServer({
    script: (request) => ({ text: `${request.endpoint} ${request.model}` }),
  });
});

afterAll(async () => {
  await server.close();
});

type Project = ModelResolverOptions['project'];
const project = (
  providers: ProjectGraphV1['providers'] = [],
  models: ProjectGraphV1['models'] = {},
): Project => ({
  providers,
  models,
});

function errorOf(run: () => unknown): WeftError {
  try {
    run();
  } catch (error) {
    if (WeftError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a WeftError');
}

const lastAuthorization = () => server.requests.at(-1)?.headers.authorization;

describe('createModelResolver', () => {
  it('resolves openai: through the Responses API at OPENAI_BASE_URL, one instance per spec', async () => {
    const env = { OPENAI_API_KEY: 'sk-test-1', OPENAI_BASE_URL: server.url };
    const models = createModelResolver({ project: project(), registry: new PluginRegistry(), env });
    const model = models.resolve('openai:gpt-4o-mini');
    expect(models.resolve('openai:gpt-4o-mini')).toBe(model);
    expect((await generateText({ model, prompt: 'Hi' })).text).toBe('responses gpt-4o-mini');
    expect(lastAuthorization()).toBe('Bearer sk-test-1');
    expect(models.missingCredentials()).toEqual([]);
  });

  it('resolves a declared openai-compatible provider through Chat Completions, key and URL from the environment', async () => {
    const providers: ProjectGraphV1['providers'] = [
      {
        name: 'local',
        type: 'openai-compatible',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a weft.yaml env reference, not a JS template.
        baseURL: '${{ env.LOCAL_LLM_URL }}',
        apiKey: { $secret: 'LOCAL_LLM_KEY' },
      },
    ];
    const env = { LOCAL_LLM_URL: server.url, LOCAL_LLM_KEY: 'local-key' };
    const models = createModelResolver({ project: project(providers), registry: new PluginRegistry(), env });
    const { text } = await generateText({ model: models.resolve('local:llama3:8b'), prompt: 'Hi' });
    expect(text).toBe('chat.completions llama3:8b');
    expect(lastAuthorization()).toBe('Bearer local-key');
  });

  it('resolves a declared openai provider with its own base URL and key', async () => {
    const providers: ProjectGraphV1['providers'] = [
      { name: 'azure-like', type: 'openai', baseURL: server.url, apiKey: { $secret: 'AZURE_KEY' } },
    ];
    const models = createModelResolver({
      project: project(providers),
      registry: new PluginRegistry(),
      env: { AZURE_KEY: 'az' },
    });
    expect((await generateText({ model: models.resolve('azure-like:gpt-4o'), prompt: 'Hi' })).text).toBe(
      'responses gpt-4o',
    );
    expect(lastAuthorization()).toBe('Bearer az');
  });

  it('resolves plugin-registered providers, which take precedence over the built-in openai', async () => {
    const registry = new PluginRegistry();
    await registry.install(
      definePlugin({
        name: 'scripted-models',
        apiVersion: 'v1',
        setup(plugins) {
          plugins.model('scripted', (modelId) => mockTextModel(`scripted ${modelId}`));
          plugins.model('openai', (modelId) => mockTextModel(`replaced ${modelId}`));
          plugins.model('broken', () => ({}) as LanguageModelV3);
        },
      }),
    );
    const models = createModelResolver({ project: project(), registry, env: {} });
    expect((await generateText({ model: models.resolve('scripted:fast'), prompt: 'Hi' })).text).toBe(
      'scripted fast',
    );
    expect((await generateText({ model: models.resolve('openai:gpt-4o'), prompt: 'Hi' })).text).toBe(
      'replaced gpt-4o',
    );
    expect(errorOf(() => models.resolve('broken:x')).code).toBe('PLUGIN_INVALID');
  });

  it('lists a missing key and fails fast on resolve, naming the variable and never a value', () => {
    const providers: ProjectGraphV1['providers'] = [
      { name: 'local', type: 'openai-compatible', baseURL: server.url, apiKey: { $secret: 'LOCAL_LLM_KEY' } },
      { name: 'open-local', type: 'openai-compatible', baseURL: server.url },
    ];
    const env = { SOMETHING_ELSE: 'secret-value' };
    const models = createModelResolver({
      project: project(providers, { default: 'openai:gpt-4o-mini' }),
      registry: new PluginRegistry(),
      env,
    });
    expect(models.missingCredentials()).toEqual([
      { provider: 'local', variable: 'LOCAL_LLM_KEY' },
      { provider: 'openai', variable: 'OPENAI_API_KEY' },
    ]);
    const error = errorOf(() => models.resolve('openai:gpt-4o-mini'));
    expect(error).toBeInstanceOf(AgentError);
    expect(error).toMatchObject({
      code: 'MODEL_CREDENTIALS_MISSING',
      status: 503,
      category: 'user',
      retryable: false,
    });
    expect(error.message).toContain('OPENAI_API_KEY');
    expect(error.details).toEqual({
      model: 'openai:gpt-4o-mini',
      provider: 'openai',
      variable: 'OPENAI_API_KEY',
    });
    expect(errorOf(() => models.resolve('local:llama3')).details?.variable).toBe('LOCAL_LLM_KEY');
    expect(JSON.stringify(error)).not.toContain('secret-value');
    expect(models.resolve('open-local:llama3').modelId).toBe('llama3');
  });

  it('does not warn about the built-in openai when nothing uses it', () => {
    const models = createModelResolver({
      project: project([], { embedding: 'local:hash-384' }),
      registry: new PluginRegistry(),
      env: {},
    });
    expect(models.missingCredentials()).toEqual([]);
    const used = createModelResolver({
      project: project(),
      registry: new PluginRegistry(),
      env: {},
      models: ['openai:gpt-4o'],
    });
    expect(used.missingCredentials()).toEqual([{ provider: 'openai', variable: 'OPENAI_API_KEY' }]);
  });

  it.each([
    ['opena:gpt-4o-mini', 'Unknown model provider "opena" in "opena:gpt-4o-mini". Did you mean "openai"?'],
    ['anthropic:claude', 'Unknown model provider "anthropic" in "anthropic:claude".'],
    [
      'gpt-4o-mini',
      'The model "gpt-4o-mini" names no provider: write it as provider:model (for example openai:gpt-4o-mini).',
    ],
  ])('rejects %s as MODEL_PROVIDER_UNKNOWN', (spec, message) => {
    const models = createModelResolver({
      project: project(),
      registry: new PluginRegistry(),
      env: { OPENAI_API_KEY: 'k' },
    });
    const error = errorOf(() => models.resolve(spec));
    expect(error).toBeInstanceOf(AgentError);
    expect(error).toMatchObject({ code: 'MODEL_PROVIDER_UNKNOWN', status: 400, message });
  });

  it('reports an openai-compatible provider declared without a base URL', () => {
    const providers: ProjectGraphV1['providers'] = [{ name: 'local', type: 'openai-compatible' }];
    const models = createModelResolver({
      project: project(providers),
      registry: new PluginRegistry(),
      env: {},
    });
    expect(errorOf(() => models.resolve('local:llama3')).code).toBe('MODEL_PROVIDER_INVALID');
  });
});
