import type { CompiledGraphV1 } from '../../runtime/spec/v1/graph.js';
import { GENERATED_HEADER } from './emit-types.js';
import { propertyKey } from './naming.js';
import { planTypes, type TypePlan } from './type-plan.js';

/**
 * Emits `client.ts`: `createClient(options)` over `weft/client`, one typed member per workflow,
 * tool and agent (types from `./types.js`), one per knowledge base, plus `threads` and
 * `health()`. Deterministic: members sorted by name.
 *
 * @example
 * const client = createClient({ baseUrl: 'http://127.0.0.1:3000', apiKey: process.env.WEFT_KEY });
 * const run = await client.workflows['order-approval'].start({ orderId: 'o1', amount: 10 });
 */
export function emitClient(graph: CompiledGraphV1, plan: TypePlan = planTypes(graph)): string {
  const workflows = plan.workflows.map((workflow) => workflow.name);
  const tools = plan.tools.map((tool) => tool.name);
  const agents = plan.agents.map((agent) => agent.name);
  const knowledge = Object.keys(graph.knowledge).sort();
  const member = (name: string, value: string): string => `    ${propertyKey(name)}: ${value};`;
  const entry = (name: string, value: string): string => `      ${propertyKey(name)}: ${value},`;
  const quoted = (name: string): string => `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return [
    GENERATED_HEADER,
    "import { type AgentClient, type ClientOptions, createBaseClient, type HealthStatus, type KnowledgeClient, type RequestOptions, type ThreadsClient, type ToolClient, type WorkflowClient } from 'weft/client';",
    "import type { WeftAgents, WeftTools, WeftWorkflows } from './types.js';",
    '',
    "export { WeftApiError, WeftClientError } from 'weft/client';",
    "export type { ClientOptions, GenerateResult, KnowledgeHit, ListPage, RunDocument, RunEvent, StreamChunk, Thread, ThreadMessage } from 'weft/client';",
    '',
    "/** The typed client of this project's hosted API. */",
    'export interface WeftClient {',
    '  workflows: {',
    ...workflows.map((name) => member(name, `WorkflowClient<WeftWorkflows[${quoted(name)}]>`)),
    '  };',
    '  tools: {',
    ...tools.map((name) => member(name, `ToolClient<WeftTools[${quoted(name)}]>`)),
    '  };',
    '  agents: {',
    ...agents.map((name) => member(name, `AgentClient<WeftAgents[${quoted(name)}]>`)),
    '  };',
    '  knowledge: {',
    ...knowledge.map((name) => member(name, 'KnowledgeClient')),
    '  };',
    '  threads: ThreadsClient;',
    '  health(options?: RequestOptions): Promise<HealthStatus>;',
    '}',
    '',
    '/**',
    ' * Creates the typed client of a weft host.',
    ' *',
    ' * @example',
    " * const client = createClient({ baseUrl: 'http://127.0.0.1:3000', apiKey: process.env.WEFT_API_KEY });",
    ' * const health = await client.health();',
    ' */',
    'export function createClient(options: ClientOptions): WeftClient {',
    '  const base = createBaseClient(options);',
    '  return {',
    '    workflows: {',
    ...workflows.map((name) => entry(name, `base.workflow<WeftWorkflows[${quoted(name)}]>(${quoted(name)})`)),
    '    },',
    '    tools: {',
    ...tools.map((name) => entry(name, `base.tool<WeftTools[${quoted(name)}]>(${quoted(name)})`)),
    '    },',
    '    agents: {',
    ...agents.map((name) => entry(name, `base.agent<WeftAgents[${quoted(name)}]>(${quoted(name)})`)),
    '    },',
    '    knowledge: {',
    ...knowledge.map((name) => entry(name, `base.knowledge(${quoted(name)})`)),
    '    },',
    '    threads: base.threads,',
    '    health: (requestOptions) => base.health(requestOptions),',
    '  };',
    '}',
    '',
  ].join('\n');
}
