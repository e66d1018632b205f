import type { ToolSet } from 'ai';
import { aiSdk } from '../ai-sdk/load-ai-sdk.js';
import { weftError } from '../errors/create-weft-error.js';
import { WeftError } from '../errors/weft-error.js';
import type { AgentGraphV1, JsonSchemaV1 } from '../spec/v1/graph.js';
import type { AgentServices, GenerateOptions } from './agent-types.js';
import { modelSchema } from './model-schema.js';

/** The default depth limit of agents calling agents as tools. */
export const defaultMaxDepth = 5;

/** Mutable state of one call's tool loop: the fatal tool error that stops it, if any. */
export interface ToolLoopState {
  fatal: WeftError | undefined;
}

/** What `buildTools` needs about the call. */
export interface ToolScope {
  readonly agent: AgentGraphV1;
  readonly services: AgentServices;
  readonly options: GenerateOptions;
  readonly signal: AbortSignal;
  readonly state: ToolLoopState;
}

type Invoke = (input: unknown, toolCallId: string) => Promise<unknown>;

interface ToolEntry {
  readonly name: string;
  /** Graph tools go through the tool caller, which emits their events itself. */
  readonly emitsEvents: boolean;
  readonly description: string;
  readonly input: JsonSchemaV1;
  readonly invoke: Invoke;
}

/**
 * The model name of a project tool: integration actions `<integration>.<action>` become
 * `<integration>__<action>` (providers allow only `[a-zA-Z0-9_-]`).
 *
 * @example
 * modelToolName('crm.get-customer'); // 'crm__get-customer'
 */
export function modelToolName(name: string): string {
  return name.replaceAll('.', '__');
}

/**
 * Builds the AI SDK tool set of one agent call: the agent's tools (through the tool caller), other
 * agents (`{ prompt, context? }` -> `{ text }`), workflows (a run, waited for, whose `agent`
 * steps run one level deeper), both up to the depth limit, and a search tool per knowledge base
 * (`search_<name>`, when `services.knowledgeTool` is given). Knowledge searches emit tool events too. Agent and workflow calls emit `tool:start`, then `tool:complete` or `tool:error` (graph
 * tools get theirs from the tool caller). A failed tool goes back to
 * the model as an error result; a fatal one (cancel, timeout, depth limit, a system error) is kept in
 * `state.fatal` and stops the loop.
 *
 * @example
 * const tools = buildTools({ agent, services, options, signal, state: { fatal: undefined } });
 */
export function buildTools(scope: ToolScope): ToolSet {
  const tools: ToolSet = {};
  for (const entry of toolEntries(scope)) {
    tools[modelToolName(entry.name)] = aiSdk().tool<unknown, unknown>({
      description: entry.description,
      inputSchema: modelSchema(entry.input),
      execute: (input, { toolCallId }) => callTool(scope, entry, input, toolCallId),
    });
  }
  return tools;
}

function toolEntries(scope: ToolScope): ToolEntry[] {
  const { agent, services, options, signal } = scope;
  const { graph } = services;
  const entries: ToolEntry[] = [];
  for (const name of agent.tools) {
    const graphTool = graph.tools[name];
    if (graphTool === undefined) continue;
    entries.push({
      name,
      emitsEvents: false,
      description: graphTool.description ?? name,
      input: graphTool.input,
      invoke: (input, toolCallId) =>
        services.tools.call(name, input, {
          signal,
          idempotencyKey: `${options.idempotencyKey ?? agent.name}:${toolCallId}`,
          ...(options.runId === undefined ? {} : { runId: options.runId }),
          ...(options.threadId === undefined ? {} : { threadId: options.threadId }),
          ...(options.resourceId === undefined ? {} : { resourceId: options.resourceId }),
        }),
    });
  }
  for (const name of agent.agents) {
    const other = graph.agents[name];
    if (other === undefined) continue;
    entries.push({
      name,
      emitsEvents: true,
      description: `Ask the agent "${name}"${other.description === undefined ? '' : `: ${other.description}`}`,
      input: {
        type: 'object',
        additionalProperties: false,
        required: ['prompt'],
        properties: { prompt: { type: 'string', minLength: 1 }, context: other.context },
      },
      invoke: (input) => callAgent(scope, name, input as { prompt: string; context?: unknown }),
    });
  }
  for (const name of agent.workflows) {
    const workflow = graph.workflows[name];
    if (workflow === undefined) continue;
    entries.push({
      name,
      emitsEvents: true,
      description: workflow.description ?? `Run the workflow "${name}"`,
      input: workflow.input,
      invoke: (input) => {
        if (services.runWorkflow === undefined)
          throw weftError('TOOL_NOT_FOUND', { details: { tool: name } });
        return services.runWorkflow(name, input, signal, nextDepth(scope, 'workflow', name));
      },
    });
  }
  for (const name of agent.knowledge) {
    const knowledge = services.knowledgeTool?.(name);
    if (knowledge === undefined) continue;
    entries.push({
      name: knowledge.name,
      emitsEvents: true,
      description: knowledge.description,
      input: knowledge.input,
      invoke: (input) => knowledge.search(input, signal),
    });
  }
  return entries;
}

async function callAgent(
  scope: ToolScope,
  name: string,
  input: { prompt: string; context?: unknown },
): Promise<unknown> {
  const depth = nextDepth(scope, 'agent', name);
  const result = await scope.services.getAgent(name).generate(input.prompt, {
    signal: scope.signal,
    depth,
    ...(input.context === undefined ? {} : { context: input.context }),
    ...(scope.options.runId === undefined ? {} : { runId: scope.options.runId }),
  });
  return { text: result.text };
}

/**
 * The depth of what this call starts (an agent, or the `agent` steps of a workflow run): one more
 * than the caller's; `AGENT_DEPTH_EXCEEDED` past the limit.
 */
function nextDepth(scope: ToolScope, kind: 'agent' | 'workflow', name: string): number {
  const depth = (scope.options.depth ?? 0) + 1;
  const maxDepth = scope.services.maxDepth ?? defaultMaxDepth;
  if (depth > maxDepth) {
    throw weftError('AGENT_DEPTH_EXCEEDED', {
      message: `Agent "${scope.agent.name}" cannot call ${kind} "${name}": agents calling agents stop at depth ${maxDepth}.`,
      details: { agent: scope.agent.name, callee: name, maxDepth },
    });
  }
  return depth;
}

async function callTool(
  scope: ToolScope,
  entry: ToolEntry,
  input: unknown,
  toolCallId: string,
): Promise<unknown> {
  const { agent, services, options, signal, state } = scope;
  const events = entry.emitsEvents ? services.events : undefined;
  const now = services.now ?? Date.now;
  const base = {
    tool: entry.name,
    input,
    callId: `${options.idempotencyKey ?? agent.name}:${toolCallId}`,
    agent: agent.name,
    ...(options.runId === undefined ? {} : { runId: options.runId }),
  };
  if (events?.has('tool:start')) events.emit('tool:start', base);
  const started = now();
  try {
    const output = await entry.invoke(input, toolCallId);
    if (events?.has('tool:complete'))
      events.emit('tool:complete', { ...base, output, durationMs: now() - started });
    return output;
  } catch (thrown) {
    const error = asWeftError(entry.name, thrown);
    const fatal = signal.aborted || error.code === 'AGENT_DEPTH_EXCEEDED' || error.category === 'system';
    if (fatal) state.fatal ??= error;
    if (events?.has('tool:error')) {
      const summary = { code: error.code, message: error.message, retryable: error.retryable };
      events.emit('tool:error', { ...base, error: summary, durationMs: now() - started, fatal });
    }
    throw error;
  }
}

function asWeftError(name: string, error: unknown): WeftError {
  if (WeftError.isInstance(error)) return error;
  return weftError('TOOL_EXECUTOR_FAILED', {
    message: `Tool "${name}" failed: ${error instanceof Error ? error.message : String(error)}`,
    details: { tool: name },
    cause: error,
  });
}
