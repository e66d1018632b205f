import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedRoutesOf } from '../../../runtime/host/index.js';
import { servedRouteOf } from '../../../runtime/host/openapi-document.js';
import { Weft } from '../../../runtime/weft.js';
import { configuredHost } from './configured-host.js';

const definitions = new URL('../../../definitions/', import.meta.url).pathname;
const golden = JSON.parse(
  readFileSync(new URL('../../golden/definitions/openapi.json', import.meta.url), 'utf8'),
) as OpenApi;

type Operation = {
  operationId?: string;
  parameters?: { name: string; in: string }[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
  security?: unknown[];
  'x-weft-scope'?: string;
};
type OpenApi = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
  security?: unknown;
};

let weft: Weft;
let open: FastifyInstance;
let secured: FastifyInstance;
let document: OpenApi;
beforeAll(async () => {
  weft = await Weft.open(definitions, { storage: 'memory' });
  open = configuredHost(weft, {});
  secured = configuredHost(
    weft,
    { auth: { keys: [{ name: 'ci', key: { $secret: 'OPENAPI_TEST_KEY' }, scopes: ['*'] }] } },
    { env: { OPENAPI_TEST_KEY: 'openapi-test-key-value' } },
  );
  document = (await open.inject({ method: 'GET', url: '/api/openapi.json' })).json() as OpenApi;
});
afterAll(async () => {
  await open.close();
  await secured.close();
  await weft.close();
});

const operations = (doc: OpenApi): [string, string, Operation][] =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]): [string, string, Operation] => [path, method, operation]),
  );

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document with unique operation ids and every path parameter declared', () => {
    expect(document.openapi).toBe('3.1.0');
    const ids = operations(document).map(([, , operation]) => operation.operationId);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    for (const [path, method, operation] of operations(document)) {
      const declared = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      expect(declared.sort(), `${method} ${path}`).toEqual(inPath.sort());
      expect(Object.keys(operation.responses ?? {}).length, `${method} ${path}`).toBeGreaterThan(0);
    }
  });

  it('has only $refs that resolve, and component schemas that are valid JSON Schema 2020-12', () => {
    const unresolved: string[] = [];
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) for (const item of value) visit(item);
      else if (typeof value === 'object' && value !== null) {
        for (const [key, member] of Object.entries(value)) {
          if (key === '$ref' && typeof member === 'string' && resolve(member) === undefined)
            unresolved.push(member);
          else visit(member);
        }
      }
    };
    const resolve = (ref: string): unknown =>
      ref
        .slice(2)
        .split('/')
        .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce<unknown>(
          (node, part) =>
            typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined,
          document,
        );
    visit(document);
    expect(unresolved).toEqual([]);
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      expect(ajv.validateSchema(schema as object), name).toBe(true);
    }
  });

  it('documents every /api route this host serves, and only those', () => {
    const routes = servedRoutesOf(open).filter((route) => route.url.startsWith('/api/'));
    const documented = operations(document).map(([path, method]) =>
      servedRouteOf(routes, method.toUpperCase(), path),
    );
    expect(documented.filter((route) => route === undefined)).toEqual([]);
    const undocumented = routes
      .filter((route) => !documented.includes(route))
      .map((r) => `${r.method} ${r.url}`);
    expect(undocumented).toEqual([]);
  });

  it('has one path per manifest, with the request bodies the compiler emits from the manifests', () => {
    for (const name of Object.keys(weft.graph.workflows))
      expect(document.paths).toHaveProperty([`/api/workflows/${name}/runs`]);
    for (const name of Object.keys(weft.graph.agents))
      expect(document.paths).toHaveProperty([`/api/agents/${name}/generate`]);
    for (const name of Object.keys(weft.graph.tools))
      expect(document.paths).toHaveProperty([`/api/tools/${name}/execute`]);
    const start = document.paths['/api/workflows/order-approval/runs']?.post;
    expect(start?.requestBody).toEqual(golden.paths['/api/workflows/order-approval/runs']?.post?.requestBody);
    expect(document.components.schemas.OrderApprovalInput).toEqual(
      golden.components.schemas.OrderApprovalInput,
    );
  });

  it('states the scope of every operation, and bearer security only when keys are configured', async () => {
    for (const [path, method, operation] of operations(document)) {
      const route = servedRouteOf(servedRoutesOf(open), method.toUpperCase(), path);
      expect(operation['x-weft-scope'], `${method} ${path}`).toBe(route?.scope);
      expect(operation.security).toBeUndefined();
    }
    expect(document.components.securitySchemes).toBeUndefined();
    const withKeys = (await secured.inject({ method: 'GET', url: '/api/openapi.json' })).json() as OpenApi;
    expect(withKeys.components.securitySchemes).toHaveProperty('bearerAuth');
    expect(withKeys.paths['/api/health']?.get?.security).toEqual([]);
    expect(withKeys.paths['/api/workflows/order-approval/runs']?.post?.security).toEqual([
      { bearerAuth: ['workflows:run'] },
    ]);
  });
});

describe('GET /docs', () => {
  it('serves Swagger UI over /api/openapi.json, with its assets from this host (works offline)', async () => {
    const page = await open.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      expect(asset.startsWith('/docs/')).toBe(true);
      const response = await open.inject({ method: 'GET', url: asset });
      expect(response.statusCode, asset).toBe(200);
      expect(response.body.length).toBeGreaterThan(10);
    }
    const init = await open.inject({ method: 'GET', url: '/docs/init.js' });
    expect(init.body).toContain('/api/openapi.json');
  });
});
