import type { VectorCallFailure } from './retry-call.js';

/**
 * The catalogue code of an HTTP error answer from a hosted vector service: 401/403 refused
 * credentials, 404 a missing index, 409 a conflicting index, 429 rate limiting (retried), 408/504
 * a timeout (retried), other 5xx an unavailable service (retried), other 4xx a rejected request.
 * A 400 whose text says the vector length is wrong is `VECTOR_DIMENSION_MISMATCH`.
 *
 * @example
 * classifyHttpFailure(429, 'Too many requests'); // { code: 'VECTOR_STORE_RATE_LIMITED', retryable: true, ... }
 */
export function classifyHttpFailure(
  status: number,
  reason: string,
  retryAfterMs?: number,
): VectorCallFailure {
  const base = { status, reason: `HTTP ${status}${reason === '' ? '' : `: ${reason}`}` };
  const retryAfter = retryAfterMs === undefined ? {} : { retryAfterMs };
  if (status === 401 || status === 403)
    return { ...base, code: 'VECTOR_STORE_UNAUTHORIZED', retryable: false };
  if (status === 404) return { ...base, code: 'VECTOR_INDEX_NOT_FOUND', retryable: false };
  if (status === 409) return { ...base, code: 'VECTOR_INDEX_CONFLICT', retryable: false };
  if (status === 429) return { ...base, ...retryAfter, code: 'VECTOR_STORE_RATE_LIMITED', retryable: true };
  if (status === 408 || status === 504) return { ...base, code: 'VECTOR_STORE_TIMEOUT', retryable: true };
  if (status >= 500) return { ...base, ...retryAfter, code: 'VECTOR_STORE_UNAVAILABLE', retryable: true };
  if (isDimensionMessage(reason)) return { ...base, code: 'VECTOR_DIMENSION_MISMATCH', retryable: false };
  return { ...base, code: 'VECTOR_STORE_FAILED', retryable: false };
}

/**
 * A failure before any HTTP answer (refused connection, reset socket, DNS): retried as
 * `VECTOR_STORE_UNAVAILABLE`.
 *
 * @example
 * networkFailure(new TypeError('fetch failed')); // { code: 'VECTOR_STORE_UNAVAILABLE', retryable: true, ... }
 */
export function networkFailure(error: unknown): VectorCallFailure {
  return { code: 'VECTOR_STORE_UNAVAILABLE', retryable: true, reason: `network error: ${messageOf(error)}` };
}

/**
 * Whether a service's error text is about a vector of the wrong length (the wording of Pinecone,
 * Qdrant and Chroma).
 *
 * @example
 * isDimensionMessage('Vector dimension 3 does not match the dimension of the index 4'); // true
 */
export function isDimensionMessage(text: string): boolean {
  return /dimension/i.test(text) && /(match|expect|wrong|got)/i.test(text);
}

/**
 * The message of an error, following `cause` when the outer message says little.
 *
 * @example
 * messageOf(new Error('fetch failed', { cause: new Error('ECONNREFUSED') })); // 'fetch failed (ECONNREFUSED)'
 */
export function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${inner}`;
}
