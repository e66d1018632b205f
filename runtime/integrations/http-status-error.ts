import type { ErrorCode } from '../errors/catalogue.js';
import { weftError } from '../errors/create-weft-error.js';
import type { WeftError } from '../errors/weft-error.js';
import type { HttpResponse } from './send-http-request.js';

/**
 * The typed error of a non-2xx answer: 401/403 `INTEGRATION_UNAUTHORIZED`, 429
 * `INTEGRATION_RATE_LIMITED` and 5xx `INTEGRATION_SERVER_ERROR` (both retryable, so a step's
 * `retry` policy retries them), any other status `INTEGRATION_CLIENT_ERROR`. Details hold the
 * status, the target (no query string) and a short excerpt of the body.
 *
 * @example
 * if (response.status >= 300) throw httpStatusError(response, 'GET https://api.example.com/x');
 */
export function httpStatusError(response: HttpResponse, target: string, source: string): WeftError {
  const status = response.status;
  const code: ErrorCode =
    status === 401 || status === 403
      ? 'INTEGRATION_UNAUTHORIZED'
      : status === 429
        ? 'INTEGRATION_RATE_LIMITED'
        : status >= 500
          ? 'INTEGRATION_SERVER_ERROR'
          : 'INTEGRATION_CLIENT_ERROR';
  const retryAfter = retryAfterMs(response.headers['retry-after']);
  return weftError(code, {
    message: `${source}: ${target} answered ${status}.`,
    details: {
      status,
      target,
      body: excerpt(response.body),
      ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
    },
  });
}

function excerpt(body: unknown): unknown {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  if (text === undefined) return null;
  return text.length > 500 ? `${text.slice(0, 500)}...` : body;
}

function retryAfterMs(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
