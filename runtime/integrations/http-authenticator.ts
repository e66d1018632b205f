import { readSecret, type SecretEnvironment } from '../secrets/read-secret.js';
import { registerSecret } from '../secrets/secret-masker.js';
import type { HttpAuthV1 } from '../spec/v1/graph.js';
import type { HttpPolicy } from './http-policy.js';
import { OAuth2TokenSource } from './oauth2-token-source.js';

/** What an auth scheme adds to a request. */
export interface AuthParts {
  readonly headers: Record<string, string>;
  readonly query: Record<string, string>;
}

/** Options of `HttpAuthenticator`. */
export interface HttpAuthenticatorOptions {
  readonly policy: HttpPolicy;
  readonly env?: SecretEnvironment;
  readonly now?: () => number;
}

/**
 * Turns an auth scheme (`apiKey` in a header or the query, `bearer`, `basic`, `oauth2` client
 * credentials) into headers and query parameters, reading secrets from the environment at call
 * time (a missing variable is `SECRET_MISSING`). Every secret is registered with the masker, for
 * basic auth also the base64 of `user:password`.
 *
 * @example
 * const auth = new HttpAuthenticator({ type: 'bearer', token: { $secret: 'CRM_TOKEN' } }, { policy });
 * const { headers } = await auth.parts(); // { authorization: 'Bearer ...' }
 */
export class HttpAuthenticator {
  private readonly tokens: OAuth2TokenSource | undefined;

  constructor(
    readonly scheme: HttpAuthV1 | undefined,
    private readonly options: HttpAuthenticatorOptions,
  ) {
    this.tokens =
      scheme?.type === 'oauth2'
        ? new OAuth2TokenSource(scheme, {
            policy: options.policy,
            ...(options.env === undefined ? {} : { env: options.env }),
            ...(options.now === undefined ? {} : { now: options.now }),
          })
        : undefined;
  }

  /** The headers and query parameters to add to a request. */
  async parts(): Promise<AuthParts> {
    const scheme = this.scheme;
    const env = this.options.env;
    if (scheme === undefined) return { headers: {}, query: {} };
    switch (scheme.type) {
      case 'bearer':
        return { headers: { authorization: `Bearer ${readSecret(scheme.token, env)}` }, query: {} };
      case 'apiKey': {
        const value = readSecret(scheme.value, env);
        return scheme.in === 'header'
          ? { headers: { [scheme.name.toLowerCase()]: value }, query: {} }
          : { headers: {}, query: { [scheme.name]: value } };
      }
      case 'basic': {
        const password = readSecret(scheme.password, env);
        const encoded = registerSecret(Buffer.from(`${scheme.username}:${password}`).toString('base64'));
        return { headers: { authorization: `Basic ${encoded}` }, query: {} };
      }
      case 'oauth2':
        return {
          headers: { authorization: `Bearer ${await (this.tokens as OAuth2TokenSource).token()}` },
          query: {},
        };
    }
  }

  /** After a 401: true when a retry with fresh credentials can help (OAuth2: the token is dropped). */
  refreshAfterUnauthorized(): boolean {
    if (this.tokens === undefined) return false;
    this.tokens.invalidate();
    return true;
  }
}
