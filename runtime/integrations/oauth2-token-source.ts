import { weftError } from '../errors/create-weft-error.js';
import { WeftError } from '../errors/weft-error.js';
import { readSecret, type SecretEnvironment } from '../secrets/read-secret.js';
import { registerSecret } from '../secrets/secret-masker.js';
import type { HttpAuthV1 } from '../spec/v1/graph.js';
import type { HttpPolicy } from './http-policy.js';
import { sendHttpRequest } from './send-http-request.js';

type OAuth2Auth = Extract<HttpAuthV1, { type: 'oauth2' }>;

/** Options of `OAuth2TokenSource`: the policy, the env to read secrets from, and a clock. */
export interface OAuth2TokenSourceOptions {
  readonly policy: HttpPolicy;
  readonly env?: SecretEnvironment;
  readonly now?: () => number;
  readonly timeoutMs?: number;
}

/** Tokens are refreshed this long before they expire (at most a tenth of their lifetime). */
const refreshSkewMs = 30_000;

/**
 * OAuth2 client credentials: fetches an access token from `tokenUrl` (client id and secret in an
 * HTTP Basic header, RFC 6749 section 2.3.1), caches it, refreshes it shortly before it expires;
 * `invalidate()` drops it (after a 401). Concurrent callers share one fetch. The client secret and
 * every token are registered with the masker.
 *
 * @example
 * const tokens = new OAuth2TokenSource(auth, { policy });
 * headers.authorization = `Bearer ${await tokens.token()}`;
 */
export class OAuth2TokenSource {
  private cached: { readonly token: string; readonly refreshAt: number } | undefined;
  private pending: Promise<string> | undefined;
  private readonly now: () => number;

  constructor(
    private readonly auth: OAuth2Auth,
    private readonly options: OAuth2TokenSourceOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** A valid access token (cached, or fetched). */
  token(): Promise<string> {
    if (this.cached !== undefined && this.now() < this.cached.refreshAt)
      return Promise.resolve(this.cached.token);
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forgets the cached token (the API answered 401 with it). */
  invalidate(): void {
    this.cached = undefined;
  }

  private async fetchToken(): Promise<string> {
    const secret = readSecret(this.auth.clientSecret, this.options.env);
    const credentials = `${formEncode(this.auth.clientId)}:${formEncode(secret)}`;
    const basic = registerSecret(Buffer.from(credentials).toString('base64'));
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (this.auth.scopes.length > 0) form.set('scope', this.auth.scopes.join(' '));
    const url = parseTokenUrl(this.auth.tokenUrl);
    const response = await sendHttpRequest(
      {
        method: 'POST',
        url,
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
        timeoutMs: this.options.timeoutMs ?? 10_000,
      },
      this.options.policy,
    ).catch((error: unknown) => {
      throw authFailed(url, WeftError.isInstance(error) && error.retryable, error, 'the request failed');
    });
    const body = response.body as { access_token?: unknown; expires_in?: unknown } | null;
    if (response.status < 200 || response.status >= 300 || typeof body?.access_token !== 'string') {
      const why =
        response.status >= 300 ? `it answered ${response.status}` : 'the answer has no access_token';
      throw authFailed(url, response.status >= 500 || response.status === 429, undefined, why);
    }
    const token = registerSecret(body.access_token);
    const lifetimeMs =
      typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in * 1000 : 3_600_000;
    this.cached = { token, refreshAt: this.now() + lifetimeMs - Math.min(refreshSkewMs, lifetimeMs / 10) };
    return token;
  }
}

function parseTokenUrl(tokenUrl: string): URL {
  try {
    return new URL(tokenUrl);
  } catch (error) {
    throw weftError('INTEGRATION_AUTH_FAILED', {
      message: `The OAuth2 tokenUrl is not a URL.`,
      cause: error,
      retryable: false,
    });
  }
}

function authFailed(url: URL, retryable: boolean, cause: unknown, why: string): WeftError {
  return weftError('INTEGRATION_AUTH_FAILED', {
    message: `No access token from ${url.origin}${url.pathname}: ${why}.`,
    details: { tokenUrl: `${url.origin}${url.pathname}` },
    retryable,
    ...(cause === undefined ? {} : { cause }),
  });
}

/** application/x-www-form-urlencoded, as RFC 6749 wants for the Basic credentials. */
function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}
