import { aiSdk } from '../ai-sdk/load-ai-sdk.js';
import { weftError } from '../errors/create-weft-error.js';
import { WeftError } from '../errors/weft-error.js';
import { maskSecrets } from '../secrets/secret-masker.js';

/** What the embedder was doing when a call failed (for the error's details). */
export interface EmbedderFailureContext {
  readonly embedder: string;
  /** 0-based index of the batch among the call's batches. */
  readonly batch: number;
  readonly batchSize: number;
  readonly attempts: number;
}

/**
 * Whether one more attempt could succeed: the provider said so (`APICallError.isRetryable`: 408,
 * 409, 429, 5xx, or no answer at all), or the failure is our own retryable error.
 *
 * @example
 * isRetryableEmbeddingError(new APICallError({ message: 'busy', url, requestBodyValues: {}, statusCode: 503 })); // true
 */
export function isRetryableEmbeddingError(error: unknown): boolean {
  if (aiSdk().APICallError.isInstance(error)) return error.isRetryable;
  if (WeftError.isInstance(error)) return error.retryable;
  return false;
}

/**
 * The `retry-after` delay the provider asked for, in milliseconds (`retry-after-ms`, or
 * `retry-after` as seconds), when it is a sensible number.
 *
 * @example
 * retryAfterMs(apiCallErrorWith({ 'retry-after': '2' })); // 2000
 */
export function retryAfterMs(error: unknown): number | undefined {
  if (!aiSdk().APICallError.isInstance(error)) return undefined;
  const headers = error.responseHeaders ?? {};
  const milliseconds = Number(headers['retry-after-ms']);
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const seconds = Number(headers['retry-after']);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/**
 * Maps a failed embedding call to `EMBEDDER_FAILED`, keeping the original as `cause`. The message
 * names the embedder, the HTTP status and the provider's reason (secrets masked, shortened); it never
 * includes the request (texts, headers, key). A `WeftError` (a dimension mismatch) passes unchanged.
 *
 * @example
 * throw embedderFailure(error, { embedder: 'openai:text-embedding-3-small', batch: 0, batchSize: 10, attempts: 3 });
 */
export function embedderFailure(error: unknown, context: EmbedderFailureContext): WeftError {
  if (WeftError.isInstance(error)) return error;
  const status = aiSdk().APICallError.isInstance(error) ? error.statusCode : undefined;
  const raw = error instanceof Error ? error.message : String(error);
  const reason = maskSecrets(raw).replace(/\s+/g, ' ').slice(0, 300);
  const where = status === undefined ? '' : ` (HTTP ${status})`;
  return weftError('EMBEDDER_FAILED', {
    message: `The embedder "${context.embedder}" failed${where} after ${context.attempts} attempt${context.attempts === 1 ? '' : 's'}: ${reason}`,
    details: {
      embedder: context.embedder,
      batch: context.batch,
      batchSize: context.batchSize,
      attempts: context.attempts,
      ...(status === undefined ? {} : { status }),
    },
    retryable: isRetryableEmbeddingError(error),
    cause: error,
  });
}
