import { AsyncLocalStorage } from 'node:async_hooks';
import type { ErrorCode } from '../../errors/catalogue.js';
import { weftError } from '../../errors/create-weft-error.js';
import { WeftError } from '../../errors/weft-error.js';

/**
 * How a hosted vector store call is retried and bounded.
 *
 * @example
 * const policy: RetryPolicy = { retries: 3, baseDelayMs: 200, maxDelayMs: 5000, timeoutMs: 30000 };
 */
export interface RetryPolicy {
  /** Extra attempts after the first one (0 = no retry). */
  readonly retries: number;
  /** The backoff before the first retry; it doubles each retry (full jitter). */
  readonly baseDelayMs: number;
  /** The longest backoff. */
  readonly maxDelayMs: number;
  /** How long one attempt may take before it is aborted (`VECTOR_STORE_TIMEOUT`). */
  readonly timeoutMs: number;
}

/**
 * The retry policy of every hosted store unless its weft.yaml config says otherwise.
 *
 * @example
 * const policy = { ...defaultRetryPolicy, timeoutMs: 5_000 };
 */
export const defaultRetryPolicy: RetryPolicy = {
  retries: 3,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  timeoutMs: 30_000,
};

/**
 * What a store's error classifier says about an upstream failure.
 *
 * @example
 * const failure: VectorCallFailure = { code: 'VECTOR_STORE_RATE_LIMITED', retryable: true, reason: 'HTTP 429', status: 429 };
 */
export interface VectorCallFailure {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  /** The upstream reason, for the message (never a secret). */
  readonly reason: string;
  /** The HTTP status, when the failure was an HTTP answer. */
  readonly status?: number;
  /** The wait the service asked for (`Retry-After`), in ms. */
  readonly retryAfterMs?: number;
}

/**
 * What `retryCall` needs besides the call: names for messages, the policy and the classifier.
 *
 * @example
 * const options: RetryCallOptions = { store: 'qdrant', operation: 'query "docs"', policy: defaultRetryPolicy, classify: classifyQdrantError };
 */
export interface RetryCallOptions {
  /** The store (`pinecone`), for messages and details. */
  readonly store: string;
  /** What was attempted (`upsert into "docs"`), for messages. */
  readonly operation: string;
  readonly policy: RetryPolicy;
  /** Maps an upstream error to a catalogue code; errors that are already WeftErrors pass through. */
  readonly classify: (error: unknown) => VectorCallFailure;
  /** Extra details for the thrown error (`{ index }`). */
  readonly details?: Readonly<Record<string, unknown>>;
  /** Randomness for the jitter, in [0, 1) (injected by tests). */
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const attemptSignals = new AsyncLocalStorage<AbortSignal>();

/**
 * The abort signal of the attempt running in this async context, for client hooks (a `fetch`
 * wrapper, a request interceptor) that cannot take a signal per call.
 *
 * @example
 * const fetchWithTimeout: typeof fetch = (input, init) =>
 *   fetch(input, { ...init, signal: currentAttemptSignal() ?? null });
 */
export function currentAttemptSignal(): AbortSignal | undefined {
  return attemptSignals.getStore();
}

class AttemptTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * Runs one call to a hosted vector service with a timeout per attempt and retries with
 * exponential backoff and full jitter on retryable failures (429, 5xx, network errors, timeouts).
 * The final failure is a catalogue error (`VECTOR_STORE_RATE_LIMITED`, `VECTOR_STORE_TIMEOUT`, ...)
 * whose `cause` is the upstream error. An attempt that outlives `timeoutMs` is abandoned even when
 * the client ignores the abort signal, so a call never hangs.
 *
 * @example
 * const hits = await retryCall((signal) => client.query({ ... }, { signal }), {
 *   store: 'qdrant', operation: 'query "docs"', policy: defaultRetryPolicy, classify: classifyQdrantError,
 * });
 */
export async function retryCall<T>(
  call: (signal: AbortSignal) => Promise<T>,
  options: RetryCallOptions,
): Promise<T> {
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const { policy } = options;
  for (let attempt = 0; ; attempt += 1) {
    let failure: VectorCallFailure;
    let cause: unknown;
    try {
      return await attemptOnce(call, policy.timeoutMs);
    } catch (error) {
      if (WeftError.isInstance(error)) throw error;
      cause = error;
      failure =
        error instanceof AttemptTimeout
          ? { code: 'VECTOR_STORE_TIMEOUT', retryable: true, reason: error.message }
          : options.classify(error);
    }
    if (!failure.retryable || attempt >= policy.retries) {
      throw weftError(failure.code, {
        message: `${options.store}: ${options.operation} failed${attempt > 0 ? ` after ${attempt + 1} attempts` : ''}: ${failure.reason}`,
        details: {
          store: options.store,
          attempts: attempt + 1,
          ...(failure.status === undefined ? {} : { status: failure.status }),
          ...options.details,
        },
        cause,
      });
    }
    const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt) * random();
    await sleep(Math.max(backoff, Math.min(failure.retryAfterMs ?? 0, policy.maxDelayMs)));
  }
}

async function attemptOnce<T>(call: (signal: AbortSignal) => Promise<T>, timeoutMs: number): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const timeout = new AttemptTimeout(timeoutMs);
      controller.abort(timeout);
      reject(timeout);
    }, timeoutMs);
  });
  try {
    const running = attemptSignals.run(controller.signal, () => call(controller.signal));
    // The client's own rejection after an abort is noise: the timeout is the answer.
    running.catch(() => undefined);
    return await Promise.race([running, timedOut]);
  } catch (error) {
    if (controller.signal.aborted && controller.signal.reason instanceof AttemptTimeout) {
      throw controller.signal.reason;
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
