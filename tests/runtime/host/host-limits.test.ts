import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WeftError } from '../../../runtime/errors/weft-error.js';
import { Weft } from '../../../runtime/weft.js';
import { configuredHost } from './configured-host.js';

const definitions = new URL('../../../definitions/', import.meta.url).pathname;
const ciKey = 'limits-test-ci-key-0123456789';
const otherKey = 'limits-test-other-key-0123456789';
const keys = [
  { name: 'ci', key: { $secret: 'LIMITS_CI_KEY' }, scopes: ['*'] },
  { name: 'other', key: { $secret: 'LIMITS_OTHER_KEY' }, scopes: ['workflows:*'] },
];
const env = { LIMITS_CI_KEY: ciKey, LIMITS_OTHER_KEY: otherKey };
const origin = 'https://app.example.com';

let weft: Weft;
const apps: FastifyInstance[] = [];
function host(...args: Parameters<typeof configuredHost> extends [unknown, ...infer Rest] ? Rest : never) {
  const app = configuredHost(weft, ...args);
  apps.push(app);
  return app;
}
beforeAll(async () => {
  weft = await Weft.open(definitions, { storage: 'memory' });
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await weft.close();
});

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('rate limits (server.rateLimit)', () => {
  it('answers 429 RATE_LIMITED with retry-after past max requests per key, each key with its own budget', async () => {
    const app = host({ auth: { keys }, rateLimit: { max: 3, windowMs: 60_000 } }, { env });
    for (let i = 0; i < 3; i += 1) {
      const ok = await app.inject({ method: 'GET', url: '/api/workflows', headers: bearer(ciKey) });
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['x-ratelimit-limit']).toBe('3');
    }
    const limited = await app.inject({ method: 'GET', url: '/api/workflows', headers: bearer(ciKey) });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another key is not limited by the first one's requests.
    expect(
      (await app.inject({ method: 'GET', url: '/api/workflows', headers: bearer(otherKey) })).statusCode,
    ).toBe(200);
    // Health is never limited (probes).
    for (let i = 0; i < 5; i += 1)
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('counts requests without a valid key per client address, so key guessing is limited too', async () => {
    const app = host({ auth: { keys }, rateLimit: { max: 2, windowMs: 60_000 } }, { env });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push(
        (await app.inject({ method: 'GET', url: '/api/workflows', headers: bearer(`guess-${i}`) }))
          .statusCode,
      );
    expect(statuses).toEqual([401, 401, 429, 429]);
    expect(
      (await app.inject({ method: 'GET', url: '/api/workflows', headers: bearer(ciKey) })).statusCode,
    ).toBe(200);
  });

  it('limits per address without auth, and not at all without server.rateLimit', async () => {
    const limited = host({ rateLimit: { max: 1, windowMs: 60_000 } });
    expect((await limited.inject({ method: 'GET', url: '/api/workflows' })).statusCode).toBe(200);
    expect((await limited.inject({ method: 'GET', url: '/api/workflows' })).statusCode).toBe(429);
    const unlimited = host({});
    for (let i = 0; i < 50; i += 1) {
      const reply = await unlimited.inject({ method: 'GET', url: '/api/workflows' });
      expect(reply.statusCode).toBe(200);
      expect(reply.headers['x-ratelimit-limit']).toBeUndefined();
    }
  });
});

describe('CORS (server.cors.origins)', () => {
  it('answers a preflight from an allowed origin without a key, and sets CORS headers on 401 answers', async () => {
    const app = host({ auth: { keys }, cors: { origins: [origin] } }, { env });
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/workflows/order-approval/runs',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(origin);
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('authorization');
    expect(String(preflight.headers['access-control-allow-methods'])).toContain('DELETE');
    const refused = await app.inject({ method: 'GET', url: '/api/workflows', headers: { origin } });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe(origin);
    expect(String(refused.headers['access-control-expose-headers'])).toContain('x-request-id');
  });

  it('gives no CORS headers to other origins, nor to anyone without server.cors', async () => {
    const app = host({ cors: { origins: [origin] } });
    const other = await app.inject({
      method: 'GET',
      url: '/api/workflows',
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const none = host({});
    const plain = await none.inject({ method: 'GET', url: '/api/workflows', headers: { origin } });
    expect(plain.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await none.inject({
      method: 'OPTIONS',
      url: '/api/workflows',
      headers: { origin, 'access-control-request-method': 'GET' },
    });
    expect(preflight.statusCode).toBe(404);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('body limit (server.bodyLimit)', () => {
  it('answers 413 REQUEST_TOO_LARGE above the configured limit', async () => {
    const app = host({ bodyLimitBytes: 1_024 });
    const reply = await app.inject({
      method: 'POST',
      url: '/api/workflows/slow-steps/runs',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ input: { padding: 'x'.repeat(2_000) } }),
    });
    expect(reply.statusCode).toBe(413);
    expect(reply.json()).toMatchObject({ error: { code: 'REQUEST_TOO_LARGE' } });
  });
});

describe('API keys from the environment', () => {
  it('refuses to build the host when a key variable is not set, naming the variable and not any value', () => {
    let caught: unknown;
    try {
      host({ auth: { keys } }, { env: { LIMITS_CI_KEY: ciKey } });
    } catch (error) {
      caught = error;
    }
    expect(WeftError.isInstance(caught)).toBe(true);
    const error = caught as WeftError;
    expect(error.code).toBe('SECRET_MISSING');
    expect(error.message).toContain('LIMITS_OTHER_KEY');
    expect(error.message).toContain('"other"');
    expect(error.message).not.toContain(ciKey);
  });

  it('refuses scopes no route has (a typo must not silently grant nothing)', () => {
    expect(() =>
      host(
        { auth: { keys: [{ name: 'typo', key: { $secret: 'LIMITS_CI_KEY' }, scopes: ['workflow:run'] }] } },
        { env },
      ),
    ).toThrow(/workflow:run/);
  });
});

describe('request ids and logs', () => {
  it('echoes a well-formed x-request-id, replaces others, logs every request line with its id and no key', async () => {
    const lines: string[] = [];
    const app = host(
      { auth: { keys } },
      { env, log: 'info', logDestination: { write: (line) => lines.push(line) } },
    );
    const given = await app.inject({
      method: 'GET',
      url: '/api/workflows',
      headers: { ...bearer(ciKey), 'x-request-id': 'trace-abc.123' },
    });
    expect(given.headers['x-request-id']).toBe('trace-abc.123');
    const refused = await app.inject({
      method: 'GET',
      url: `/api/workflows?token=${ciKey}`,
      headers: { authorization: `Bearer ${ciKey}x`, 'x-request-id': 'bad id\n' },
    });
    expect(refused.statusCode).toBe(401);
    expect(String(refused.headers['x-request-id'])).toMatch(/^[0-9a-f-]{36}$/);
    const entries = lines.map((line) => JSON.parse(line) as { reqId?: string; msg?: string });
    expect(entries.length).toBeGreaterThanOrEqual(4);
    for (const entry of entries) expect(entry.reqId).toBeDefined();
    expect(entries.filter((entry) => entry.reqId === 'trace-abc.123').length).toBeGreaterThanOrEqual(2);
    // The key value appears nowhere, not even in a logged URL.
    expect(lines.join('\n')).not.toContain(ciKey);
  });
});
