import type { FastifyInstance } from 'fastify';
import { type ApiScope, requiredScope } from './api-scope.js';

/** One route a host serves: its method, URL pattern (`/api/workflows/:name`) and scope. */
export interface ServedRoute {
  readonly method: string;
  readonly url: string;
  readonly scope: ApiScope;
}

const served = new WeakMap<FastifyInstance, ServedRoute[]>();

/**
 * Records every route registered on `app` from now on (HEAD routes left out), with the scope it
 * declares (`admin` when none). The CORS preflight route (`OPTIONS *`) is made `public`: a browser
 * never sends credentials with a preflight.
 *
 * @example
 * trackRoutes(app);
 * app.get('/api/health', { config: { scope: 'public' } }, handler);
 * servedRoutesOf(app); // [{ method: 'GET', url: '/api/health', scope: 'public' }]
 */
export function trackRoutes(app: FastifyInstance): void {
  const routes: ServedRoute[] = [];
  served.set(app, routes);
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    if (route.url === '*' && methods.length === 1 && methods[0] === 'OPTIONS')
      route.config = { ...route.config, scope: 'public' };
    const scope = requiredScope(route.config);
    for (const method of methods) if (method !== 'HEAD') routes.push({ method, url: route.url, scope });
  });
}

/**
 * The routes of a host built by `createHost`, in registration order.
 *
 * @example
 * for (const { method, url, scope } of servedRoutesOf(app)) console.log(method, url, scope);
 */
export function servedRoutesOf(app: FastifyInstance): readonly ServedRoute[] {
  return served.get(app) ?? [];
}
