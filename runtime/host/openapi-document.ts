import type { JsonValueV1 } from '../spec/v1/graph.js';
import type { ApiScope } from './api-scope.js';
import type { HostedWeft } from './hosted-weft.js';
import type { ServedRoute } from './served-routes.js';

/** A mutable JSON object of the document being fitted. */
type Json = { [key: string]: unknown };

const methods = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

/**
 * The OpenAPI 3.1 document `GET /api/openapi.json` serves: the document `weft compile` emits as
 * `openapi.json` (built by the same function from the loaded graph, so both are identical for
 * the manifests: one path per workflow, agent and tool, request bodies typed by the manifests'
 * schemas), then fitted to the routes this host actually serves:
 *
 * - operations no served route answers are left out (an area whose routes are not installed);
 * - tools the graph does not list (code-first tools, integration actions) get their execute path;
 * - every operation states its scope (`x-weft-scope`) and, when keys are configured, its
 *   security requirement (`bearerAuth` with that scope; none for `public` routes).
 *
 * @example
 * const document = await openApiDocument(weft, servedRoutesOf(app), { auth: true });
 * document.paths['/api/workflows/order-approval/runs'].post.requestBody;
 */
export async function openApiDocument(
  weft: HostedWeft,
  routes: readonly ServedRoute[],
  options: { readonly auth: boolean },
): Promise<{ [key: string]: JsonValueV1 }> {
  // The compiler's pure graph -> OpenAPI builder (the one `weft compile` writes openapi.json with).
  const { buildOpenApi } = await import('../../compiler/index.js');
  const document = structuredClone(buildOpenApi(weft.graph)) as Json;
  const paths = objectAt(document, 'paths');
  addUnlistedTools(weft, paths);
  for (const [path, item] of Object.entries(paths)) {
    if (!isJsonObject(item)) continue;
    for (const method of methods) {
      const operation = item[method];
      if (!isJsonObject(operation)) continue;
      const route = servedRouteOf(routes, method.toUpperCase(), path);
      if (route === undefined) {
        delete item[method];
        continue;
      }
      operation['x-weft-scope'] = route.scope;
      if (options.auth) operation.security = securityOf(route.scope);
    }
    if (!methods.some((method) => item[method] !== undefined)) delete paths[path];
  }
  delete document.security;
  const components = objectAt(document, 'components');
  if (options.auth) {
    components.securitySchemes = {
      bearerAuth: {
        type: 'http',
        scheme: 'bearer',
        description:
          'An API key of weft.yaml (server.auth.keys); x-weft-scope names the scope each route needs.',
      },
    };
  } else delete components.securitySchemes;
  return document as { [key: string]: JsonValueV1 };
}

/**
 * The served route that answers `method` on an OpenAPI path (`/api/workflows/order-approval/runs/{runId}`):
 * literal segments must be equal, a route parameter matches any segment; the most literal route wins.
 *
 * @example
 * servedRouteOf(routes, 'GET', '/api/workflows/order-approval'); // { url: '/api/workflows/:name', ... }
 */
export function servedRouteOf(
  routes: readonly ServedRoute[],
  method: string,
  path: string,
): ServedRoute | undefined {
  const segments = path.split('/');
  let best: { route: ServedRoute; literal: number } | undefined;
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.url.split('/');
    if (pattern.length !== segments.length) continue;
    let literal = 0;
    const matches = pattern.every((part, index) => {
      if (part.startsWith(':')) return true;
      literal += 1;
      return part === segments[index];
    });
    if (matches && (best === undefined || literal > best.literal)) best = { route, literal };
  }
  return best?.route;
}

function securityOf(scope: ApiScope): unknown[] {
  return scope === 'public' ? [] : [{ bearerAuth: [scope] }];
}

/** Execute paths for tools that are served but not in the graph (code-first tools, integration actions). */
function addUnlistedTools(weft: HostedWeft, paths: Json): void {
  for (const tool of weft.tools?.list() ?? []) {
    const path = `/api/tools/${tool.name}/execute`;
    if (paths[path] !== undefined) continue;
    paths[path] = {
      post: {
        operationId: `execute-tool-${tool.name}`,
        tags: ['tools'],
        summary: `Run the tool ${tool.name}.`,
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['input'],
                properties: { input: tool.inputSchema },
                additionalProperties: false,
              },
            },
          },
        },
        responses: {
          200: {
            description: 'The tool output.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['output'],
                  properties: { output: tool.outputSchema },
                  additionalProperties: false,
                },
              },
            },
          },
          default: { $ref: '#/components/responses/Error' },
        },
      },
    };
  }
}

function objectAt(document: Json, key: string): Json {
  const value = document[key];
  if (isJsonObject(value)) return value;
  const created: Json = {};
  document[key] = created;
  return created;
}

function isJsonObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
