import type { EmbeddingModelV3 } from '@ai-sdk/provider';
import { aiSdk } from '../ai-sdk/load-ai-sdk.js';
import { weftError } from '../errors/create-weft-error.js';
import type { EmbedderV1, EmbedOptionsV1 } from '../spec/v1/embedder.js';
import { embedderFailure } from './embedder-failure.js';
import {
  EmbeddingAttemptsFailed,
  type EmbeddingRetryPolicy,
  retryEmbeddingCall,
} from './retry-embedding-call.js';

/** Options of {@link createAiSdkEmbedder}. */
export interface AiSdkEmbedderOptions {
  /** `provider:model`, for messages and `embedder.name`. */
  readonly name: string;
  /** An AI SDK embedding model (`openai.embedding('text-embedding-3-small')`, a mock...). */
  readonly model: EmbeddingModelV3;
  /**
   * The vector length the model returns. When absent it is `dimensions` if set, else learned from one
   * probe call when the embedder is created.
   */
  readonly dimension?: number;
  /** Asks the provider for vectors of this length (OpenAI `text-embedding-3-*` and compatible servers). */
  readonly dimensions?: number;
  /** The most texts one request carries; larger calls are split. Default the model's limit, else 2048. */
  readonly maxBatchSize?: number;
  readonly retry?: EmbeddingRetryPolicy;
}

/** A probe text used once to learn the dimension of a model nobody told us about. */
const probeText = 'dimension probe';

/**
 * An `EmbedderV1` over an AI SDK embedding model: splits a call into batches of `maxBatchSize`
 * texts (sent one after the other, in order), retries a batch with backoff on retryable failures
 * (429, 5xx, network), checks that every vector has `dimension` numbers
 * (`EMBEDDER_DIMENSION_MISMATCH`), maps failures to `EMBEDDER_FAILED` with the original as
 * `cause`, and passes the caller's `AbortSignal` to the HTTP request. Build it with
 * {@link createAiSdkEmbedder}.
 *
 * @example
 * const embedder = await createAiSdkEmbedder({ name: 'openai:text-embedding-3-small', model: openai.embedding('text-embedding-3-small'), dimension: 1536 });
 * const vectors = await embedder.embed(['refund policy', 'shipping times']);
 */
export class AiSdkEmbedder implements EmbedderV1 {
  readonly specificationVersion = 'v1' as const;
  readonly name: string;
  readonly dimension: number;
  readonly maxBatchSize: number;
  readonly #options: AiSdkEmbedderOptions;

  constructor(options: AiSdkEmbedderOptions & { readonly dimension: number }) {
    this.name = options.name;
    this.dimension = options.dimension;
    const modelLimit =
      typeof options.model.maxEmbeddingsPerCall === 'number' ? options.model.maxEmbeddingsPerCall : 2048;
    this.maxBatchSize = Math.max(1, Math.floor(options.maxBatchSize ?? modelLimit));
    this.#options = options;
  }

  async embed(texts: readonly string[], options: EmbedOptionsV1 = {}): Promise<number[][]> {
    const vectors: number[][] = [];
    for (let start = 0; start < texts.length; start += this.maxBatchSize) {
      const values = texts.slice(start, start + this.maxBatchSize);
      const batch = start / this.maxBatchSize;
      for (const embedding of await requestBatch(this.#options, values, batch, options.signal)) {
        if (embedding.length !== this.dimension) {
          throw weftError('EMBEDDER_DIMENSION_MISMATCH', {
            message: `The embedder "${this.name}" returned a vector of ${embedding.length} numbers; ${this.dimension} were expected.`,
            details: {
              embedder: this.name,
              expected: this.dimension,
              actual: embedding.length,
              index: vectors.length,
            },
          });
        }
        vectors.push(embedding);
      }
    }
    return vectors;
  }
}

/** One request (with retries) for one batch; every failure is `EMBEDDER_FAILED` (or the abort reason). */
async function requestBatch(
  options: AiSdkEmbedderOptions,
  values: string[],
  batch: number,
  signal: AbortSignal | undefined,
): Promise<number[][]> {
  const { dimensions, name } = options;
  const providerOptions =
    dimensions === undefined ? undefined : { openai: { dimensions }, openaiCompatible: { dimensions } };
  let embeddings: number[][];
  try {
    const result = await retryEmbeddingCall(
      () =>
        aiSdk().embedMany({
          model: options.model,
          values,
          maxRetries: 0,
          maxParallelCalls: 1,
          ...(signal === undefined ? {} : { abortSignal: signal }),
          ...(providerOptions === undefined ? {} : { providerOptions }),
        }),
      options.retry ?? {},
      signal,
    );
    embeddings = result.embeddings;
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const attempts = error instanceof EmbeddingAttemptsFailed ? error.attempts : 1;
    const cause = error instanceof EmbeddingAttemptsFailed ? error.lastError : error;
    throw embedderFailure(cause, { embedder: name, batch, batchSize: values.length, attempts });
  }
  if (embeddings.length !== values.length) {
    throw weftError('EMBEDDER_FAILED', {
      message: `The embedder "${name}" returned ${embeddings.length} vectors for ${values.length} texts.`,
      details: { embedder: name, batch, batchSize: values.length },
      retryable: false,
    });
  }
  return embeddings;
}

/**
 * Builds an {@link AiSdkEmbedder}. When neither `dimension` nor `dimensions` is given, one probe
 * request learns the model's vector length (its failure is `EMBEDDER_FAILED`).
 *
 * @example
 * const embedder = await createAiSdkEmbedder({ name: 'ollama:nomic-embed-text', model: ollama.textEmbeddingModel('nomic-embed-text') });
 * embedder.dimension; // 768, learned from the probe
 */
export async function createAiSdkEmbedder(options: AiSdkEmbedderOptions): Promise<AiSdkEmbedder> {
  const known = options.dimension ?? options.dimensions;
  if (known !== undefined) return new AiSdkEmbedder({ ...options, dimension: known });
  const [vector] = await requestBatch(options, [probeText], 0, undefined);
  if (vector === undefined || vector.length === 0) {
    throw weftError('EMBEDDER_FAILED', {
      message: `The embedder "${options.name}" returned an empty vector.`,
      details: { embedder: options.name },
      retryable: false,
    });
  }
  return new AiSdkEmbedder({ ...options, dimension: vector.length });
}
