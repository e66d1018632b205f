import type { ApiErrorBody } from './api-types.js';

const apiErrorMarker = Symbol.for('weft.client.error');

/**
 * An error answered by the hosted API (`{ error: { code, message, details } }`) with its HTTP
 * status, or a transport failure (`status` 0, code `NETWORK_ERROR`). Recognisable across copies
 * of the package with `WeftApiError.isInstance`.
 *
 * @example
 * try { await client.workflows['order-approval'].get('nope'); }
 * catch (error) { if (WeftApiError.isInstance(error) && error.status === 404) console.log(error.code); }
 */
export class WeftApiError extends Error {
  readonly [apiErrorMarker] = true;
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(
    status: number,
    code: string,
    message: string,
    details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'WeftApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** True for a `WeftApiError` from any copy of this package. */
  static isInstance(value: unknown): value is WeftApiError {
    return typeof value === 'object' && value !== null && apiErrorMarker in value;
  }
}

/**
 * The former name of `WeftApiError` (the same class), kept for code written against it.
 *
 * @example
 * if (WeftClientError.isInstance(error)) console.log(error.code);
 */
export const WeftClientError = WeftApiError;
/** The former name of `WeftApiError`. */
export type WeftClientError = WeftApiError;

/**
 * The error of a failed response from its status and body text: the API's error body when it is
 * one, else `HTTP_ERROR` with the start of the text.
 *
 * @example
 * throw apiErrorFrom(404, '{"error":{"code":"RUN_NOT_FOUND","message":"No run has this id."}}');
 */
export function apiErrorFrom(status: number, text: string): WeftApiError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const error = (parsed as Partial<ApiErrorBody> | undefined)?.error;
  if (typeof error === 'object' && error !== null && typeof error.code === 'string') {
    return new WeftApiError(status, error.code, String(error.message ?? error.code), error.details);
  }
  return new WeftApiError(status, 'HTTP_ERROR', `HTTP ${status}: ${text.slice(0, 200)}`);
}
