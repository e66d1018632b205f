import { setTimeout as sleep } from 'node:timers/promises';
import { isRetryableEmbeddingError, retryAfterMs } from './embedder-failure.js';

/** How an embedding call is retried. */
export interface EmbeddingRetryPolicy {
  /** Retries after the first attempt (0: none). Default 2. */
  readonly maxRetries?: number;
  /** Delay before the first retry, doubled each time. Default 500 ms. */
  readonly initialDelayMs?: number;
  /** Longest delay between two attempts (also caps a provider's `retry-after`). Default 10 s. */
  readonly maxDelayMs?: number;
  /** Seam for tests: waits `ms` or rejects when `signal` aborts. Default a real timer. */
  readonly wait?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
}

/**
 * What {@link retryEmbeddingCall} rejects with when no attempt succeeded: the last error and how many
 * attempts were made (the embedder maps it to `EMBEDDER_FAILED`).
 *
 * @example
 * if (error instanceof EmbeddingAttemptsFailed) console.log(error.attempts, error.lastError);
 */
export class EmbeddingAttemptsFailed extends Error {
  constructor(
    readonly lastError: unknown,
    readonly attempts: number,
  ) {
    super('every embedding attempt failed', { cause: lastError });
  }
}

const realWait = (ms: number, signal: AbortSignal | undefined): Promise<void> =>
  sleep(ms, undefined, signal === undefined ? {} : { signal });

/**
 * Runs `call` and retries it, with exponential backoff (or the provider's `retry-after`), while it
 * fails with a retryable error (`APICallError.isRetryable`: 408, 409, 429, 5xx, network) and the
 * signal is not aborted. Rejects with {@link EmbeddingAttemptsFailed} (last error + attempt count),
 * or with the abort reason once aborted.
 *
 * @example
 * const vectors = await retryEmbeddingCall(() => embedMany({ model, values, maxRetries: 0 }), { maxRetries: 3 }, signal);
 */
export async function retryEmbeddingCall<T>(
  call: () => Promise<T>,
  policy: EmbeddingRetryPolicy,
  signal: AbortSignal | undefined,
): Promise<T> {
  const maxRetries = policy.maxRetries ?? 2;
  const initialDelayMs = policy.initialDelayMs ?? 500;
  const maxDelayMs = policy.maxDelayMs ?? 10_000;
  const wait = policy.wait ?? realWait;
  for (let attempt = 1; ; attempt += 1) {
    signal?.throwIfAborted();
    try {
      return await call();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (attempt > maxRetries || !isRetryableEmbeddingError(error))
        throw new EmbeddingAttemptsFailed(error, attempt);
      const backoff = initialDelayMs * 2 ** (attempt - 1);
      await wait(Math.min(maxDelayMs, retryAfterMs(error) ?? backoff), signal);
    }
  }
}
