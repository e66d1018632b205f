import { weftError } from '../errors/create-weft-error.js';
import type { ToolExecutorFactoryV1 } from '../spec/v1/executors.js';
import type { ToolExecutorV1 } from '../spec/v1/tool-executor.js';
import { mapMcpResult } from './map-mcp-result.js';
import type { McpClientPool } from './mcp-client-pool.js';

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The executor factory of `mcp` tools: each call reuses the pool's connection to the tool's
 * server, checks that the server lists the selected MCP tool (`MCP_TOOL_NOT_FOUND` lists the ones
 * it has), calls it with the tool input and maps the result (`mapMcpResult`).
 *
 * @example
 * const pool = new McpClientPool({ cwd: projectDir });
 * weft.useExecutors({ toolFactories: [mcpToolExecutors(pool)] });
 */
export function mcpToolExecutors(pool: McpClientPool): ToolExecutorFactoryV1 {
  return (tool) => {
    const ref = tool.executor;
    if (ref.type !== 'mcp') return undefined;
    const executor: ToolExecutorV1 = async (input, ctx) => {
      if (!isRecord(input)) {
        throw weftError('TOOL_INPUT_INVALID', {
          message: `The input of MCP tool "${tool.name}" must be an object.`,
          details: { tool: tool.name, pointer: '' },
        });
      }
      const connection = await pool.connection(ref.server);
      const available = await connection.tools();
      if (!available.some((candidate) => candidate.name === ref.tool)) {
        const names = available.map((candidate) => candidate.name).sort();
        throw weftError('MCP_TOOL_NOT_FOUND', {
          message: `The MCP server of tool "${tool.name}" has no tool "${ref.tool}" (it has: ${names.join(', ') || 'none'}).`,
          details: { tool: tool.name, mcpTool: ref.tool, available: names },
        });
      }
      ctx.signal.throwIfAborted();
      const result = await connection.call(ref.tool, input, ctx.signal);
      return mapMcpResult(result, tool.output, tool.name, ref.tool);
    };
    return executor;
  };
}
