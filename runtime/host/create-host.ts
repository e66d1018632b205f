import Fastify, { type FastifyInstance } from 'fastify';
import { installErrorHandler } from './error-handler.js';
import type { HostContext } from './host-context.js';
import type { HostedWeft } from './hosted-weft.js';
import { routeModules } from './route-modules.js';

/** Options of `createHost`. */
export interface HostOptions {
  /** How long `wait: true` and `resume` wait for a run to settle (default 30 s). */
  readonly waitTimeoutMs?: number;
  /** How often an event stream re-reads its run (default 1 s). */
  readonly eventPollMs?: number;
  /** Log JSON lines at `warn` and above to stderr (default false: no request logging). */
  readonly log?: boolean;
}

/**
 * Builds the hosted runtime API (DESIGN.md section 7) over a weft instance: a Fastify app with
 * the error format `{ error: { code, message, details? } }`, the project's body limit, and one
 * route module per area. The caller listens and closes it.
 *
 * @example
 * const weft = await Weft.open('definitions');
 * const app = createHost(weft);
 * await app.listen({ host: '127.0.0.1', port: 3000 });
 */
export function createHost(weft: HostedWeft, options: HostOptions = {}): FastifyInstance {
  const app = Fastify({
    logger:
      options.log === true
        ? { level: 'warn', stream: process.stderr, redact: ['req.headers.authorization'] }
        : false,
    bodyLimit:
      weft.graph.project.server.bodyLimitBytes > 0 ? weft.graph.project.server.bodyLimitBytes : 1_048_576,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 4_096 },
    return503OnClosing: true,
  });
  const context: HostContext = {
    weft,
    waitTimeoutMs: options.waitTimeoutMs ?? 30_000,
    eventPollMs: options.eventPollMs ?? 1_000,
    streams: new Set(),
  };
  // Only JSON bodies: any other content type is a 415.
  app.removeContentTypeParser(['text/plain']);
  const routes: string[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push(`${method} ${route.url}`);
  });
  app.addHook('preClose', async () => {
    for (const stream of context.streams) stream.abort();
  });
  installErrorHandler(app);
  for (const register of routeModules) register(app, context);
  hostRoutes.set(app, routes);
  return app;
}

const hostRoutes = new WeakMap<FastifyInstance, readonly string[]>();

/**
 * The routes a host built by `createHost` serves (`GET /api/health`, ...), without HEAD.
 *
 * @example
 * console.error(`${routesOf(app).length} routes`);
 */
export function routesOf(app: FastifyInstance): readonly string[] {
  return hostRoutes.get(app) ?? [];
}
