import { weftError } from '../errors/create-weft-error.js';
import { evaluateValue } from '../expressions/index.js';
import type { HttpRequestV1, ValueTemplateV1 } from '../spec/v1/graph.js';
import type { HttpAuthenticator } from './http-authenticator.js';
import type { HttpPolicy } from './http-policy.js';
import { httpStatusError } from './http-status-error.js';
import { renderUrl } from './render-url.js';
import { type HttpResponse, sendHttpRequest, urlForDetails } from './send-http-request.js';

/** A declarative HTTP call: an `http` tool's executor or an integration action. */
export interface HttpCallSpec {
  readonly request: HttpRequestV1;
  /** Who makes the call, for messages: `tool "weather"`, `integration "crm" action "get-customer"`. */
  readonly source: string;
  readonly baseUrl?: string;
  /** Fixed headers (an integration's `headers`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Mapping over `{ input, response: { status, headers, body } }`; absent = the body. */
  readonly response?: ValueTemplateV1;
  readonly timeoutMs?: number;
}

/** What a call needs besides its spec. */
export interface HttpCallDependencies {
  readonly auth: HttpAuthenticator;
  readonly policy: HttpPolicy;
  readonly signal?: AbortSignal;
}

/**
 * Renders the request templates over `{ input }` (URL, query, headers, JSON body), adds the auth
 * parts, sends it under the host policy and maps the answer: non-2xx is a typed
 * `IntegrationError` (429/5xx retryable); a 401 with OAuth2 is retried once with a fresh token.
 *
 * @example
 * const output = await callHttp({ request, source: 'tool "weather"' }, { city: 'Oslo' }, { auth, policy });
 */
export async function callHttp(
  spec: HttpCallSpec,
  input: unknown,
  deps: HttpCallDependencies,
): Promise<unknown> {
  const scope = { input };
  const url = renderUrl(spec.request.url, scope, spec.baseUrl);
  appendQuery(url, evaluateValue(spec.request.query ?? null, scope));
  const headers: Record<string, string> = { accept: 'application/json' };
  for (const [name, value] of Object.entries(spec.headers ?? {})) headers[name.toLowerCase()] = value;
  for (const [name, value] of Object.entries(asRecord(evaluateValue(spec.request.headers ?? null, scope)))) {
    if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
  }
  const bodyValue = spec.request.body === undefined ? undefined : evaluateValue(spec.request.body, scope);
  let body: string | undefined;
  if (bodyValue !== undefined) {
    body = typeof bodyValue === 'string' ? bodyValue : JSON.stringify(bodyValue);
    headers['content-type'] ??= typeof bodyValue === 'string' ? 'text/plain' : 'application/json';
  }
  const send = async (): Promise<HttpResponse> => {
    const parts = await deps.auth.parts();
    const target = new URL(url);
    for (const [name, value] of Object.entries(parts.query)) target.searchParams.set(name, value);
    return sendHttpRequest(
      {
        method: spec.request.method,
        url: target,
        headers: { ...headers, ...parts.headers },
        ...(body === undefined ? {} : { body }),
        ...(spec.timeoutMs === undefined ? {} : { timeoutMs: spec.timeoutMs }),
        ...(deps.signal === undefined ? {} : { signal: deps.signal }),
      },
      deps.policy,
    );
  };
  let response = await send();
  if (response.status === 401 && deps.auth.refreshAfterUnauthorized()) response = await send();
  if (response.status < 200 || response.status >= 300) {
    throw httpStatusError(response, `${spec.request.method} ${urlForDetails(url)}`, spec.source);
  }
  return spec.response === undefined ? response.body : evaluateValue(spec.response, { input, response });
}

function asRecord(value: unknown): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw weftError('TOOL_DEFINITION_INVALID', {
      message: 'HTTP headers and query must evaluate to an object.',
    });
  }
  return value as Record<string, unknown>;
}

function appendQuery(url: URL, query: unknown): void {
  for (const [name, value] of Object.entries(asRecord(query))) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      url.searchParams.append(name, typeof item === 'object' ? JSON.stringify(item) : String(item));
    }
  }
}
