import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { AgentGraphV1, CompiledGraphV1, JsonSchemaV1 } from '../spec/v1/graph.js';
import type { MessageRecordV1, ThreadRecordV1 } from '../spec/v1/storage.js';
import type { AgentEventSink } from './agent-events.js';

/** One message of a conversation given to an agent (`{ messages }` input). */
export interface AgentMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/** What an agent is asked: a prompt, or a conversation. */
export type AgentInput = string | { readonly messages: readonly AgentMessage[] };

/** Options of one agent call (`generate`, `stream`, `generateObject`). */
export interface GenerateOptions {
  /** Binds the call to a memory thread: its last messages are loaded and the new ones saved. */
  readonly threadId?: string;
  readonly resourceId?: string;
  /** The template context of the agent's instructions (checked against its `context` schema). */
  readonly context?: unknown;
  readonly signal?: AbortSignal;
  readonly maxSteps?: number;
  readonly temperature?: number;
  /**
   * How many agents are calling this one, through agent tools or workflow tools whose runs reach it
   * in an `agent` step (0 for a direct call).
   */
  readonly depth?: number;
  /** Passed to tool executors (`runId:stepPath:attempt` for a workflow step). */
  readonly idempotencyKey?: string;
  readonly runId?: string;
}

/** Token usage, summed over every step of a call. */
export interface AgentUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
}

/** One tool call the model made during a call, with its result or error. */
export interface AgentToolCall {
  readonly id: string;
  readonly name: string;
  readonly input: unknown;
  readonly output?: unknown;
  readonly error?: string;
}

/** The result of `agent.generate()`. */
export interface GenerateResult {
  readonly text: string;
  readonly usage: AgentUsage;
  readonly finishReason: string;
  readonly toolCalls?: readonly AgentToolCall[];
}

/** The result of `agent.generateObjectResult()`: the validated object and the usage. */
export interface GenerateObjectResult<T> {
  readonly object: T;
  readonly usage: AgentUsage;
}

/** One chunk of `agent.stream()`: text as generated, tool calls and results, or the error that ended it. */
export interface StreamChunk {
  readonly type: 'text' | 'tool' | 'error';
  readonly content: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** How an agent calls a graph tool (the `ToolCaller` of `Weft` satisfies it). */
export interface AgentToolInvoker {
  call(
    name: string,
    input: unknown,
    context: {
      signal: AbortSignal;
      idempotencyKey: string;
      runId?: string;
      threadId?: string;
      resourceId?: string;
    },
  ): Promise<unknown>;
}

/**
 * The memory store an agent reads and writes: a part of `StorageV1` (a bare storage works), plus
 * the optional semantic recall of `weft.memory` (`query`), used when the agent's
 * `memory.semanticRecall` is set.
 *
 * @example
 * const memory: AgentMemoryStore = weft.memory; // or a StorageV1, without recall
 */
export interface AgentMemoryStore {
  getThread(threadId: string): Promise<ThreadRecordV1 | undefined>;
  saveThread(thread: ThreadRecordV1): Promise<unknown>;
  saveMessages(messages: readonly MessageRecordV1[]): Promise<unknown>;
  getMessages(query: { threadId: string; last?: number; before?: number }): Promise<MessageRecordV1[]>;
  /** The stored messages most similar to `text` (with their neighbours), never those in `exclude`. */
  query?(query: AgentRecallQuery): Promise<{ messages: MessageRecordV1[] }>;
}

/** What an agent asks its memory to recall (one thread, or every thread of a resource). */
export interface AgentRecallQuery {
  readonly threadId?: string;
  readonly resourceId?: string;
  readonly text: string;
  readonly topK: number;
  readonly exclude?: readonly string[];
  readonly signal?: AbortSignal;
}

/**
 * Everything an agent needs from outside `runtime/agent`, injected (the `Weft` class fills it in
 * through `installAgents`).
 *
 * @example
 * const services: AgentServices = { graph, resolveModel: () => mockModel, tools, getAgent };
 */
export interface AgentServices {
  readonly graph: Pick<CompiledGraphV1, 'tools' | 'workflows' | 'agents'>;
  readonly resolveModel: (spec: string) => LanguageModelV3;
  readonly tools: AgentToolInvoker;
  /** Another agent of the project (for agents used as tools). */
  readonly getAgent: (name: string) => AgentLike;
  /** Starts a run of a workflow and resolves with its output (for workflows used as tools). */
  readonly runWorkflow?: WorkflowRunner;
  readonly memory?: AgentMemoryStore;
  readonly events?: AgentEventSink;
  /** Agents calling agents as tools stop at this depth (default 5). */
  readonly maxDepth?: number;
  /** The search tool of a knowledge base the agent lists (`Weft` builds it with runtime/rag); none without it. */
  readonly knowledgeTool?: (knowledge: string) => AgentKnowledgeTool;
  readonly now?: () => number;
  readonly generateId?: () => string;
}

/**
 * Runs a workflow for an agent's workflow tool and resolves with its output. `signal` aborts the
 * call (the run is cancelled); `depth` is the agent depth the run's `agent` steps start at (the
 * calling agent's depth + 1), so the depth limit holds across agent -> workflow -> agent.
 *
 * @example
 * const runWorkflow: WorkflowRunner = async (name, input, signal, depth) => ({ ran: name, depth });
 */
export type WorkflowRunner = (
  name: string,
  input: unknown,
  signal: AbortSignal,
  depth: number,
) => Promise<unknown>;

/**
 * The search tool an agent gets for each knowledge base it lists (`search_help_center`), injected
 * so that runtime/agent does not depend on runtime/rag.
 *
 * @example
 * const tool: AgentKnowledgeTool = { name: 'search_help_center', description: 'Search...', input, search: async () => ({ hits: [] }) };
 */
export interface AgentKnowledgeTool {
  /** The tool name the model sees (`[a-zA-Z0-9_]`). */
  readonly name: string;
  readonly description: string;
  readonly input: JsonSchemaV1;
  search(input: unknown, signal: AbortSignal): Promise<unknown>;
}

/** The part of an `Agent` that other agents (agent-as-tool) use. */
export interface AgentLike {
  readonly definition: AgentGraphV1;
  generate(input: AgentInput, options?: GenerateOptions): Promise<GenerateResult>;
}
