import type { LanguageModelV3 } from '@ai-sdk/provider';
import { weftError } from '../errors/create-weft-error.js';
import {
  createModelResolver,
  type MissingCredential,
  type ModelResolver,
} from '../models/create-model-resolver.js';
import type { ModelEnvironment, ModelProviderRegistry } from '../models/model-providers.js';
import type { AgentExecutorV1 } from '../spec/v1/executors.js';
import type { CompiledGraphV1 } from '../spec/v1/graph.js';
import { closestName } from '../text/closest-name.js';
import { Agent } from './agent.js';
import type { AgentEventSink } from './agent-events.js';
import type {
  AgentKnowledgeTool,
  AgentMemoryStore,
  AgentServices,
  AgentToolInvoker,
  WorkflowRunner,
} from './agent-types.js';

/** Options of {@link installAgents}. */
export interface InstallAgentsOptions {
  readonly graph: CompiledGraphV1;
  readonly tools: AgentToolInvoker;
  /**
   * `provider:model` -> a model. Default: the project's model resolver (`runtime/models`: providers
   * of weft.yaml, plugin providers, the built-in `openai` with `OPENAI_API_KEY`/`OPENAI_BASE_URL`),
   * created at the first call.
   */
  readonly resolveModel?: (spec: string) => LanguageModelV3;
  /** Where plugin model providers are found (for the default resolver). */
  readonly registry?: ModelProviderRegistry;
  /** Environment of the default resolver (default `process.env`). */
  readonly env?: ModelEnvironment;
  readonly memory?: AgentMemoryStore;
  readonly events?: AgentEventSink;
  /** Runs a workflow for an agent's workflow tool (cancelling it when the signal aborts). */
  readonly runWorkflow?: WorkflowRunner;
  /**
   * The agent depth of a run's `agent` steps: set for runs that a workflow tool started (and their
   * child runs), `undefined` (depth 0) for the others.
   */
  readonly agentDepthOfRun?: (runId: string) => Promise<number | undefined>;
  readonly maxDepth?: number;
  /** The search tool of a knowledge base (`search_<name>`); agents listing knowledge get none without it. */
  readonly knowledgeTool?: (knowledge: string) => AgentKnowledgeTool;
}

/** The agents of a project, as `Weft` holds them. */
export interface AgentRuntime {
  /** An agent by name; `AGENT_NOT_FOUND` (with a did-you-mean) for an unknown one. */
  get(name: string): Agent;
  /** The names of the project's agents, sorted. */
  names(): string[];
  /** What the workflow engine calls for an `agent` step. */
  readonly executor: AgentExecutorV1;
  /** Credentials the project's models need and the environment lacks (for a start-up warning). */
  missingCredentials(): MissingCredential[];
}

/**
 * Builds the agent runtime of a project: one `Agent` per `graph.agents` entry sharing the injected
 * services, and the `AgentExecutorV1` that runs a workflow `agent` step (the agent's structured
 * output when it has an output schema, else `{ text }`).
 *
 * @example
 * const agents = installAgents({ graph, tools: toolCaller, resolveModel: (spec) => mockModel, memory: storage });
 * engine.setAgentExecutor(agents.executor);
 * await agents.get('support').generate('Where is order A1?');
 */
export function installAgents(options: InstallAgentsOptions): AgentRuntime {
  const agents = new Map<string, Agent>();
  const projectModels = lazyModels(options);
  const get = (name: string): Agent => {
    let agent = agents.get(name);
    if (agent !== undefined) return agent;
    const definition = Object.hasOwn(options.graph.agents, name) ? options.graph.agents[name] : undefined;
    if (definition === undefined) throw notFound(name, Object.keys(options.graph.agents));
    agent = new Agent(definition, services);
    agents.set(name, agent);
    return agent;
  };
  const services: AgentServices = {
    graph: options.graph,
    resolveModel: options.resolveModel ?? ((spec) => projectModels().resolve(spec)),
    tools: options.tools,
    getAgent: get,
    ...(options.runWorkflow === undefined ? {} : { runWorkflow: options.runWorkflow }),
    ...(options.memory === undefined ? {} : { memory: options.memory }),
    ...(options.events === undefined ? {} : { events: options.events }),
    ...(options.maxDepth === undefined ? {} : { maxDepth: options.maxDepth }),
    ...(options.knowledgeTool === undefined ? {} : { knowledgeTool: options.knowledgeTool }),
  };
  const executor: AgentExecutorV1 = {
    specificationVersion: 'v1',
    async generate(agentName, request) {
      const agent = get(agentName);
      const depth = request.runId === undefined ? undefined : await options.agentDepthOfRun?.(request.runId);
      const callOptions = {
        signal: request.signal,
        idempotencyKey: request.idempotencyKey,
        ...(request.context === undefined ? {} : { context: request.context }),
        ...(request.runId === undefined ? {} : { runId: request.runId }),
        ...(depth === undefined ? {} : { depth }),
      };
      if (agent.definition.output !== undefined)
        return agent.generateObject(request.prompt, undefined, callOptions);
      const { text } = await agent.generate(request.prompt, callOptions);
      return { text };
    },
  };
  return {
    get,
    names: () => Object.keys(options.graph.agents).sort(),
    executor,
    missingCredentials: () =>
      options.resolveModel === undefined ? projectModels().missingCredentials() : [],
  };
}

/** The project's model resolver, created on first use (it loads the providers' clients). */
function lazyModels(options: InstallAgentsOptions): () => ModelResolver {
  let resolver: ModelResolver | undefined;
  return () => {
    resolver ??= createModelResolver({
      project: options.graph.project,
      registry: options.registry ?? { model: () => undefined },
      models: Object.values(options.graph.agents).map((agent) => agent.model),
      ...(options.env === undefined ? {} : { env: options.env }),
    });
    return resolver;
  };
}

function notFound(name: string, known: readonly string[]) {
  const suggestion = closestName(name, known);
  return weftError('AGENT_NOT_FOUND', {
    message: `No agent is named "${name}".${suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`}`,
    details: { agent: name, ...(suggestion === undefined ? {} : { suggestion }), known: [...known].sort() },
  });
}
