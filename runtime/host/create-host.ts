import cors from '@fastify/cors';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { SecretEnvironment } from '../secrets/read-secret.js';
import { toApiError } from './api-error-body.js';
import { resolveApiKeys } from './api-keys.js';
import { authorizeCaller, identifyCaller } from './authenticate.js';
import { closeQueryStrings } from './closed-query.js';
import { installErrorHandler } from './error-handler.js';
import type { HostContext } from './host-context.js';
import { type HostLogLevel, hostLogger, type LogDestination, requestIdOptions } from './host-logger.js';
import type { HostedWeft } from './hosted-weft.js';
import { installRateLimit } from './rate-limit-requests.js';
import { routeModules } from './route-modules.js';
import { servedRoutesOf, trackRoutes } from './served-routes.js';

/** Options of `createHost`. */
export interface HostOptions {
  /** How long `wait: true` and `resume` wait for a run to settle (default 30 s). */
  readonly waitTimeoutMs?: number;
  /** How often an event stream re-reads its run (default 1 s). */
  readonly eventPollMs?: number;
  /**
   * Log JSON lines (pino) at this level and above; `true` is `warn`; default false (no logs).
   * Every line carries the request id; secrets are masked.
   */
  readonly log?: boolean | HostLogLevel;
  /** Where log lines go (default stderr). */
  readonly logDestination?: LogDestination;
  /** Where API key values (`${{ env.X }}`) are read from (default `process.env`). */
  readonly env?: SecretEnvironment;
}

/**
 * Builds the hosted runtime API (DESIGN.md section 7) over a weft instance: a Fastify app with
 * the error format `{ error: { code, message, details? } }`, request ids (`x-request-id`), the
 * project's body limit, CORS origins, API keys with scopes and rate limit (weft.yaml
 * `server`), and one route module per area. The caller listens and closes it. Throws
 * `SECRET_MISSING` (naming the variable) when an API key's variable is not set.
 *
 * @example
 * const weft = await Weft.open('definitions');
 * const app = createHost(weft);
 * await app.listen({ host: '127.0.0.1', port: 3000 });
 */
export function createHost(weft: HostedWeft, options: HostOptions = {}): FastifyInstance {
  const server = weft.graph.project.server;
  const keys = resolveApiKeys(server, options.env);
  const level = options.log === true ? 'warn' : (options.log ?? false);
  const app = Fastify({
    logger: hostLogger(level, options.logDestination),
    ...requestIdOptions,
    bodyLimit: server.bodyLimitBytes > 0 ? server.bodyLimitBytes : 1_048_576,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 4_096 },
    return503OnClosing: true,
    // Errors of the router itself (bad percent-encoding, a parameter over maxParamLength): our format, 404.
    frameworkErrors: (error, request, reply) => {
      const { status, body } = toApiError(error);
      (reply as FastifyReply).header('x-request-id', request.id).status(status).send(body);
    },
  });
  const closing = new AbortController();
  const context: HostContext = {
    weft,
    waitTimeoutMs: options.waitTimeoutMs ?? 30_000,
    eventPollMs: options.eventPollMs ?? 1_000,
    streams: new Set(),
    closing: closing.signal,
  };
  trackRoutes(app);
  // Only JSON bodies: any other content type is a 415.
  app.removeContentTypeParser(['text/plain']);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  if (server.cors !== undefined) {
    app.register(cors, {
      origin: [...server.cors.origins],
      methods: ['GET', 'POST', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'last-event-id', 'x-request-id'],
      exposedHeaders: ['x-request-id', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining'],
      maxAge: 600,
    });
  }
  // After CORS (so 401/429 answers carry CORS headers and preflights need no key), before routes.
  app.after(() => {
    app.addHook('onRequest', identifyCaller(keys));
    if (server.rateLimit !== undefined) installRateLimit(app, server.rateLimit);
    app.addHook('onRequest', authorizeCaller(keys));
  });
  app.addHook('preClose', async () => {
    closing.abort();
    for (const stream of context.streams) stream.abort();
  });
  closeQueryStrings(app);
  installErrorHandler(app);
  for (const register of routeModules) register(app, context);
  return app;
}

/**
 * The routes a host built by `createHost` serves (`GET /api/health`, ...), without HEAD.
 *
 * @example
 * console.error(`${routesOf(app).length} routes`);
 */
export function routesOf(app: FastifyInstance): readonly string[] {
  return servedRoutesOf(app).map((route) => `${route.method} ${route.url}`);
}
