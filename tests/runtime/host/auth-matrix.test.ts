import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiScope, apiScopes, servedRoutesOf } from '../../../runtime/host/index.js';
import { mockScriptedModel } from '../../../runtime/testing/mock-models.js';
import { Weft } from '../../../runtime/weft.js';
import { concreteUrl, configuredHost } from './configured-host.js';

const definitions = new URL('../../../definitions/', import.meta.url).pathname;
const model = mockScriptedModel(() => ({ text: 'ok' }));

/** One key per scope (`key-workflows-read` has only `workflows:read`), plus `*`. */
const scoped = apiScopes.filter((scope) => scope !== 'public' && scope !== 'admin');
const variable = (scope: string): string => `TEST_KEY_${scope.replace(/[^a-z]/g, '_').toUpperCase()}`;
const value = (scope: string): string => `key-value-for-${scope.replace(':', '-')}-0123456789`;
const env: Record<string, string> = { TEST_KEY_ALL: 'key-value-for-everything-0123456789' };
for (const scope of scoped) env[variable(scope)] = value(scope);
const keys = [
  ...scoped.map((scope) => ({
    name: `key-${scope.replace(':', '-')}`,
    key: { $secret: variable(scope) },
    scopes: [scope],
  })),
  { name: 'all', key: { $secret: 'TEST_KEY_ALL' }, scopes: ['*'] },
];

/** The key of the scope a route needs (`*` for admin), and one of another scope. */
function rightKey(scope: ApiScope): string {
  return scope === 'admin' ? (env.TEST_KEY_ALL ?? '') : value(scope);
}
function wrongScopeKey(scope: ApiScope): string {
  return value(scope === 'workflows:read' ? 'tools:execute' : 'workflows:read');
}

let weft: Weft;
let app: FastifyInstance;
beforeAll(async () => {
  weft = await Weft.open(definitions, { storage: 'memory', resolveModel: () => model });
  app = configuredHost(weft, { auth: { keys } }, { env, waitTimeoutMs: 50 });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await weft.close();
});

async function call(method: string, url: string, authorization?: string) {
  const response = await app.inject({
    method: method as 'GET',
    url,
    headers: {
      ...(authorization === undefined ? {} : { authorization }),
      ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
    },
    ...(method === 'POST' ? { payload: '{}' } : {}),
  });
  return {
    status: response.statusCode,
    code: String(response.headers['content-type']).includes('json')
      ? (response.json() as { error?: { code?: string } }).error?.code
      : undefined,
    challenge: String(response.headers['www-authenticate'] ?? ''),
  };
}

describe('the auth matrix: every served route x no key, wrong key, wrong scope, right scope', () => {
  it('serves the routes of every area, each with a declared scope', () => {
    const routes = servedRoutesOf(app).map((route) => `${route.method} ${route.url}`);
    for (const expected of [
      'GET /api/health',
      'GET /api/openapi.json',
      'GET /docs',
      'GET /api/workflows',
      'POST /api/workflows/:name/runs',
      'GET /api/workflows/:name/runs/:runId/events',
      'POST /api/agents/:name/generate',
      'POST /api/tools/:name/execute',
      'GET /api/integrations/:name',
    ])
      expect(routes).toContain(expected);
  });

  it('answers 401/401/403 and then lets the right scope through, on every route', async () => {
    const routes = servedRoutesOf(app).filter((route) => route.method !== 'OPTIONS');
    const failures: string[] = [];
    for (const route of routes) {
      const url = concreteUrl(weft.graph, route.url);
      const label = `${route.method} ${route.url} (${route.scope})`;
      const none = await call(route.method, url);
      const wrong = await call(route.method, url, 'Bearer not-a-configured-key-at-all');
      const underScoped = await call(route.method, url, `Bearer ${wrongScopeKey(route.scope)}`);
      const right = await call(route.method, url, `Bearer ${rightKey(route.scope)}`);
      const got = [none, wrong, underScoped, right].map((reply) =>
        `${reply.status} ${reply.code ?? ''}`.trim(),
      );
      if (route.scope === 'public') {
        if ([none, wrong, underScoped, right].some((reply) => reply.status === 401 || reply.status === 403))
          failures.push(`${label}: a public route asked for a key: ${got.join(', ')}`);
        continue;
      }
      const ok =
        none.status === 401 &&
        none.code === 'AUTH_MISSING' &&
        none.challenge.startsWith('Bearer') &&
        wrong.status === 401 &&
        wrong.code === 'AUTH_INVALID' &&
        wrong.challenge.startsWith('Bearer') &&
        underScoped.status === 403 &&
        underScoped.code === 'AUTH_FORBIDDEN' &&
        right.status !== 401 &&
        right.status !== 403 &&
        right.status < 500;
      if (!ok) failures.push(`${label}: ${got.join(', ')}`);
    }
    expect(failures).toEqual([]);
    expect(routes.length).toBeGreaterThan(15);
  });

  it('lets the * key call every route', async () => {
    const allKey = `Bearer ${env.TEST_KEY_ALL}`;
    for (const route of servedRoutesOf(app).filter((r) => r.method !== 'OPTIONS')) {
      const reply = await call(route.method, concreteUrl(weft.graph, route.url), allKey);
      expect([401, 403], `${route.method} ${route.url}`).not.toContain(reply.status);
    }
  });

  it('accepts the Bearer scheme in any case, and refuses other schemes as invalid', async () => {
    expect((await call('GET', '/api/workflows', `bearer ${value('workflows:read')}`)).status).toBe(200);
    const basic = await call('GET', '/api/workflows', `Basic ${value('workflows:read')}`);
    expect([basic.status, basic.code]).toEqual([401, 'AUTH_INVALID']);
  });

  it('asks for a key on paths that match no route, then answers 404', async () => {
    expect((await call('GET', '/api/nothing-here')).code).toBe('AUTH_MISSING');
    const found = await call('GET', '/api/nothing-here', `Bearer ${value('workflows:read')}`);
    expect([found.status, found.code]).toEqual([404, 'ROUTE_NOT_FOUND']);
  });
});
