import { weftError } from '../errors/create-weft-error.js';
import type { JsonSchemaV1 } from '../spec/v1/graph.js';
import type { McpCallResult } from './mcp-client-pool.js';

const textOf = (result: McpCallResult): string =>
  (result.content ?? [])
    .filter((part) => part.type === 'text' && typeof part.text === 'string')
    .map((part) => part.text)
    .join('\n');

const isObjectSchema = (schema: JsonSchemaV1): boolean =>
  schema.type === 'object' || (schema.type === undefined && typeof schema.properties === 'object');

/**
 * The tool output of an MCP `tools/call` result: its `structuredContent` when present, else its
 * text parsed as JSON when the tool's output schema is an object, else `{ text }`. A result with
 * `isError` is `MCP_TOOL_ERROR` (a `ToolError`) carrying the text.
 *
 * @example
 * mapMcpResult({ content: [{ type: 'text', text: '{"total":3}' }] }, { type: 'object' }, 'search', 'find');
 * // { total: 3 }
 */
export function mapMcpResult(
  result: McpCallResult,
  outputSchema: JsonSchemaV1,
  tool: string,
  mcpTool: string,
): unknown {
  const text = textOf(result);
  if (result.isError === true) {
    throw weftError('MCP_TOOL_ERROR', {
      message: `The MCP tool "${mcpTool}" (tool "${tool}") failed: ${text || 'no message'}`,
      details: { tool, mcpTool, text },
    });
  }
  if (result.structuredContent !== undefined && result.structuredContent !== null)
    return result.structuredContent;
  if (isObjectSchema(outputSchema)) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed;
    } catch {
      // Not JSON: fall through to `{ text }`, which the output schema then checks.
    }
  }
  return { text };
}
