import type { EmbeddingModelV3CallOptions } from '@ai-sdk/provider';
import { APICallError } from 'ai';
import { MockEmbeddingModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { createAiSdkEmbedder } from '../../../runtime/embedders/ai-sdk-embedder.js';
import { WeftError } from '../../../runtime/errors/weft-error.js';

/** A mock model answering `[length, index]`-shaped vectors of `dimension` numbers. */
function mockModel(dimension: number, fail?: (call: number) => unknown) {
  let calls = 0;
  return new MockEmbeddingModelV3({
    provider: 'mock',
    modelId: 'mock-embed',
    maxEmbeddingsPerCall: 100,
    doEmbed: async ({ values }: EmbeddingModelV3CallOptions) => {
      calls += 1;
      const failure = fail?.(calls);
      if (failure !== undefined) throw failure;
      return {
        embeddings: values.map((text) => [text.length, ...new Array(dimension - 1).fill(0)]),
        warnings: [],
      };
    },
  });
}

const apiError = (statusCode: number, message = 'upstream says no') =>
  new APICallError({ message, url: 'http://127.0.0.1/v1/embeddings', requestBodyValues: {}, statusCode });

async function failureOf(promise: Promise<unknown>): Promise<WeftError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!WeftError.isInstance(error)) throw new Error(`expected a WeftError, got ${String(error)}`);
  return error;
}

const noWait = { wait: async () => undefined };

describe('AiSdkEmbedder', () => {
  it('splits a call into batches of maxBatchSize, in order', async () => {
    const model = mockModel(3);
    const embedder = await createAiSdkEmbedder({ name: 'mock:embed', model, dimension: 3, maxBatchSize: 2 });
    const vectors = await embedder.embed(['a', 'bb', 'ccc', 'dddd', 'eeeee']);
    expect(vectors.map((vector) => vector[0])).toEqual([1, 2, 3, 4, 5]);
    expect(model.doEmbedCalls.map((call) => call.values)).toEqual([['a', 'bb'], ['ccc', 'dddd'], ['eeeee']]);
    expect(embedder.maxBatchSize).toBe(2);
  });

  it("defaults maxBatchSize to the model's limit", async () => {
    const embedder = await createAiSdkEmbedder({ name: 'mock:embed', model: mockModel(3), dimension: 3 });
    expect(embedder.maxBatchSize).toBe(100);
  });

  it('learns the dimension from one probe call when none is given', async () => {
    const model = mockModel(7);
    const embedder = await createAiSdkEmbedder({ name: 'mock:embed', model });
    expect(embedder.dimension).toBe(7);
    expect(model.doEmbedCalls).toHaveLength(1);
  });

  it('asks for `dimensions` through the provider options and expects that length', async () => {
    const model = mockModel(4);
    const embedder = await createAiSdkEmbedder({ name: 'mock:embed', model, dimensions: 4 });
    await embedder.embed(['x']);
    expect(embedder.dimension).toBe(4);
    expect(model.doEmbedCalls[0]?.providerOptions).toEqual({
      openai: { dimensions: 4 },
      openaiCompatible: { dimensions: 4 },
    });
  });

  it('checks every vector: a wrong length is EMBEDDER_DIMENSION_MISMATCH', async () => {
    const embedder = await createAiSdkEmbedder({ name: 'mock:embed', model: mockModel(5), dimension: 3 });
    const error = await failureOf(embedder.embed(['x']));
    expect(error.code).toBe('EMBEDDER_DIMENSION_MISMATCH');
    expect(error.details).toMatchObject({ expected: 3, actual: 5 });
  });

  it('retries retryable failures (429, 5xx) with backoff, then succeeds', async () => {
    const waits: number[] = [];
    const model = mockModel(3, (call) => (call <= 2 ? apiError(call === 1 ? 429 : 503) : undefined));
    const embedder = await createAiSdkEmbedder({
      name: 'mock:embed',
      model,
      dimension: 3,
      retry: { maxRetries: 3, initialDelayMs: 10, wait: async (ms) => void waits.push(ms) },
    });
    expect(await embedder.embed(['abc'])).toEqual([[3, 0, 0]]);
    expect(model.doEmbedCalls).toHaveLength(3);
    expect(waits).toEqual([10, 20]);
  });

  it.each([
    ['a retryable failure that lasts', 503, 3, true],
    ['a client error, at once', 400, 1, false],
  ])('maps %s to EMBEDDER_FAILED with the cause', async (_name, status, attempts, retryable) => {
    const model = mockModel(3, () => apiError(status, 'bad things; key sk-should-not-matter'));
    const embedder = await createAiSdkEmbedder({
      name: 'mock:embed',
      model,
      dimension: 3,
      retry: { maxRetries: 2, ...noWait },
    });
    const error = await failureOf(embedder.embed(['abc']));
    expect(error).toMatchObject({ code: 'EMBEDDER_FAILED', category: 'third_party', retryable, status: 502 });
    expect(error.details).toMatchObject({ embedder: 'mock:embed', status, attempts, batch: 0, batchSize: 1 });
    expect(error.message).toContain(`HTTP ${status}`);
    expect(APICallError.isInstance(error.cause)).toBe(true);
    expect(model.doEmbedCalls).toHaveLength(attempts);
  });

  it('passes the AbortSignal to the model and rejects with its reason', async () => {
    const controller = new AbortController();
    const model = new MockEmbeddingModelV3({
      doEmbed: async ({ abortSignal }: EmbeddingModelV3CallOptions) => {
        controller.abort(new Error('caller went away'));
        abortSignal?.throwIfAborted();
        return { embeddings: [[1, 0, 0]], warnings: [] };
      },
    });
    const embedder = await createAiSdkEmbedder({ name: 'mock:embed', model, dimension: 3 });
    await expect(embedder.embed(['x'], { signal: controller.signal })).rejects.toThrow('caller went away');
    expect(model.doEmbedCalls[0]?.abortSignal).toBeDefined();
  });
});
