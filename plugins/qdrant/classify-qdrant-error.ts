import {
  classifyHttpFailure,
  messageOf,
  networkFailure,
} from '../../runtime/vector/hosted/classify-vector-failure.js';
import type { VectorCallFailure } from '../../runtime/vector/hosted/retry-call.js';

/**
 * Maps an error of the Qdrant client to a catalogue code: an `ApiError` carries the HTTP status
 * and Qdrant's `{ status: { error } }` body; `QdrantClientResourceExhaustedError` is a 429 with
 * `Retry-After`; `QdrantClientTimeoutError` is the client's own timeout; anything else before an
 * answer is a network failure.
 *
 * @example
 * classifyQdrantError(error); // { code: 'VECTOR_INDEX_NOT_FOUND', retryable: false, ... }
 */
export function classifyQdrantError(error: unknown): VectorCallFailure {
  if (!(error instanceof Error)) return networkFailure(error);
  const fields = error as Error & { status?: unknown; data?: unknown; retry_after?: unknown };
  if (error.name === 'QdrantClientResourceExhaustedError') {
    const seconds = typeof fields.retry_after === 'number' ? fields.retry_after : 0;
    return classifyHttpFailure(429, error.message, seconds * 1000);
  }
  if (error.name === 'QdrantClientTimeoutError') {
    return { code: 'VECTOR_STORE_TIMEOUT', retryable: true, reason: 'the client timed out' };
  }
  if (typeof fields.status === 'number')
    return classifyHttpFailure(fields.status, reasonOf(fields.data, error.message));
  if (error.name === 'QdrantClientUnexpectedResponseError' || error.name === 'QdrantClientConfigError') {
    return { code: 'VECTOR_STORE_FAILED', retryable: false, reason: error.message };
  }
  return networkFailure(messageOf(error));
}

function reasonOf(data: unknown, fallback: string): string {
  if (typeof data === 'object' && data !== null && 'status' in data) {
    const status = (data as { status: unknown }).status;
    if (typeof status === 'object' && status !== null && 'error' in status) return String(status.error);
  }
  return fallback;
}
