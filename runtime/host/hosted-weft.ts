import type { Agent } from '../agent/agent.js';
import type { Memory } from '../memory/memory.js';
import type { ListPage, RunDocument, RunStatus } from '../public/api-types.js';
import type { KnowledgeBase } from '../rag/knowledge-base.js';
import type { CompiledGraphV1 } from '../spec/v1/graph.js';
import type { Tool } from '../tools/tool.js';
import type { WorkflowEventListener, WorkflowEventName } from '../workflow/workflow-events.js';

/**
 * One run handle, as `workflow.createRun()` returns it. `start` and `resume` resolve when the run
 * completes, fails, suspends or starts sleeping.
 *
 * @example
 * const run = workflow.createRun();
 * const document = await run.start({ orderId: 'o-1', amount: 120 });
 */
export interface HostedRun {
  readonly runId: string;
  start(input: unknown): Promise<RunDocument>;
  resume(request: { step?: string; data: unknown }): Promise<RunDocument>;
  cancel(): Promise<RunDocument>;
}

/**
 * The part of a workflow handle (`weft.getWorkflow(name)`) the host and the CLI use.
 *
 * @example
 * const page = await weft.getWorkflow('order-approval').listRuns({ status: ['suspended'], limit: 20 });
 */
export interface HostedWorkflow {
  readonly name: string;
  /** A run handle: a new run, or (with the id of an existing run) one to resume or cancel. */
  createRun(options?: { runId?: string }): HostedRun;
  /** The run document; `RUN_NOT_FOUND` when the run does not exist (or belongs to another workflow). */
  getRun(runId: string): Promise<RunDocument>;
  listRuns(query: {
    status?: readonly RunStatus[];
    limit?: number;
    cursor?: string;
  }): Promise<ListPage<RunDocument>>;
  on<E extends WorkflowEventName>(event: E, listener: WorkflowEventListener<E>): () => void;
}

/**
 * What the host needs from a `Weft` instance (the real `Weft` satisfies it structurally; tests
 * may pass a smaller object).
 *
 * @example
 * const app = createHost(await Weft.open('definitions'));
 */
export interface HostedWeft {
  readonly graph: CompiledGraphV1;
  readonly storage: { ping(): Promise<void> };
  /** `WORKFLOW_NOT_FOUND` for an unknown name. */
  getWorkflow(name: string): HostedWorkflow;
  /** Tools (YAML and code-first) for `/api/tools`; without it the graph's tools are listed and none runs. */
  readonly tools?: { list(): readonly HostedTool[]; get(name: string): HostedTool };
  /** `AGENT_NOT_FOUND` for an unknown name (optional: without it, no agent is found). */
  getAgent?(name: string): HostedAgent;
  /** `KNOWLEDGE_NOT_FOUND` for an unknown name (optional: without it, knowledge bases are listed but not read or written). */
  getKnowledge?(name: string): HostedKnowledge;
  /** Conversation memory for `/api/threads` (optional: without it, those routes are not served). */
  readonly memory?: HostedMemory;
}

/**
 * The part of `weft.memory` the threads routes use.
 *
 * @example
 * const thread = await weft.memory.createThread({ resourceId: 'user-1' });
 */
export type HostedMemory = Pick<
  Memory,
  'createThread' | 'getThread' | 'listThreads' | 'deleteThread' | 'getMessages' | 'saveMessages'
>;

/**
 * The part of a knowledge base (`weft.getKnowledge(name)`) the knowledge routes use.
 *
 * @example
 * const hits = await weft.getKnowledge('help-center').query('refund timelines', { topK: 3 });
 */
export type HostedKnowledge = Pick<
  KnowledgeBase,
  'name' | 'definition' | 'add' | 'query' | 'delete' | 'documents'
>;

/**
 * The part of an agent (`weft.getAgent(name)`) the agents routes use.
 *
 * @example
 * const result = await weft.getAgent('support').generate('Where is order A1?');
 */
export type HostedAgent = Pick<Agent, 'definition' | 'generate' | 'stream' | 'generateObjectResult'>;

/**
 * The part of a tool (`weft.getTool(name)`) the tools routes use.
 *
 * @example
 * const output = await weft.getTool('lookup-order').execute({ orderId: 'o-1' });
 */
export type HostedTool = Pick<Tool, 'name' | 'description' | 'inputSchema' | 'outputSchema' | 'execute'>;
