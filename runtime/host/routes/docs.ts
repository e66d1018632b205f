import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { RouteModule } from '../host-context.js';

/** The Swagger UI files shipped with `@fastify/swagger-ui`, served from this process (works offline). */
const assets = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
} as const;

const page = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>API documentation</title>
    <link rel="stylesheet" type="text/css" href="/docs/swagger-ui.css">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/swagger-ui-bundle.js" charset="UTF-8"></script>
    <script src="/docs/init.js" charset="UTF-8"></script>
  </body>
</html>
`;

// In a file of its own so the page works under a Content-Security-Policy without inline scripts.
const init = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true, persistAuthorization: true });\n`;

/**
 * `GET /docs` (public): Swagger UI over `/api/openapi.json`, its script and stylesheet served by
 * the host itself (no CDN), so the page works offline.
 *
 * @example
 * open http://127.0.0.1:3000/docs
 */
export const docsRoutes: RouteModule = (app) => {
  const config = { config: { scope: 'public' as const } };
  const cache = new Map<string, Promise<Buffer>>();
  const folder = dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui/package.json'));
  app.get('/docs', config, async (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
  app.get('/docs/init.js', config, async (_request, reply) =>
    reply.type('application/javascript; charset=utf-8').send(init),
  );
  for (const [file, type] of Object.entries(assets)) {
    app.get(`/docs/${file}`, config, async (_request, reply) => {
      let content = cache.get(file);
      if (content === undefined) {
        content = readFile(join(folder, 'static', file));
        cache.set(file, content);
        content.catch(() => cache.delete(file));
      }
      return reply
        .type(type)
        .header('cache-control', 'public, max-age=86400')
        .send(await content);
    });
  }
};
