import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WeftError } from '../../../runtime/errors/weft-error.js';
import type { CompiledGraphV1 } from '../../../runtime/spec/v1/graph.js';
import { MemoryStorage } from '../../../runtime/storage/memory-storage.js';
import { WeftTools } from '../../../runtime/tools/weft-tools.js';
import { Weft } from '../../../runtime/weft.js';
import { fixtureGraph } from './tools-fixture.js';
import { startUpstream, type Upstream } from './tools-test-server.js';

const env = {
  TOOLS_TEST_BEARER: 'bearer-s3cret',
  TOOLS_TEST_KEY: 'key-s3cret',
  TOOLS_TEST_PASSWORD: 'pa:ss w0rd',
};

let upstream: Upstream;
let graph: CompiledGraphV1;

beforeAll(async () => {
  upstream = await startUpstream();
  graph = await fixtureGraph(upstream.port);
});
afterAll(async () => upstream.close());

function tools(project: CompiledGraphV1 = graph, environment: Record<string, string> = env): WeftTools {
  return new WeftTools({ graph: project, pluginExecutor: () => undefined, env: environment });
}

async function failure(promise: Promise<unknown>): Promise<WeftError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!WeftError.isInstance(error)) throw new Error(`expected a WeftError, got ${String(error)}`);
  return error;
}

type Echo = { headers: Record<string, string>; query: Record<string, string> };

describe('http executor: auth schemes', () => {
  const cases: [string, (echo: Echo) => unknown, unknown][] = [
    ['bearer-echo', (e) => e.headers.authorization, 'Bearer bearer-s3cret'],
    ['header-key-echo', (e) => e.headers['x-api-key'], 'key-s3cret'],
    ['query-key-echo', (e) => e.query.api_key, 'key-s3cret'],
    [
      'basic-echo',
      (e) => e.headers.authorization,
      `Basic ${Buffer.from('bot:pa:ss w0rd').toString('base64')}`,
    ],
  ];
  it.each(cases)('%s sends its credentials', async (name, pick, want) => {
    const echo = (await tools().get(name).execute({})) as Echo;
    expect(pick(echo)).toBe(want);
  });

  it('a missing secret is SECRET_MISSING naming the variable, and nothing is sent', async () => {
    const before = upstream.state.requests.length;
    const error = await failure(tools(graph, {}).get('bearer-echo').execute({}));
    expect(error.code).toBe('SECRET_MISSING');
    expect(error.message).toContain('TOOLS_TEST_BEARER');
    expect(upstream.state.requests.length).toBe(before);
  });
});

describe('http executor: requests and responses', () => {
  it('templates path (encoded), query, headers and JSON body, and maps the response', async () => {
    const output = await tools().get('create-order').execute({ customer: 'a/b c', amount: 12.5 });
    expect(output).toEqual({
      status: 200,
      path: '/customers/a%2Fb%20c/orders',
      query: { dry: 'true', amount: '12.5' },
      body: { amount: 12.5, customer: 'a/b c' },
      trace: 't-a/b c',
    });
  });

  const statuses: [number, string, boolean][] = [
    [400, 'INTEGRATION_CLIENT_ERROR', false],
    [401, 'INTEGRATION_UNAUTHORIZED', false],
    [404, 'INTEGRATION_CLIENT_ERROR', false],
    [429, 'INTEGRATION_RATE_LIMITED', true],
    [500, 'INTEGRATION_SERVER_ERROR', true],
    [503, 'INTEGRATION_SERVER_ERROR', true],
  ];
  it.each(statuses)('status %i is %s (retryable %s)', async (status, code, retryable) => {
    const error = await failure(tools().get('status-http').execute({ status }));
    expect([error.code, error.retryable, error.status, error.details?.status]).toEqual([
      code,
      retryable,
      502,
      status,
    ]);
  });

  it('a timeout is TOOL_TIMEOUT and does not wait for the upstream', async () => {
    const error = await failure(tools().get('slow-http').execute({}));
    expect(error.code).toBe('TOOL_TIMEOUT');
  });

  it('a 503 then a success completes through the workflow step retry', async () => {
    const weft = new Weft({ graph, storage: new MemoryStorage() });
    await weft.whenReady();
    try {
      const run = await weft.getWorkflow('flaky-flow').createRun().start({ key: 'retry-1' });
      expect(run.status).toBe('completed');
      expect(run.output).toEqual({ ok: true });
      expect(upstream.state.requests.filter((r) => r === 'GET /flaky/retry-1')).toHaveLength(2);
    } finally {
      await weft.close();
    }
  });
});

describe('http executor: host policy', () => {
  const strict = { allowHosts: [] as string[], allowPrivate: false };
  it('refuses a loopback literal when private addresses are not allowed', async () => {
    const error = await failure(
      tools(await fixtureGraph(upstream.port, strict))
        .get('bearer-echo')
        .execute({}),
    );
    expect(error.code).toBe('HTTP_HOST_NOT_ALLOWED');
  });

  it('resolves the name and refuses localhost (it resolves to a loopback address)', async () => {
    const before = upstream.state.requests.length;
    const error = await failure(
      tools(await fixtureGraph(upstream.port, strict))
        .get('localhost-echo')
        .execute({}),
    );
    expect(error.code).toBe('HTTP_HOST_NOT_ALLOWED');
    expect(error.message).toMatch(/resolves to the private or loopback address/);
    expect(upstream.state.requests.length).toBe(before);
  });

  it('refuses a host outside a non-empty allowHosts', async () => {
    const error = await failure(tools().get('localhost-echo').execute({}));
    expect([error.code, error.status]).toEqual(['HTTP_HOST_NOT_ALLOWED', 403]);
  });

  it('allowPrivate lets localhost through', async () => {
    const open = await fixtureGraph(upstream.port, { allowHosts: [], allowPrivate: true });
    const echo = (await tools(open).get('localhost-echo').execute({})) as Echo;
    expect(echo.headers.host).toBe(`localhost:${upstream.port}`);
  });
});
