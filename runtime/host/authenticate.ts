import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { weftError } from '../errors/create-weft-error.js';
import { type ApiKey, matchApiKey } from './api-keys.js';
import { grantsScope, requiredScope } from './api-scope.js';

/** Who sent a request: the key it presented (by name), or why it has none. */
export type Caller =
  | { readonly kind: 'key'; readonly key: ApiKey }
  | { readonly kind: 'anonymous'; readonly reason: 'missing' | 'invalid' };

const callers = new WeakMap<FastifyRequest, Caller>();

/**
 * The caller of a request as `identifyCaller` found it (anonymous before it ran).
 *
 * @example
 * const caller = callerOf(request); // { kind: 'key', key: { name: 'ci', ... } }
 */
export function callerOf(request: FastifyRequest): Caller {
  return callers.get(request) ?? { kind: 'anonymous', reason: 'missing' };
}

/**
 * The first `onRequest` hook: reads `Authorization: Bearer <key>` and records which configured
 * key it is (compared in constant time), without rejecting anything yet, so that the rate limit
 * can count failed attempts per address before `authorizeCaller` answers 401/403. The key value
 * is never logged or stored.
 *
 * @example
 * app.addHook('onRequest', identifyCaller(keys));
 */
export function identifyCaller(keys: readonly ApiKey[]): onRequestAsyncHookHandler {
  return async (request) => {
    if (keys.length === 0) return;
    const header = request.headers.authorization;
    const token = bearerToken(header);
    const key = token === undefined ? undefined : matchApiKey(keys, token);
    callers.set(
      request,
      key !== undefined
        ? { kind: 'key', key }
        : { kind: 'anonymous', reason: header === undefined || header === '' ? 'missing' : 'invalid' },
    );
  };
}

/**
 * The `onRequest` hook that enforces keys and scopes when keys are configured: a route's declared
 * scope (`config.scope`, `admin` when it declares none) must be granted by the caller's key;
 * `public` routes need no key. 401 `AUTH_MISSING` / `AUTH_INVALID` (with `WWW-Authenticate:
 * Bearer`), 403 `AUTH_FORBIDDEN`. A path that matches no route needs a valid key, then answers 404
 * (so unknown paths do not reveal which routes exist). Without keys every route is open.
 *
 * @example
 * app.addHook('onRequest', authorizeCaller(keys));
 */
export function authorizeCaller(keys: readonly ApiKey[]): onRequestAsyncHookHandler {
  return async (request, reply) => {
    if (keys.length === 0) return;
    const scope = request.is404 ? 'public' : requiredScope(request.routeOptions.config);
    if (scope === 'public' && !request.is404) return;
    const caller = callerOf(request);
    if (caller.kind === 'anonymous') {
      challenge(reply, caller.reason);
      throw weftError(caller.reason === 'missing' ? 'AUTH_MISSING' : 'AUTH_INVALID');
    }
    if (request.is404 || grantsScope(caller.key.scopes, scope)) return;
    throw weftError('AUTH_FORBIDDEN', {
      message: `The API key "${caller.key.name}" does not have the scope ${scope} this route needs.`,
      details: { scope, key: caller.key.name },
    });
  };
}

/** The token of `Bearer <token>` (scheme case-insensitive), or undefined (then a present header is invalid). */
function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header);
  return match?.[1];
}

function challenge(reply: FastifyReply, reason: 'missing' | 'invalid'): void {
  reply.header(
    'www-authenticate',
    reason === 'missing' ? 'Bearer realm="weft"' : 'Bearer realm="weft", error="invalid_token"',
  );
}
