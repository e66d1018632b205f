import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { weftError } from '../errors/create-weft-error.js';
import { WeftError } from '../errors/weft-error.js';
import { checkHost, guardedLookup, type HttpPolicy } from './http-policy.js';

/** One outgoing request, already rendered (URL with its query, headers, body text). */
export interface OutgoingRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** What the response templates see as `response`. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** Responses larger than this are refused (`INTEGRATION_RESPONSE_INVALID`). */
const maxResponseBytes = 10 * 1024 * 1024;

/**
 * Sends one HTTP request under the project's host policy (allow-list, private addresses refused
 * after DNS resolution) and reads the whole response; a JSON content type is parsed, any other
 * body is text. Any status resolves; network failures are `INTEGRATION_REQUEST_FAILED`, the
 * timeout `INTEGRATION_TIMEOUT`, a refused host `HTTP_HOST_NOT_ALLOWED`.
 *
 * @example
 * const response = await sendHttpRequest({ method: 'GET', url: new URL('https://api.example.com/x'), headers: {} }, policy);
 */
export function sendHttpRequest(outgoing: OutgoingRequest, policy: HttpPolicy): Promise<HttpResponse> {
  const allowPrivate = checkHost(outgoing.url, policy);
  const send = outgoing.url.protocol === 'https:' ? httpsRequest : httpRequest;
  const target = `${outgoing.method} ${outgoing.url.origin}${outgoing.url.pathname}`;
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const fail = (error: WeftError): void => {
      if (settled) return;
      settled = true;
      request.destroy();
      reject(error);
    };
    const headers: Record<string, string> = { ...outgoing.headers };
    if (outgoing.body !== undefined) headers['content-length'] = String(Buffer.byteLength(outgoing.body));
    const request = send(outgoing.url, {
      method: outgoing.method,
      headers,
      lookup: guardedLookup(allowPrivate),
      ...(outgoing.signal === undefined ? {} : { signal: outgoing.signal }),
    });
    const timer =
      outgoing.timeoutMs === undefined
        ? undefined
        : setTimeout(
            () =>
              fail(
                weftError('INTEGRATION_TIMEOUT', {
                  message: `${target} did not answer within ${outgoing.timeoutMs} ms.`,
                  details: {
                    method: outgoing.method,
                    url: urlForDetails(outgoing.url),
                    timeoutMs: outgoing.timeoutMs,
                  },
                }),
              ),
            outgoing.timeoutMs,
          );
    request.on('error', (error) => {
      if (timer !== undefined) clearTimeout(timer);
      if (WeftError.isInstance(error)) return fail(error);
      if (outgoing.signal?.aborted === true && WeftError.isInstance(outgoing.signal.reason)) {
        return fail(outgoing.signal.reason);
      }
      fail(
        weftError('INTEGRATION_REQUEST_FAILED', {
          message: `${target} failed: ${error.message}`,
          details: { method: outgoing.method, url: urlForDetails(outgoing.url) },
          cause: error,
        }),
      );
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxResponseBytes) {
          fail(
            weftError('INTEGRATION_RESPONSE_INVALID', {
              message: `${target} answered more than ${maxResponseBytes} bytes.`,
            }),
          );
        } else chunks.push(chunk);
      });
      response.on('error', (error) => request.emit('error', error));
      response.on('end', () => {
        if (timer !== undefined) clearTimeout(timer);
        if (settled) return;
        try {
          const body = parseBody(Buffer.concat(chunks).toString('utf8'), response.headers, target);
          settled = true;
          resolve({ status: response.statusCode ?? 0, headers: flatHeaders(response.headers), body });
        } catch (error) {
          fail(error as WeftError);
        }
      });
    });
    request.end(outgoing.body);
  });
}

/** The URL as put in error details: origin and path, never the query (it may hold an API key). */
export function urlForDetails(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function parseBody(text: string, headers: IncomingHttpHeaders, target: string): unknown {
  const type = headers['content-type'] ?? '';
  if (!/[/+]json\b/i.test(type)) return text;
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw weftError('INTEGRATION_RESPONSE_INVALID', {
      message: `${target} answered a body that is not valid JSON.`,
      cause: error,
    });
  }
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
