import type { ErrorCode } from '../errors/catalogue.js';
import { weftError } from '../errors/create-weft-error.js';
import { WeftError } from '../errors/weft-error.js';
import type { ApiErrorBody } from '../public/api-types.js';

/** An error response: the HTTP status and the `{ error: { code, message, details? } }` body. */
export interface ApiErrorReply {
  readonly status: number;
  readonly body: ApiErrorBody;
}

/** Fastify's own request errors, by their code, mapped to catalogue codes. */
const fastifyCodes: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'REQUEST_MALFORMED_JSON',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'REQUEST_MALFORMED_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'REQUEST_MALFORMED_JSON',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'REQUEST_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQUEST_TOO_LARGE',
  FST_ERR_BAD_URL: 'ROUTE_NOT_FOUND',
  FST_ERR_INVALID_URL: 'ROUTE_NOT_FOUND',
  FST_ERR_MAX_PARAM_LENGTH: 'ROUTE_NOT_FOUND',
  FST_ERR_NOT_FOUND: 'ROUTE_NOT_FOUND',
};

/**
 * Turns anything thrown by a route into the API's error reply: a `WeftError` keeps its code and
 * status; Fastify's request errors (bad JSON, wrong content type, too large) get catalogue codes;
 * anything else is a bug and answers 500 `INTERNAL` without its message.
 *
 * @example
 * const { status, body } = toApiError(new WeftError('RUN_NOT_FOUND'));
 * // status 404, body.error.code 'RUN_NOT_FOUND'
 */
export function toApiError(error: unknown): ApiErrorReply {
  if (WeftError.isInstance(error)) return { status: error.status, body: { error: error.toJSON() } };
  const code = fastifyCodeOf(error);
  if (code !== undefined) {
    const message = messageOf(code, error);
    const mapped = weftError(code, message === undefined ? {} : { message });
    return { status: mapped.status, body: { error: mapped.toJSON() } };
  }
  const internal = weftError('INTERNAL');
  return { status: internal.status, body: { error: internal.toJSON() } };
}

/** True when `toApiError` would answer 500 (a bug worth logging). */
export function isInternalError(error: unknown): boolean {
  return !WeftError.isInstance(error) && fastifyCodeOf(error) === undefined;
}

function fastifyCodeOf(error: unknown): ErrorCode | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (typeof code === 'string' && fastifyCodes[code] !== undefined) return fastifyCodes[code];
  // Fastify's JSON parser throws a SyntaxError (or a prototype-poisoning error) with statusCode 400.
  if (statusCode === 400) return 'REQUEST_MALFORMED_JSON';
  if (statusCode === 413) return 'REQUEST_TOO_LARGE';
  if (statusCode === 415) return 'REQUEST_UNSUPPORTED_MEDIA_TYPE';
  return undefined;
}

function messageOf(code: ErrorCode, error: unknown): string | undefined {
  if (code !== 'REQUEST_MALFORMED_JSON') return undefined;
  const reason = error instanceof Error ? error.message : '';
  return reason === '' ? undefined : `The request body is not valid JSON: ${reason}`;
}
