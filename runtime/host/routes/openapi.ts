import type { JsonValueV1 } from '../../spec/v1/graph.js';
import type { RouteModule } from '../host-context.js';
import { openApiDocument } from '../openapi-document.js';
import { servedRoutesOf } from '../served-routes.js';

/**
 * `GET /api/openapi.json` (public): the OpenAPI 3.1 document of this host (see
 * `openApiDocument`), built on the first request and kept.
 *
 * @example
 * const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
 */
export const openApiRoutes: RouteModule = (app, { weft }) => {
  let document: Promise<{ [key: string]: JsonValueV1 }> | undefined;
  app.get('/api/openapi.json', { config: { scope: 'public' } }, async () => {
    document ??= openApiDocument(weft, servedRoutesOf(app), {
      auth: (weft.graph.project.server.auth?.keys.length ?? 0) > 0,
    });
    return document;
  });
};
