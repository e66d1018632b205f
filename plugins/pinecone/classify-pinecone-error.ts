import {
  classifyHttpFailure,
  messageOf,
  networkFailure,
} from '../../runtime/vector/hosted/classify-vector-failure.js';
import type { VectorCallFailure } from '../../runtime/vector/hosted/retry-call.js';

const statusByName: Readonly<Record<string, number>> = {
  PineconeBadRequestError: 400,
  PineconeAuthorizationError: 401,
  PineconeNotFoundError: 404,
  PineconeMethodNotAllowedError: 405,
  PineconeConflictError: 409,
  PineconeUnprocessableEntityError: 422,
  PineconeInternalServerError: 500,
  PineconeNotImplementedError: 501,
  PineconeUnavailableError: 503,
};

/**
 * Maps an error of the Pinecone client to a catalogue code. The client turns HTTP answers into
 * named errors (`PineconeNotFoundError`, ...), statuses it does not map (429) into
 * `PineconeUnmappedHttpError` with the status in its message, a 5xx (its retries are off: weft
 * retries) into `PineconeMaxRetriesExceededError`, and network failures into
 * `PineconeConnectionError`.
 *
 * @example
 * classifyPineconeError(error); // { code: 'VECTOR_STORE_RATE_LIMITED', retryable: true, ... }
 */
export function classifyPineconeError(error: unknown): VectorCallFailure {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  const status = statusByName[name];
  if (status !== undefined) return classifyHttpFailure(status, message);
  if (name === 'PineconeUnmappedHttpError') {
    const unmapped = /Status: (\d{3})/.exec(message);
    if (unmapped?.[1] !== undefined) return classifyHttpFailure(Number(unmapped[1]), message);
  }
  if (name === 'PineconeMaxRetriesExceededError') {
    return {
      code: 'VECTOR_STORE_UNAVAILABLE',
      retryable: true,
      reason: 'the service answered with a server error (5xx)',
    };
  }
  if (name === 'PineconeConnectionError' || name === 'PineconeRequestError') return networkFailure(error);
  if (name === 'PineconeArgumentError' || name === 'PineconeConfigurationError') {
    return { code: 'VECTOR_STORE_FAILED', retryable: false, reason: message };
  }
  return { code: 'VECTOR_STORE_FAILED', retryable: false, reason: messageOf(error) };
}
