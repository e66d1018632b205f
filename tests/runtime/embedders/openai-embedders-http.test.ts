import { createOpenAI } from '@ai-sdk/openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAiSdkEmbedder } from '../../../runtime/embedders/ai-sdk-embedder.js';
import { createEmbedderResolver } from '../../../runtime/embedders/resolve-embedder.js';
import { WeftError } from '../../../runtime/errors/weft-error.js';
import { PluginRegistry } from '../../../runtime/plugins/plugin-registry.js';
import type { ProjectGraphV1 } from '../../../runtime/spec/v1/graph.js';
import type { RecordedEmbeddingRequest } from '../../../runtime/testing/embeddings-reply.js';
import { hashEmbedding } from '../../../runtime/testing/hash-embedding.js';
import {
  type ScriptedOpenAIServer,
  startScriptedOpenAIServer,
} from '../../../runtime/testing/scripted-openai-server.js';

const logger = { debug() {}, info() {}, warn() {}, error() {} };
const apiKey = 'sk-test-embedding-key-never-shown';
let server: ScriptedOpenAIServer;
let failWhen: (
  request: RecordedEmbeddingRequest,
  index: number,
) => { status: number; error: string } | undefined;
let calls = 0;

beforeAll(async () => {
  server = await startScriptedOpenAIServer({
    script: () => ({ text: 'unused' }),
    embeddingFailure: (request) => {
      calls += 1;
      return failWhen(request, calls);
    },
  });
});
afterAll(async () => {
  await server?.close();
});
beforeEach(() => {
  failWhen = () => undefined;
  calls = 0;
});

async function failureOf(promise: Promise<unknown>): Promise<WeftError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!WeftError.isInstance(error)) throw new Error(`expected a WeftError, got ${String(error)}`);
  return error;
}

function resolver(
  env: Record<string, string | undefined>,
  providers: ProjectGraphV1['providers'] = [],
  registry = new PluginRegistry(),
) {
  return createEmbedderResolver({
    registry,
    project: { providers, models: {} },
    projectDir: '/tmp',
    logger,
    env,
  });
}

describe('the openai embedder over real HTTP (scripted server, /v1/embeddings)', () => {
  it('resolves openai:text-embedding-3-small (1536 dimensions) from OPENAI_API_KEY / OPENAI_BASE_URL', async () => {
    const before = server.embeddingRequests.length;
    const embedder = await resolver({ OPENAI_API_KEY: apiKey, OPENAI_BASE_URL: server.url })(
      'openai:text-embedding-3-small',
    );
    expect(embedder).toMatchObject({
      name: 'openai:text-embedding-3-small',
      dimension: 1536,
      maxBatchSize: 2048,
    });
    const vectors = await embedder.embed(['refund policy', 'shipping times']);
    expect(vectors).toEqual([hashEmbedding('refund policy', 1536), hashEmbedding('shipping times', 1536)]);
    expect(server.embeddingRequests.slice(before)).toEqual([
      { model: 'text-embedding-3-small', input: ['refund policy', 'shipping times'], dimensions: 1536 },
    ]);
  });

  it('sends one request per batch of maxBatchSize texts', async () => {
    const openai = createOpenAI({ apiKey, baseURL: server.url });
    const embedder = await createAiSdkEmbedder({
      name: 'openai:text-embedding-3-small',
      model: openai.embedding('text-embedding-3-small'),
      dimension: 1536,
      maxBatchSize: 2,
    });
    const before = server.embeddingRequests.length;
    const texts = ['one', 'two', 'three', 'four', 'five'];
    const vectors = await embedder.embed(texts);
    expect(vectors).toEqual(texts.map((text) => hashEmbedding(text, 1536)));
    expect(server.embeddingRequests.slice(before).map((request) => request.input)).toEqual([
      ['one', 'two'],
      ['three', 'four'],
      ['five'],
    ]);
  });

  it('fails a call whose batch the server refuses with EMBEDDER_FAILED, naming the batch, never the key', async () => {
    failWhen = (request) =>
      request.input.includes('three') ? { status: 400, error: 'input three is not allowed' } : undefined;
    const openai = createOpenAI({ apiKey, baseURL: server.url });
    const embedder = await createAiSdkEmbedder({
      name: 'openai:text-embedding-3-small',
      model: openai.embedding('text-embedding-3-small'),
      dimension: 1536,
      maxBatchSize: 2,
      retry: { maxRetries: 2, wait: async () => undefined },
    });
    const error = await failureOf(embedder.embed(['one', 'two', 'three', 'four']));
    expect(error).toMatchObject({ code: 'EMBEDDER_FAILED', retryable: false, status: 502 });
    expect(error.details).toMatchObject({ batch: 1, batchSize: 2, status: 400, attempts: 1 });
    expect(error.message).toContain('input three is not allowed');
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(apiKey);
  });

  it('retries a batch the server fails with 500, then succeeds', async () => {
    failWhen = (_request, index) => (index === 1 ? { status: 500, error: 'busy' } : undefined);
    const embedder = await resolver({ OPENAI_API_KEY: apiKey, OPENAI_BASE_URL: server.url })(
      'openai:text-embedding-3-small',
    );
    // The default policy waits 500 ms before the retry.
    expect(await embedder.embed(['hello'])).toEqual([hashEmbedding('hello', 1536)]);
    expect(calls).toBe(2);
  });

  it('checks the vector length of a known model: text-embedding-3-large answered with 1536 numbers', async () => {
    const embedder = await resolver({ OPENAI_API_KEY: apiKey, OPENAI_BASE_URL: server.url })(
      'openai:text-embedding-3-large',
    );
    expect(embedder.dimension).toBe(3072);
    const error = await failureOf(embedder.embed(['hello']));
    expect(error.code).toBe('EMBEDDER_DIMENSION_MISMATCH');
    expect(error.details).toMatchObject({ expected: 3072, actual: 1536 });
  });

  it('resolves a weft.yaml openai-compatible provider by its baseURL, learning the dimension from a probe', async () => {
    const before = server.embeddingRequests.length;
    const embedder = await resolver({ LOCAL_LLM_URL: server.url }, [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: weft.yaml's env reference, not a JS template
      { name: 'local-llm', type: 'openai-compatible', baseURL: '${{ env.LOCAL_LLM_URL }}' },
    ])('local-llm:nomic-embed-text');
    expect(embedder).toMatchObject({ name: 'local-llm:nomic-embed-text', dimension: 1536 });
    expect(await embedder.embed(['hi'])).toEqual([hashEmbedding('hi', 1536)]);
    expect(server.embeddingRequests.slice(before).map((request) => request.model)).toEqual([
      'nomic-embed-text',
      'nomic-embed-text',
    ]);
  });
});

describe('resolving embedders', () => {
  it('defaults to models.embedding, else local:hash-384, and caches one embedder per name', async () => {
    const resolve = resolver({});
    const embedder = await resolve();
    expect(embedder.name).toBe('local:hash-384');
    expect(await resolve('local:hash-384')).toBe(embedder);
    const configured = createEmbedderResolver({
      registry: new PluginRegistry(),
      project: { providers: [], models: { embedding: 'local:hash-64' } },
      projectDir: '/tmp',
      logger,
    });
    expect((await configured()).dimension).toBe(64);
  });

  it('fails an unknown provider with EMBEDDER_NOT_FOUND, listing the known ones with a suggestion', async () => {
    const error = await failureOf(resolver({})('opnai:text-embedding-3-small'));
    expect(error.code).toBe('EMBEDDER_NOT_FOUND');
    expect(error.details).toMatchObject({
      provider: 'opnai',
      known: ['local', 'openai'],
      suggestion: 'openai',
    });
    expect((await failureOf(resolver({})('no-colon'))).code).toBe('EMBEDDER_NOT_FOUND');
  });

  it('names the missing key variable (MODEL_CREDENTIALS_MISSING), and works once it is set', async () => {
    const env: Record<string, string | undefined> = { OPENAI_BASE_URL: server.url };
    const resolve = resolver(env);
    const error = await failureOf(resolve('openai:text-embedding-3-small'));
    expect(error.code).toBe('MODEL_CREDENTIALS_MISSING');
    expect(error.details).toMatchObject({ variable: 'OPENAI_API_KEY' });
    env.OPENAI_API_KEY = apiKey;
    expect((await resolve('openai:text-embedding-3-small')).dimension).toBe(1536);
  });

  it('uses a provider a plugin registers (registry.embedder), and refuses a factory result that is no embedder', async () => {
    const registry = new PluginRegistry();
    await registry.install({
      name: 'acme-embeddings',
      apiVersion: 'v1',
      setup(plugin) {
        plugin.embedder('acme', ({ modelId }) => ({
          specificationVersion: 'v1',
          name: `acme:${modelId}`,
          dimension: 2,
          embed: async (texts) => texts.map(() => [1, 0]),
        }));
        plugin.embedder('broken', () => ({}) as never);
      },
    });
    const resolve = resolver({}, [], registry);
    expect(await (await resolve('acme:tiny')).embed(['x'])).toEqual([[1, 0]]);
    expect((await failureOf(resolve('broken:x'))).code).toBe('PLUGIN_INVALID');
    expect((await failureOf(resolve('nope:x'))).details).toMatchObject({
      known: ['acme', 'broken', 'local', 'openai'],
    });
  });
});
