import type { ToolGraphV1 } from './graph.js';
import type { ToolExecutorV1 } from './tool-executor.js';

/**
 * Executor registry contracts, version 1: how the workflow engine reaches agents (and tools whose
 * executor is not a plugin function) without importing them. The `Weft` class wires the agent
 * runtime in through `AgentExecutorV1`; `runtime/workflow` only sees these interfaces.
 *
 * @example
 * const agents: AgentExecutorV1 = {
 *   specificationVersion: 'v1',
 *   async generate(agent, { prompt, signal }) { signal.throwIfAborted(); return { text: `hi from ${agent}` }; },
 * };
 */
export interface AgentExecutorV1 {
  readonly specificationVersion: 'v1';
  /** Runs the agent once; resolves with its structured output, else `{ text }`. */
  generate(agentName: string, request: AgentExecutionRequestV1): Promise<unknown>;
}

export interface AgentExecutionRequestV1 {
  /** The rendered prompt. */
  readonly prompt: string;
  /** The agent's template context (the step's `context` value). */
  readonly context?: unknown;
  /** Aborted on timeout or cancel. */
  readonly signal: AbortSignal;
  /** `runId:stepPath:attempt`. */
  readonly idempotencyKey: string;
  readonly runId?: string;
  readonly stepPath?: string;
}

/**
 * Builds the executor of a tool whose executor is not a plugin function (`http`, `mcp`,
 * `integration`, `agent`, `workflow`); returns `undefined` for types it does not handle.
 *
 * @example
 * const http: ToolExecutorFactoryV1 = (tool) => (tool.executor.type === 'http' ? callHttp(tool) : undefined);
 */
export type ToolExecutorFactoryV1 = (tool: ToolGraphV1) => ToolExecutorV1 | undefined;

/**
 * What the engine can call besides plugin tool executors. Every member is optional: an agent step
 * without an agent executor fails with `AGENT_EXECUTOR_MISSING`.
 *
 * @example
 * const executors: ExecutorRegistryV1 = { agent: myAgentExecutor, toolFactories: [httpTools] };
 */
export interface ExecutorRegistryV1 {
  readonly agent?: AgentExecutorV1;
  readonly toolFactories?: readonly ToolExecutorFactoryV1[];
}
