import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { weftError } from '../errors/create-weft-error.js';
import { WeftError } from '../errors/weft-error.js';
import type { SecretRefV1, ToolExecutorRefV1 } from '../spec/v1/graph.js';
import type { LoggerV1 } from '../spec/v1/tool-executor.js';

/** The `server` of an `mcp` executor: a command (stdio) or a URL (streamable HTTP). */
export type McpServerRefV1 = Extract<ToolExecutorRefV1, { type: 'mcp' }>['server'];

/** A tool an MCP server lists. */
export interface McpToolInfo {
  readonly name: string;
  readonly description?: string;
}

/** The part of an MCP `tools/call` result weft reads. */
export interface McpCallResult {
  readonly content?: readonly { readonly type: string; readonly text?: string }[];
  readonly structuredContent?: unknown;
  readonly isError?: boolean;
}

/** One live connection to an MCP server. */
export interface McpConnection {
  /** The server's tools (listed once per connection). */
  tools(): Promise<readonly McpToolInfo[]>;
  call(tool: string, input: Readonly<Record<string, unknown>>, signal: AbortSignal): Promise<McpCallResult>;
}

export interface McpClientPoolOptions {
  /** Working directory of stdio servers (the project folder), so `args: [./mcp/server.js]` works. */
  readonly cwd?: string;
  /** Where `${{ env.NAME }}` values of a server's `env` come from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly logger?: LoggerV1;
}

const silentLogger: LoggerV1 = { debug() {}, info() {}, warn() {}, error() {} };

const describe = (server: McpServerRefV1): string =>
  'url' in server ? server.url : [server.command, ...server.args].join(' ');

/**
 * One MCP client per server, opened on first use and reused by every call (a server is the same
 * when its command, arguments and environment, or its URL, are the same). A connection that
 * closes is forgotten, so the next call reconnects. `close()` closes them all (`weft.close()`).
 *
 * @example
 * const pool = new McpClientPool({ cwd: '/srv/project' });
 * const connection = await pool.connection({ command: 'node', args: ['./mcp/server.js'] });
 * await connection.call('search', { q: 'refund' }, AbortSignal.timeout(5_000));
 * await pool.close();
 */
export class McpClientPool {
  private readonly connections = new Map<string, Promise<{ client: Client; connection: McpConnection }>>();
  private closed = false;

  constructor(private readonly options: McpClientPoolOptions = {}) {}

  /** The connection to `server`, opened on first use; `MCP_CONNECTION_FAILED` when it cannot open. */
  async connection(server: McpServerRefV1): Promise<McpConnection> {
    if (this.closed) {
      throw weftError('MCP_CONNECTION_FAILED', {
        message: `The MCP server "${describe(server)}" cannot be reached: weft is closed.`,
        details: { server: describe(server) },
      });
    }
    const key = JSON.stringify(server);
    let pending = this.connections.get(key);
    if (pending === undefined) {
      pending = this.open(server, () => this.forget(key, pending));
      this.connections.set(key, pending);
      pending.catch(() => this.forget(key, pending));
    }
    return (await pending).connection;
  }

  /** Closes every connection (stdio servers are stopped). */
  async close(): Promise<void> {
    this.closed = true;
    const pending = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(
      pending.map(async (entry) => {
        const opened = await entry.catch(() => undefined);
        await opened?.client.close().catch(() => undefined);
      }),
    );
  }

  private forget(key: string, entry: Promise<unknown> | undefined): void {
    if (this.connections.get(key) === entry) this.connections.delete(key);
  }

  private async open(
    server: McpServerRefV1,
    onClose: () => void,
  ): Promise<{ client: Client; connection: McpConnection }> {
    const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
    const client = new Client({ name: 'weft', version: '1.0.0' });
    try {
      await client.connect(await this.transportFor(server));
    } catch (cause) {
      await client.close().catch(() => undefined);
      if (WeftError.isInstance(cause)) throw cause;
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw weftError('MCP_CONNECTION_FAILED', {
        message: `The MCP server "${describe(server)}" cannot be reached: ${reason}`,
        details: { server: describe(server) },
        cause,
      });
    }
    client.onclose = onClose;
    let listed: Promise<readonly McpToolInfo[]> | undefined;
    const connection: McpConnection = {
      tools: () => {
        listed ??= listTools(client);
        return listed;
      },
      call: async (tool, input, signal) =>
        (await client.callTool({ name: tool, arguments: { ...input } }, undefined, {
          signal,
        })) as McpCallResult,
    };
    return { client, connection };
  }

  private async transportFor(server: McpServerRefV1): Promise<Transport> {
    if ('url' in server) {
      const { StreamableHTTPClientTransport } = await import(
        '@modelcontextprotocol/sdk/client/streamableHttp.js'
      );
      return new StreamableHTTPClientTransport(new URL(server.url));
    }
    const env = this.resolveEnv(server);
    const { StdioClientTransport, getDefaultEnvironment } = await import(
      '@modelcontextprotocol/sdk/client/stdio.js'
    );
    const transport = new StdioClientTransport({
      command: server.command,
      args: [...server.args],
      env: { ...getDefaultEnvironment(), ...env },
      stderr: 'pipe',
      ...(this.options.cwd === undefined ? {} : { cwd: this.options.cwd }),
    });
    const logger = this.options.logger ?? silentLogger;
    transport.stderr?.on('data', (chunk: Buffer) =>
      logger.debug('mcp server stderr', { server: server.command, text: chunk.toString('utf8') }),
    );
    return transport;
  }

  /** The server's `env`, `${{ env.NAME }}` values read from the environment (never logged). */
  private resolveEnv(server: Exclude<McpServerRefV1, { url: string }>): Record<string, string> {
    const source = this.options.env ?? process.env;
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(server.env ?? {})) {
      if (typeof value === 'string') {
        env[name] = value;
        continue;
      }
      const secret = source[(value as SecretRefV1).$secret];
      if (secret === undefined) {
        throw weftError('MCP_CONNECTION_FAILED', {
          message: `The MCP server "${describe(server)}" needs the environment variable ${value.$secret} (for ${name}), which is not set.`,
          details: { server: describe(server), variable: value.$secret },
        });
      }
      env[name] = secret;
    }
    return env;
  }
}

async function listTools(client: Client): Promise<readonly McpToolInfo[]> {
  const tools: McpToolInfo[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor === undefined ? {} : { cursor });
    for (const tool of page.tools)
      tools.push(
        tool.description === undefined
          ? { name: tool.name }
          : { name: tool.name, description: tool.description },
      );
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return tools;
}
