import { readFileSync } from 'node:fs';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { Agent } from '../../../runtime/agent/agent.js';
import type {
  AgentEventName,
  AgentEventSink,
  AgentToolEventBase,
} from '../../../runtime/agent/agent-events.js';
import type { AgentServices } from '../../../runtime/agent/agent-types.js';
import { installAgents } from '../../../runtime/agent/install-agents.js';
import type { AgentGraphV1, CompiledGraphV1 } from '../../../runtime/spec/v1/graph.js';
import { MemoryStorage } from '../../../runtime/storage/memory-storage.js';

/** The compiled example project (`definitions/`). */
export const exampleGraph = JSON.parse(
  readFileSync(new URL('../../golden/definitions/graph.json', import.meta.url), 'utf8'),
) as CompiledGraphV1;

/** An agent definition based on `support`, with the given changes. */
export function agentDefinition(changes: Partial<AgentGraphV1> = {}): AgentGraphV1 {
  const support = exampleGraph.agents.support;
  if (support === undefined) throw new Error('the example project has no support agent');
  return { ...support, ...changes };
}

/** One recorded tool call of the fake tool invoker. */
export interface InvokedTool {
  readonly name: string;
  readonly input: unknown;
}

/** An event the fake sink received. */
export interface ReceivedEvent {
  readonly name: AgentEventName;
  readonly event: AgentToolEventBase & Record<string, unknown>;
}

/** What `agentWith` builds: the agent, its memory, and what its tools saw. */
export interface AgentFixture {
  readonly agent: Agent;
  readonly memory: MemoryStorage;
  readonly invoked: InvokedTool[];
  readonly events: ReceivedEvent[];
  readonly agents: ReturnType<typeof installAgents>;
}

/**
 * An agent of the example graph (plus `extraAgents`) on a mock model, memory storage, and a fake
 * tool invoker answering with `tools[name](input)`.
 *
 * @example
 * const { agent } = agentWith(agentDefinition({ tools: [] }), mockTextModel('Hi'));
 */
export function agentWith(
  definition: AgentGraphV1,
  model: LanguageModelV3,
  options: {
    tools?: Record<string, (input: unknown) => unknown>;
    extraAgents?: AgentGraphV1[];
    runWorkflow?: AgentServices['runWorkflow'];
    maxDepth?: number;
  } = {},
): AgentFixture {
  const memory = new MemoryStorage();
  const invoked: InvokedTool[] = [];
  const events: ReceivedEvent[] = [];
  const sink: AgentEventSink = {
    has: () => true,
    emit: (name: AgentEventName, event: AgentToolEventBase) => {
      events.push({ name, event: event as AgentToolEventBase & Record<string, unknown> });
    },
  };
  const graph: CompiledGraphV1 = {
    ...exampleGraph,
    agents: {
      ...exampleGraph.agents,
      [definition.name]: definition,
      ...Object.fromEntries((options.extraAgents ?? []).map((extra) => [extra.name, extra])),
    },
  };
  const agents = installAgents({
    graph,
    resolveModel: () => model,
    memory,
    events: sink,
    tools: {
      async call(name, input) {
        invoked.push({ name, input });
        const fake = options.tools?.[name];
        if (fake === undefined) throw new Error(`no fake for tool ${name}`);
        return fake(input);
      },
    },
    ...(options.runWorkflow === undefined ? {} : { runWorkflow: options.runWorkflow }),
    ...(options.maxDepth === undefined ? {} : { maxDepth: options.maxDepth }),
  });
  return { agent: agents.get(definition.name), memory, invoked, events, agents };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(
  promise: Promise<unknown>,
): Promise<Error & { code?: string; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string; details?: Record<string, unknown> };
  }
  throw new Error('expected the promise to reject');
}
