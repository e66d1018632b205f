import type {} from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { weftError } from '../errors/create-weft-error.js';
import { callerOf } from './authenticate.js';

/** `server.rateLimit` of the compiled project: requests allowed per window. */
export interface RateLimitSettings {
  readonly max: number;
  readonly windowMs: number;
}

/**
 * Limits requests per API key (per client address for requests without a valid key) with
 * `@fastify/rate-limit`'s store: past `max` requests in `windowMs`, 429 `RATE_LIMITED` in the
 * API's error format with `retry-after` (seconds) and `x-ratelimit-*` headers. Installed between
 * `identifyCaller` and `authorizeCaller`, so failed key guesses count against their address.
 * Routes with `config: { rateLimit: false }` (health) are not limited.
 *
 * @example
 * app.addHook('onRequest', identifyCaller(keys));
 * installRateLimit(app, { max: 100, windowMs: 60_000 });
 * app.addHook('onRequest', authorizeCaller(keys));
 */
export function installRateLimit(app: FastifyInstance, settings: RateLimitSettings): void {
  // Loaded only when a project configures a rate limit.
  app.register(import('@fastify/rate-limit'), {
    global: false,
    max: settings.max,
    timeWindow: settings.windowMs,
    keyGenerator: rateLimitKey,
  });
  let limiter: ReturnType<FastifyInstance['createRateLimit']> | undefined;
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config?.rateLimit === false) return;
    limiter ??= app.createRateLimit();
    const result = await limiter(request);
    if (result.isAllowed) return;
    reply.header('x-ratelimit-limit', result.max);
    reply.header('x-ratelimit-remaining', result.remaining);
    reply.header('x-ratelimit-reset', result.ttlInSeconds);
    if (!result.isExceeded) return;
    reply.header('retry-after', result.ttlInSeconds);
    throw weftError('RATE_LIMITED', {
      message: `Too many requests: at most ${result.max} per ${settings.windowMs / 1000} s; retry in ${result.ttlInSeconds} s.`,
      details: { limit: result.max, windowMs: settings.windowMs, retryAfterSeconds: result.ttlInSeconds },
    });
  });
}

/** `key:<name>` for a request with a valid key, `ip:<address>` otherwise. */
function rateLimitKey(request: FastifyRequest): string {
  const caller = callerOf(request);
  return caller.kind === 'key' ? `key:${caller.key.name}` : `ip:${request.ip}`;
}
