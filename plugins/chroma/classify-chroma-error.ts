import {
  classifyHttpFailure,
  messageOf,
  networkFailure,
} from '../../runtime/vector/hosted/classify-vector-failure.js';
import type { VectorCallFailure } from '../../runtime/vector/hosted/retry-call.js';

const statusByName: Readonly<Record<string, number>> = {
  ChromaClientError: 400,
  InvalidArgumentError: 400,
  ChromaAuthError: 401,
  ChromaUnauthorizedError: 401,
  ChromaForbiddenError: 403,
  ChromaNotFoundError: 404,
  ChromaUniqueError: 409,
  ChromaRateLimitError: 429,
  ChromaServerError: 500,
};

/**
 * Maps an error of the Chroma client to a catalogue code. The client turns each HTTP status into
 * a named error (`ChromaNotFoundError`, `ChromaRateLimitError`, `ChromaServerError` for 5xx, ...)
 * and every failure before an answer into `ChromaConnectionError`; a quota error is not retried.
 *
 * @example
 * classifyChromaError(error); // { code: 'VECTOR_STORE_UNAVAILABLE', retryable: true, ... }
 */
export function classifyChromaError(error: unknown): VectorCallFailure {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'ChromaConnectionError') return networkFailure(error);
  if (name === 'ChromaQuotaExceededError')
    return { code: 'VECTOR_STORE_FAILED', retryable: false, reason: message };
  const status = statusByName[name];
  if (status !== undefined) return classifyHttpFailure(status, message);
  if (name === 'ChromaValueError' || name === 'InvalidCollectionError') {
    return { code: 'VECTOR_STORE_FAILED', retryable: false, reason: message };
  }
  return { code: 'VECTOR_STORE_FAILED', retryable: false, reason: messageOf(error) };
}
