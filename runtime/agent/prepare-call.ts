import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { ModelMessage, StepResult, ToolSet } from 'ai';
import { weftError } from '../errors/create-weft-error.js';
import { WeftError } from '../errors/weft-error.js';
import type { AgentGraphV1 } from '../spec/v1/graph.js';
import type { AgentInput, AgentServices, AgentToolCall, AgentUsage, GenerateOptions } from './agent-types.js';
import { buildTools, modelToolName, type ToolLoopState } from './build-tools.js';
import { loadMemory, recallMemory } from './load-memory.js';
import { addUsage, mapUsage, zeroUsage } from './map-usage.js';
import { renderInstructions } from './render-instructions.js';

/** What one finished step looked like (kept for the partial results of an error). */
export interface StepSummary {
  readonly text: string;
  readonly finishReason: string;
  readonly toolCalls: readonly AgentToolCall[];
  /** Tool calls the SDK could not parse: an unknown tool or malformed arguments. */
  readonly invalidToolCalls: readonly { readonly name: string; readonly error: unknown }[];
}

/** The state of one call, filled in as steps finish. */
export interface CallState extends ToolLoopState {
  readonly steps: StepSummary[];
  usage: AgentUsage;
}

/** One agent call, ready to run: model, system prompt, messages, tools, limits and state. */
export interface PreparedCall {
  readonly agent: AgentGraphV1;
  readonly services: AgentServices;
  readonly options: GenerateOptions;
  readonly model: LanguageModelV3;
  readonly system: string;
  /** Messages loaded from memory, then the call's own (`input`). */
  readonly history: readonly ModelMessage[];
  readonly input: readonly ModelMessage[];
  readonly tools: ToolSet | undefined;
  readonly maxSteps: number;
  readonly signal: AbortSignal;
  readonly state: CallState;
  /** Project tool names by model tool name (`crm__get-customer` -> `crm.get-customer`). */
  readonly toolNames: ReadonlyMap<string, string>;
  timedOut(): boolean;
  abort(reason: unknown): void;
  /** Clears the timeout; call once the call has settled. */
  dispose(): void;
}

/**
 * Prepares one agent call: checks the input, renders the instructions, resolves the model, loads
 * the thread's last messages (and, with `semanticRecall`, appends older relevant ones to the system
 * prompt), builds the tool set, and arms the timeout (`timeoutMs`) on a signal
 * that also follows the caller's.
 *
 * @example
 * const call = await prepareCall(graph.agents.support, services, 'Where is order A1?', { threadId: 't-1' });
 */
export async function prepareCall(
  agent: AgentGraphV1,
  services: AgentServices,
  input: AgentInput,
  options: GenerateOptions,
): Promise<PreparedCall> {
  const { messages, extraSystem } = inputMessages(agent, input);
  const instructions = renderInstructions(agent, options.context);
  const model = resolveModel(agent, services);
  const history = await loadMemory(services.memory, agent, options);
  const recalled = await recallMemory(services.memory, agent, options, messages);
  const controller = new AbortController();
  let timedOut = false;
  const outer = options.signal;
  const onOuterAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) controller.abort(outer.reason);
  else outer?.addEventListener('abort', onOuterAbort, { once: true });
  const timer =
    agent.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort(
            weftError('AGENT_TIMEOUT', { details: { agent: agent.name, timeoutMs: agent.timeoutMs } }),
          );
        }, agent.timeoutMs);
  const state: CallState = { steps: [], usage: zeroUsage, fatal: undefined };
  const knowledgeTools = services.knowledgeTool === undefined ? 0 : agent.knowledge.length;
  const hasTools = agent.tools.length + agent.agents.length + agent.workflows.length + knowledgeTools > 0;
  const tools = hasTools
    ? buildTools({ agent, services, options, signal: controller.signal, state })
    : undefined;
  const toolNames = new Map<string, string>();
  for (const name of [...agent.tools, ...agent.agents, ...agent.workflows])
    toolNames.set(modelToolName(name), name);
  return {
    agent,
    services,
    options,
    model,
    system: [instructions, ...extraSystem, ...(recalled === undefined ? [] : ['', recalled])].join('\n'),
    history,
    input: messages,
    tools,
    maxSteps: options.maxSteps ?? agent.maxSteps,
    signal: controller.signal,
    state,
    toolNames,
    timedOut: () => timedOut,
    abort: (reason) => controller.abort(reason),
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    },
  };
}

/**
 * Records a finished step in the call's state (usage summed, tool calls with their results).
 *
 * @example
 * generateText({ ..., onStepFinish: (step) => recordStep(call, step) });
 */
export function recordStep(call: PreparedCall, step: StepResult<ToolSet>): void {
  call.state.usage = addUsage(call.state.usage, mapUsage(step.usage));
  const calls: AgentToolCall[] = [];
  const invalid: { name: string; error: unknown }[] = [];
  for (const part of step.content) {
    if (part.type === 'tool-call') {
      const name = call.toolNames.get(part.toolName) ?? part.toolName;
      if (part.invalid === true) invalid.push({ name, error: part.error });
      calls.push({ id: part.toolCallId, name, input: part.input });
    }
  }
  const withResults = calls.map((toolCall) => {
    for (const part of step.content) {
      if (part.type === 'tool-result' && part.toolCallId === toolCall.id)
        return { ...toolCall, output: part.output };
      if (part.type === 'tool-error' && part.toolCallId === toolCall.id)
        return { ...toolCall, error: part.error instanceof Error ? part.error.message : String(part.error) };
    }
    return toolCall;
  });
  call.state.steps.push({
    text: step.text,
    finishReason: step.finishReason,
    toolCalls: withResults,
    invalidToolCalls: invalid,
  });
}

/** The tool calls of every step of a call, in order. */
export function toolCallsOf(call: PreparedCall): AgentToolCall[] {
  return call.state.steps.flatMap((step) => step.toolCalls);
}

function inputMessages(
  agent: AgentGraphV1,
  input: AgentInput,
): { messages: ModelMessage[]; extraSystem: string[] } {
  if (typeof input === 'string') {
    if (input.length === 0) throw requestInvalid(agent, 'The prompt is empty.');
    return { messages: [{ role: 'user', content: input }], extraSystem: [] };
  }
  const messages: ModelMessage[] = [];
  const extraSystem: string[] = [];
  for (const message of input.messages) {
    if (message.role === 'system') extraSystem.push(message.content);
    else messages.push({ role: message.role, content: message.content });
  }
  if (messages.length === 0) throw requestInvalid(agent, 'The call has no user or assistant message.');
  return { messages, extraSystem };
}

function requestInvalid(agent: AgentGraphV1, message: string): WeftError {
  return weftError('AGENT_REQUEST_INVALID', { message, details: { agent: agent.name } });
}

function resolveModel(agent: AgentGraphV1, services: AgentServices): LanguageModelV3 {
  try {
    return services.resolveModel(agent.model);
  } catch (error) {
    if (WeftError.isInstance(error)) throw error;
    throw weftError('AGENT_MODEL_UNAVAILABLE', {
      message: `The model "${agent.model}" of agent "${agent.name}" cannot be resolved.`,
      details: { agent: agent.name, model: agent.model },
      cause: error,
    });
  }
}
