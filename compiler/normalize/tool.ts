import type { SecretRefV1, ToolExecutorRefV1, ToolGraphV1 } from '../../runtime/spec/v1/graph.js';
import { schemaId } from '../../schema/index.js';
import type { Reporter } from '../check/reporter.js';
import { inputOnlyScope } from '../expressions/check-scope.js';
import { checkTemplate } from '../expressions/check-template.js';
import { compileValue } from '../expressions/compile-value.js';
import { type LinkIndex, linkName } from '../link/link-index.js';
import type { HttpToolSpec, McpToolSpec, ToolSpec } from '../manifest-types.js';
import type { ParsedManifest } from '../model.js';
import { dataSchemaOf } from './data-schema-of.js';
import { normalizeHttpAuth } from './http-auth.js';
import { durationMs, normalizeSecret } from './units.js';

/** The `$id` of the schema this transform implements. */
export const toolSchemaId = schemaId('Tool');

function httpExecutor(
  http: HttpToolSpec['http'],
  input: ToolGraphV1['input'],
  reporter: Reporter,
): ToolExecutorRefV1 {
  const scope = inputOnlyScope(input);
  const value = (key: string, member: unknown) =>
    compileValue(member, `/spec/http/${key}`, scope, reporter).template;
  const responseScope = {
    roots: {
      input,
      response: {
        type: 'object',
        properties: { status: { type: 'integer' }, headers: { type: 'object' }, body: {} },
      },
    },
    steps: new Map(),
  };
  return {
    type: 'http',
    request: {
      method: http.method,
      url: value('url', http.url),
      ...(http.headers === undefined ? {} : { headers: value('headers', http.headers) }),
      ...(http.query === undefined ? {} : { query: value('query', http.query) }),
      ...(http.body === undefined ? {} : { body: value('body', http.body) }),
    },
    ...(http.auth === undefined ? {} : { auth: normalizeHttpAuth(http.auth) }),
    ...(http.response === undefined
      ? {}
      : { response: compileValue(http.response, '/spec/http/response', responseScope, reporter).template }),
  };
}

function mcpExecutor(mcp: McpToolSpec['mcp']): ToolExecutorRefV1 {
  const server = mcp.server;
  if ('url' in server) return { type: 'mcp', server: { url: server.url }, tool: mcp.tool };
  const env: Record<string, SecretRefV1 | string> = {};
  for (const [name, value] of Object.entries(server.env ?? {}))
    env[name] = /^\$\{\{/.test(value) ? normalizeSecret(value) : value;
  return {
    type: 'mcp',
    server: {
      command: server.command,
      args: [...(server.args ?? [])],
      ...(server.env === undefined ? {} : { env }),
    },
    tool: mcp.tool,
  };
}

function executorOf(
  spec: ToolSpec,
  input: ToolGraphV1['input'],
  reporter: Reporter,
  index: LinkIndex,
): ToolExecutorRefV1 {
  if ('plugin' in spec) return { type: 'plugin', name: spec.plugin };
  if ('http' in spec) return httpExecutor(spec.http, input, reporter);
  if ('workflow' in spec) {
    linkName('workflow', spec.workflow, '/spec/workflow', reporter, index.workflows.keys(), index.invalid);
    return { type: 'workflow', workflow: spec.workflow };
  }
  if ('agent' in spec) {
    linkName('agent', spec.agent.name, '/spec/agent/name', reporter, index.agents.keys(), index.invalid);
    checkTemplate(spec.agent.prompt, input, reporter, '/spec/agent/prompt');
    return { type: 'agent', agent: spec.agent.name, prompt: spec.agent.prompt };
  }
  return mcpExecutor(spec.mcp);
}

/**
 * Normalises a Tool: schemas closed, the executor compiled (http values over `input`, the
 * `response` mapping over `response`, agent prompt checked over the input), links checked.
 *
 * @example
 * normalizeTool(manifest, reporter, index).executor.type; // 'http'
 */
export function normalizeTool(
  manifest: ParsedManifest<ToolSpec>,
  reporter: Reporter,
  index: LinkIndex,
): ToolGraphV1 {
  const spec = manifest.value.spec;
  const input = dataSchemaOf(spec.input);
  const timeoutMs = durationMs(spec.timeout);
  const description = manifest.value.metadata.description;
  return {
    name: manifest.name,
    ...(description === undefined ? {} : { description }),
    input,
    output: dataSchemaOf(spec.output),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    secrets: [...(spec.secrets ?? [])].sort(),
    executor: executorOf(spec, input, reporter, index),
  };
}
