// biome-ignore-all lint/suspicious/noTemplateCurlyInString: descriptions quote the `${{ }}` expression syntax.
import { envelope } from './common.js';
import { arrayOf, closedObject, mapOf, ref, type SchemaObject, string } from './schema-object.js';

/**
 * The tool executor keys; a Tool spec has exactly one. The `$defs` entry of key `k` is
 * `${k}ToolSpec`.
 *
 * @example
 * toolExecutorKinds[0]; // 'plugin'
 */
export const toolExecutorKinds = ['plugin', 'http', 'workflow', 'agent', 'mcp'] as const;

/** One of the tool executor keys. */
export type ToolExecutorKind = (typeof toolExecutorKinds)[number];

function toolCommon(): Record<string, SchemaObject> {
  return {
    input: ref('dataSchema', 'The schema of the tool input.'),
    output: ref('dataSchema', 'The schema of the tool output.'),
    timeout: ref('duration', 'The longest one call may run.'),
    secrets: arrayOf(
      'Environment variables handed to the executor as `ctx.secrets`.',
      { $ref: '#/$defs/envName' },
      { uniqueItems: true },
    ),
  };
}

function toolSpecOf(kind: ToolExecutorKind, description: string, executor: SchemaObject): SchemaObject {
  return closedObject(description, { ...toolCommon(), [kind]: executor }, ['input', 'output', kind]);
}

const httpExecutor = closedObject(
  'A declarative HTTP request over the tool input.',
  {
    method: ref('httpMethod', 'The HTTP method.'),
    url: string('The URL; may embed `${{ input.* }}`.', { minLength: 1 }),
    headers: ref('valueMap', 'Request headers.'),
    query: ref('valueMap', 'Query parameters.'),
    body: ref('value', 'The JSON body, a value over `input`.'),
    auth: ref('httpAuth', 'How the request authenticates.'),
    response: ref('value', 'The output: a value over `response.{status,headers,body}` (default the body).'),
  },
  ['method', 'url'],
);

const mcpExecutor = closedObject(
  'A tool of an MCP server.',
  {
    server: {
      description: 'The MCP server: a command (stdio) or a URL (streamable HTTP).',
      oneOf: [
        closedObject(
          'Start the server as a child process.',
          {
            command: string('The executable.', { minLength: 1 }),
            args: arrayOf('Its arguments.', { type: 'string' }),
            env: mapOf(
              'Environment of the process: literals, or `${{ env.NAME }}` for secrets.',
              { $ref: '#/$defs/envString' },
              { propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' } },
            ),
          },
          ['command'],
        ),
        closedObject(
          'Connect to a running server.',
          {
            url: ref('envString', 'The server URL.'),
            headers: mapOf('Request headers: literals, or `${{ env.NAME }}` for secrets.', {
              $ref: '#/$defs/envString',
            }),
          },
          ['url'],
        ),
      ],
    },
    tool: string('The MCP tool exposed under this manifest name.', { minLength: 1 }),
  },
  ['server', 'tool'],
);

/**
 * `$defs` of the Tool kind.
 *
 * @example
 * toolDefs.toolSpec.oneOf; // one closed object per executor kind
 */
export const toolDefs: Record<string, SchemaObject> = {
  toolManifest: envelope('Tool', 'toolSpec', 'A Tool manifest: typed input and output and one executor.'),
  toolSpec: {
    description: 'The tool: input and output schemas plus exactly one executor key.',
    oneOf: toolExecutorKinds.map((kind) => ({ $ref: `#/$defs/${kind}ToolSpec` })),
  },
  pluginToolSpec: toolSpecOf(
    'plugin',
    'A tool run by a plugin function.',
    string('The executor name a plugin registers (`registry.tool(name, fn)`).', { minLength: 1 }),
  ),
  httpToolSpec: toolSpecOf('http', 'A tool that makes one HTTP request.', httpExecutor),
  workflowToolSpec: toolSpecOf(
    'workflow',
    'A tool that runs a workflow with its input and waits for the output.',
    ref('name', 'The workflow to run.'),
  ),
  agentToolSpec: toolSpecOf(
    'agent',
    'A tool that asks an agent.',
    closedObject(
      'The agent and the prompt.',
      {
        name: ref('name', 'The agent to ask.'),
        prompt: ref('template', 'Handlebars prompt over the tool input.'),
      },
      ['name', 'prompt'],
    ),
  ),
  mcpToolSpec: toolSpecOf('mcp', 'A tool of an MCP server.', mcpExecutor),
};
