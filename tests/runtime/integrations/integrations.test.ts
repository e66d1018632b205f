import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WeftError } from '../../../runtime/errors/weft-error.js';
import type { CompiledGraphV1 } from '../../../runtime/spec/v1/graph.js';
import { WeftTools } from '../../../runtime/tools/weft-tools.js';
import { fixtureGraph } from './tools-fixture.js';
import { clientSecret, startUpstream, type Upstream } from './tools-test-server.js';

let upstream: Upstream;
let graph: CompiledGraphV1;

beforeAll(async () => {
  upstream = await startUpstream();
  graph = await fixtureGraph(upstream.port);
});
afterAll(async () => upstream.close());

/** Tools over the fixture with a clock the test moves. */
function project(): { tools: WeftTools; clock: { now: number } } {
  const clock = { now: 1_000_000 };
  const tools = new WeftTools({
    graph,
    pluginExecutor: () => undefined,
    env: { TOOLS_TEST_CLIENT_SECRET: clientSecret, TOOLS_TEST_LEAK_TOKEN: 'leak-token-1' },
    now: () => clock.now,
  });
  return { tools, clock };
}

describe('integrations: OAuth2 client credentials', () => {
  it('fetches a token once, caches it, and refetches it before it expires', async () => {
    const { tools, clock } = project();
    const vault = tools.getIntegration('vault');
    const before = upstream.state.tokenCalls;
    const first = await vault.actions['get-thing']?.execute({ id: 'a' });
    const second = await vault.actions['get-thing']?.execute({ id: 'b' });
    expect(upstream.state.tokenCalls - before).toBe(1);
    expect((second as { token: string }).token).toBe((first as { token: string }).token);
    clock.now += 55_000; // 60 s tokens are refreshed 6 s before they expire
    const third = (await vault.actions['get-thing']?.execute({ id: 'c' })) as { token: string };
    expect(upstream.state.tokenCalls - before).toBe(2);
    expect(third.token).not.toBe((first as { token: string }).token);
  });

  it('on a 401 fetches a fresh token and retries the call once', async () => {
    const { tools } = project();
    const tool = tools.get('vault.get-thing');
    const first = (await tool.execute({ id: 'x' })) as { token: string };
    upstream.state.revoked.add(first.token);
    const before = upstream.state.tokenCalls;
    const again = (await tool.execute({ id: 'x' })) as { id: string; token: string };
    expect(upstream.state.tokenCalls - before).toBe(1);
    expect(again.id).toBe('x');
    expect(again.token).not.toBe(first.token);
  });

  it('concurrent calls share one token fetch', async () => {
    const { tools } = project();
    const before = upstream.state.tokenCalls;
    await Promise.all(['1', '2', '3'].map((id) => tools.get('vault.get-thing').execute({ id })));
    expect(upstream.state.tokenCalls - before).toBe(1);
  });

  it('auth() gives the headers the scheme adds', async () => {
    const { tools } = project();
    const { headers, query } = await tools.getIntegration('vault').auth();
    expect(headers.authorization).toMatch(/^Bearer tok-\d+$/);
    expect(query).toEqual({});
  });

  it('a wrong client secret is INTEGRATION_AUTH_FAILED without the secret in the message', async () => {
    const tools = new WeftTools({
      graph,
      pluginExecutor: () => undefined,
      env: { TOOLS_TEST_CLIENT_SECRET: 'wrong-secret-value' },
    });
    const error = await tools
      .get('vault.get-thing')
      .execute({ id: 'a' })
      .catch((e: unknown) => e);
    expect(WeftError.isInstance(error) && error.code).toBe('INTEGRATION_AUTH_FAILED');
    expect(JSON.stringify(error)).not.toContain('wrong-secret-value');
  });
});

describe('integrations: the API', () => {
  it('lists actions and a toolset keyed by model-safe names', () => {
    const { tools } = project();
    const vault = tools.getIntegration('vault');
    expect(vault.name).toBe('vault');
    expect(Object.keys(vault.actions)).toEqual(['get-thing']);
    expect(vault.actions['get-thing']?.input).toMatchObject({ required: ['id'] });
    expect(Object.keys(vault.toolset)).toEqual(['vault__get-thing']);
    const tool = vault.toolset['vault__get-thing'];
    expect([tool?.name, tool?.modelName]).toEqual(['vault.get-thing', 'vault__get-thing']);
  });

  it('an action input is validated before any request', async () => {
    const { tools } = project();
    const before = upstream.state.requests.length;
    const error = await tools
      .getIntegration('vault')
      .actions['get-thing']?.execute({})
      .catch((e: unknown) => e);
    expect(WeftError.isInstance(error) && [error.code, error.details?.pointer]).toEqual([
      'TOOL_INPUT_INVALID',
      '/id',
    ]);
    expect(upstream.state.requests.length).toBe(before);
  });

  it('the integration timeout is INTEGRATION_TIMEOUT (504, retryable)', async () => {
    const { tools } = project();
    const error = await tools
      .getIntegration('leaky')
      .actions.slow?.execute({})
      .catch((e: unknown) => e);
    expect(WeftError.isInstance(error) && [error.code, error.status, error.retryable]).toEqual([
      'INTEGRATION_TIMEOUT',
      504,
      true,
    ]);
  });

  it('an unknown integration is INTEGRATION_NOT_FOUND', () => {
    const { tools } = project();
    expect(() => tools.getIntegration('nope')).toThrow(
      expect.objectContaining({ code: 'INTEGRATION_NOT_FOUND' }),
    );
  });
});
