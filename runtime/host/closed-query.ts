import type { FastifyInstance } from 'fastify';
import { validateRequest } from './validate-request.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * True for a route that reads a query string and checks it against its own closed schema (a
     * list's `limit` and `cursor`, an event stream's `lastEventId`). Every other `/api/` route
     * takes none: a query string there is a 400 (`closeQueryStrings`).
     */
    query?: boolean;
  }
}

const noQuerySchema = { type: 'object', additionalProperties: false, properties: {} } as const;

/**
 * Makes query strings as strict as bodies: an `/api/` route that does not declare
 * `config: { query: true }` (and check its query itself) answers a request with any query
 * parameter with `VALIDATION_FAILED` (400) and the parameter's pointer, instead of ignoring it
 * (`POST .../runs?wait=true` would otherwise start a run without waiting, silently). Runs after
 * authentication, so a caller without a key still gets its 401 first.
 *
 * @example
 * closeQueryStrings(app);
 * app.get('/api/workflows/:name/runs', { config: { scope: 'workflows:read', query: true } }, handler);
 */
export function closeQueryStrings(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (request.routeOptions.config.query === true || !request.routeOptions.url?.startsWith('/api/')) return;
    const query = request.query;
    if (typeof query !== 'object' || query === null || Object.keys(query).length === 0) return;
    validateRequest(noQuerySchema, query, 'query');
  });
}
