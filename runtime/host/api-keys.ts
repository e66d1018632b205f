import { createHash, timingSafeEqual } from 'node:crypto';
import { weftError } from '../errors/create-weft-error.js';
import { readSecret, type SecretEnvironment } from '../secrets/read-secret.js';
import type { CompiledGraphV1 } from '../spec/v1/graph.js';
import { isGrantableScope } from './api-scope.js';

/** One accepted API key: its name (for logs) and scopes; the value is kept only as a digest. */
export interface ApiKey {
  readonly name: string;
  readonly scopes: readonly string[];
  readonly digest: Buffer;
}

/**
 * The API keys of `server.auth.keys`, their values read from the environment (`${{ env.X }}`) and
 * registered with the secret masker. A variable that is not set is `SECRET_MISSING` naming the
 * key and the variable, never a value; a scope no route has (`workflow:run`) is
 * `HOST_CONFIG_INVALID`. No `auth` block: no keys (every route is open).
 *
 * @example
 * const keys = resolveApiKeys(weft.graph.project.server, process.env); // [{ name: 'ci', scopes: ['workflows:*'], digest }]
 */
export function resolveApiKeys(
  server: CompiledGraphV1['project']['server'],
  env: SecretEnvironment = process.env,
): ApiKey[] {
  return (server.auth?.keys ?? []).map((key) => {
    const unknown = key.scopes.filter((scope) => !isGrantableScope(scope));
    if (unknown.length > 0) {
      throw weftError('HOST_CONFIG_INVALID', {
        message: `API key "${key.name}" has scopes no route uses: ${unknown.join(', ')}.`,
        details: { key: key.name, scopes: unknown },
      });
    }
    let value: string;
    try {
      value = readSecret(key.key, env);
    } catch (error) {
      throw weftError('SECRET_MISSING', {
        message: `API key "${key.name}" reads its value from the environment variable ${key.key.$secret}, which is not set.`,
        details: { key: key.name, variable: key.key.$secret },
        cause: error,
      });
    }
    return { name: key.name, scopes: key.scopes, digest: digestOf(value) };
  });
}

/**
 * The key a presented token is, compared in constant time: both sides are hashed to 32 bytes and
 * compared with `timingSafeEqual`, and every key is compared (no early exit).
 *
 * @example
 * const key = matchApiKey(keys, token); // the ApiKey, or undefined
 */
export function matchApiKey(keys: readonly ApiKey[], token: string): ApiKey | undefined {
  const presented = digestOf(token);
  let found: ApiKey | undefined;
  for (const key of keys) if (timingSafeEqual(key.digest, presented) && found === undefined) found = key;
  return found;
}

function digestOf(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
