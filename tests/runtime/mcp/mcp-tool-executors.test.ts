import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ToolError } from '../../../runtime/errors/tool-error.js';
import { WeftError } from '../../../runtime/errors/weft-error.js';
import { McpClientPool } from '../../../runtime/mcp/mcp-client-pool.js';
import { mcpToolExecutors } from '../../../runtime/mcp/mcp-tool-executors.js';
import type { ToolGraphV1 } from '../../../runtime/spec/v1/graph.js';
import { ToolCaller } from '../../../runtime/tools/tool-caller.js';
import { eventually, isAlive, mcpTool, startHttpServer, stdioServer } from './mcp-test-helpers.js';

const textOutput = { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] };

function callerFor(pool: McpClientPool, tools: readonly ToolGraphV1[]): ToolCaller {
  return new ToolCaller({
    tools: Object.fromEntries(tools.map((tool) => [tool.name, tool])),
    pluginExecutor: () => undefined,
    factories: [mcpToolExecutors(pool)],
  });
}

const context = () => ({ signal: new AbortController().signal, idempotencyKey: 'test:1' });

async function rejectionOf(promise: Promise<unknown>): Promise<WeftError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!WeftError.isInstance(error)) throw new Error(`expected a WeftError, got ${String(error)}`);
  return error;
}

describe('the mcp executor over stdio', () => {
  const pool = new McpClientPool({ env: { TEST_MCP_TOKEN: 's3cr3t-value' } });
  const withToken = { ...stdioServer, env: { MCP_TOKEN: { $secret: 'TEST_MCP_TOKEN' }, MODE: 'test' } };
  const tools = callerFor(pool, [
    mcpTool('add', 'add', stdioServer),
    mcpTool('lookup', 'lookup', stdioServer),
    mcpTool('shout', 'shout', stdioServer, textOutput),
    mcpTool('fail', 'fail', stdioServer),
    mcpTool('missing', 'nope', stdioServer),
    mcpTool('whoami', 'whoami', stdioServer),
    mcpTool('whoami-with-token', 'whoami', withToken),
    mcpTool('no-token', 'whoami', { ...stdioServer, env: { MCP_TOKEN: { $secret: 'UNSET_MCP_TOKEN' } } }),
  ]);

  afterAll(() => pool.close());

  const results: [string, string, Record<string, unknown>, unknown][] = [
    ['structuredContent when the result has it', 'add', { a: 2, b: 3 }, { sum: 5 }],
    [
      'the text parsed as JSON when the output schema is an object',
      'lookup',
      { id: 'A12' },
      { id: 'A12', total: 30 },
    ],
    ['{ text } when the text is not JSON', 'shout', { text: 'hi' }, { text: 'HI' }],
  ];

  it.each(results)('maps a result to %s', async (_name, tool, input, want) => {
    expect(await tools.call(tool, input, context())).toEqual(want);
  });

  it('turns an MCP isError result into a ToolError carrying its text', async () => {
    const error = await rejectionOf(tools.call('fail', {}, context()));
    expect(error).toBeInstanceOf(ToolError);
    expect(error.code).toBe('MCP_TOOL_ERROR');
    expect(error.message).toContain('the order service is down');
  });

  it("names the server's tools when the selected MCP tool does not exist", async () => {
    const error = await rejectionOf(tools.call('missing', {}, context()));
    expect(error.code).toBe('MCP_TOOL_NOT_FOUND');
    expect(error.message).toContain('"nope"');
    expect(error.details).toMatchObject({ available: ['add', 'fail', 'lookup', 'shout', 'whoami'] });
  });

  it('reuses one server process across calls', async () => {
    const first = (await tools.call('whoami', {}, context())) as { pid: number };
    const second = (await tools.call('whoami', {}, context())) as { pid: number };
    expect(second.pid).toBe(first.pid);
    expect(first.pid).not.toBe(process.pid);
  });

  it("hands the server's env secrets from the environment, never echoing them", async () => {
    const out = (await tools.call('whoami-with-token', {}, context())) as {
      pid: number;
      tokenLength: number;
    };
    expect(out.tokenLength).toBe('s3cr3t-value'.length);
    const error = await rejectionOf(tools.call('no-token', {}, context()));
    expect(error.code).toBe('MCP_CONNECTION_FAILED');
    expect(error.message).toContain('UNSET_MCP_TOKEN');
    expect(JSON.stringify(error.details)).not.toContain('s3cr3t-value');
  });

  it('stops the server processes on close and refuses later calls', async () => {
    const own = new McpClientPool();
    const caller = callerFor(own, [mcpTool('whoami', 'whoami', stdioServer)]);
    const { pid } = (await caller.call('whoami', {}, context())) as { pid: number };
    expect(isAlive(pid)).toBe(true);
    await own.close();
    await eventually(() => !isAlive(pid));
    const error = await rejectionOf(own.connection(stdioServer));
    expect(error.code).toBe('MCP_CONNECTION_FAILED');
  });

  it('reports a server that cannot start with MCP_CONNECTION_FAILED', async () => {
    const own = new McpClientPool();
    const caller = callerFor(own, [mcpTool('broken', 'add', { command: 'weft-no-such-command', args: [] })]);
    const error = await rejectionOf(caller.call('broken', { a: 1, b: 1 }, context()));
    expect(error.code).toBe('MCP_CONNECTION_FAILED');
    expect(error.retryable).toBe(true);
    await own.close();
  });
});

describe('the mcp executor over streamable HTTP', () => {
  let server: { url: string; child: ChildProcess };
  const pool = new McpClientPool();

  beforeAll(async () => {
    server = await startHttpServer();
  });

  afterAll(async () => {
    await pool.close();
    server.child.kill();
  });

  it('calls tools of a server at a URL', async () => {
    const tools = callerFor(pool, [
      mcpTool('add', 'add', { url: server.url }),
      mcpTool('lookup', 'lookup', { url: server.url }),
      mcpTool('fail', 'fail', { url: server.url }),
    ]);
    expect(await tools.call('add', { a: 20, b: 22 }, context())).toEqual({ sum: 42 });
    expect(await tools.call('lookup', { id: 'B7' }, context())).toEqual({ id: 'B7', total: 20 });
    expect((await rejectionOf(tools.call('fail', {}, context()))).code).toBe('MCP_TOOL_ERROR');
  });
});
