import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { JsonSchemaV1, ToolGraphV1 } from '../../../runtime/spec/v1/graph.js';

/** The fixture MCP server script (the SDK's McpServer, over stdio or streamable HTTP). */
export const serverScript = fileURLToPath(new URL('../../fixtures/mcp/test-server.mjs', import.meta.url));

/** The `server` of an `mcp` executor that starts the fixture over stdio. */
export const stdioServer = { command: process.execPath, args: [serverScript] };

/** A Tool graph whose executor is `tool` of `server`. */
export function mcpTool(
  name: string,
  tool: string,
  server: ToolGraphV1['executor'] & { type: 'mcp' } extends { server: infer S } ? S : never,
  output: JsonSchemaV1 = { type: 'object' },
): ToolGraphV1 {
  return { name, input: { type: 'object' }, output, secrets: [], executor: { type: 'mcp', server, tool } };
}

/** Whether a process is alive. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until `check` holds (polling), or fails after `timeoutMs`. */
export async function eventually(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Starts the fixture over streamable HTTP on 127.0.0.1; resolves its URL and the process. */
export async function startHttpServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [serverScript, '--http'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const match = /listening (\S+)/.exec(buffered);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the MCP test server exited (${code})`)));
  });
  return { url, child };
}
