/**
 * The interfaces of the client runtime (`weft/client`): options, the per-manifest type slots the
 * generated `types.ts` fills in, and the clients of workflows, tools, agents, threads and
 * knowledge bases.
 *
 * @example
 * import type { WorkflowClient } from 'weft/client';
 * const approval: WorkflowClient = createBaseClient({ baseUrl }).workflow('order-approval');
 */
import type {
  CreateThreadBody,
  GenerateBody,
  GenerateObjectResult,
  GenerateResult,
  HealthStatus,
  KnowledgeDocumentInput,
  KnowledgeHit,
  KnowledgeQuery,
  ListPage,
  RunDocument,
  RunEvent,
  RunListQuery,
  StreamChunk,
  SuspendedStep,
  Thread,
  ThreadMessage,
} from './api-types.js';
import type { ServerSentEvent } from './parse-event-stream.js';

/**
 * Options of a client: the host's base URL (without `/api`), an API key (sent as
 * `Authorization: Bearer`), extra headers, and an injectable `fetch`.
 *
 * @example
 * const options: ClientOptions = { baseUrl: 'http://127.0.0.1:3000', apiKey: process.env.WEFT_KEY };
 */
export interface ClientOptions {
  baseUrl: string;
  apiKey?: string;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

/** The types of one workflow, as the generated `WeftWorkflows` registry gives them. */
export interface WorkflowTypes {
  input: unknown;
  output: unknown;
  suspend: Record<string, { payload: unknown; resume: unknown }>;
}
/** The types of one tool. */
export interface ToolTypes {
  input: unknown;
  output: unknown;
}
/** The types of one agent. */
export interface AgentTypes {
  context: unknown;
  output: unknown;
}

type SuspendOf<W extends WorkflowTypes> = W['suspend'][keyof W['suspend']];

/**
 * The run document of a workflow, typed by its registry entry.
 *
 * @example
 * const run: WorkflowRun<WeftWorkflows['order-approval']> = await client.workflows['order-approval'].get(id);
 */
export type WorkflowRun<W extends WorkflowTypes> = RunDocument<
  W['input'],
  W['output'],
  SuspendedStep<string, SuspendOf<W>['payload']>
>;

/** The body of `resume`: `step` is the suspended step path (optional when only one is suspended). */
export interface ResumeBody<Data = unknown> {
  step?: string;
  data: Data;
}

/** Options of the requests that may be aborted. */
export interface RequestOptions {
  signal?: AbortSignal;
}

/**
 * Options of `events(runId)`: start after an event id (what a previous stream's last event had);
 * a dropped connection is resumed from the last event received, up to `reconnects` times (default 3).
 */
export interface RunEventsOptions extends RequestOptions {
  lastEventId?: number;
  reconnects?: number;
}

/** The client of one workflow's runs. */
export interface WorkflowClient<W extends WorkflowTypes = WorkflowTypes> {
  start(input: W['input'], options?: RequestOptions & { wait?: boolean }): Promise<WorkflowRun<W>>;
  get(runId: string, options?: RequestOptions): Promise<WorkflowRun<W>>;
  list(query?: RunListQuery, options?: RequestOptions): Promise<ListPage<WorkflowRun<W>>>;
  resume(
    runId: string,
    body: ResumeBody<SuspendOf<W>['resume']>,
    options?: RequestOptions,
  ): Promise<WorkflowRun<W>>;
  cancel(runId: string, options?: RequestOptions): Promise<WorkflowRun<W>>;
  /** The run's events (each with its `id`), from the start or after `lastEventId`, until the run settles. */
  events(runId: string, options?: RunEventsOptions): AsyncIterable<RunEvent>;
}

/** The client of one tool. */
export interface ToolClient<T extends ToolTypes = ToolTypes> {
  execute(input: T['input'], options?: RequestOptions): Promise<T['output']>;
}

/** The client of one agent. Leaving a `stream` loop (`break`) or aborting its signal stops the model call. */
export interface AgentClient<A extends AgentTypes = AgentTypes> {
  generate(body: GenerateBody<A['context']>, options?: RequestOptions): Promise<GenerateResult<A['output']>>;
  stream(body: GenerateBody<A['context']>, options?: RequestOptions): AsyncIterable<StreamChunk>;
  generateObject(
    body: GenerateBody<A['context']>,
    options?: RequestOptions,
  ): Promise<GenerateObjectResult<A['output']>>;
}

/** The client of memory threads (`/api/threads`). */
export interface ThreadsClient {
  create(body?: CreateThreadBody, options?: RequestOptions): Promise<Thread>;
  get(threadId: string, options?: RequestOptions): Promise<Thread>;
  list(
    query?: { resourceId?: string; cursor?: string; limit?: number },
    options?: RequestOptions,
  ): Promise<ListPage<Thread>>;
  delete(threadId: string, options?: RequestOptions): Promise<void>;
  messages(
    threadId: string,
    query?: { last?: number },
    options?: RequestOptions,
  ): Promise<ListPage<ThreadMessage>>;
  saveMessages(
    threadId: string,
    messages: { id?: string; role: ThreadMessage['role']; content: unknown }[],
    options?: RequestOptions,
  ): Promise<ListPage<ThreadMessage>>;
}

/** The client of one knowledge base (`/api/knowledge/:name`). */
export interface KnowledgeClient {
  query(query: KnowledgeQuery, options?: RequestOptions): Promise<{ hits: KnowledgeHit[] }>;
  addDocuments(
    documents: KnowledgeDocumentInput[],
    options?: RequestOptions,
  ): Promise<{ items: { id: string; chunks: number }[] }>;
  deleteDocument(documentId: string, options?: RequestOptions): Promise<void>;
}

/** The generic client the generated one is built on. */
export interface BaseClient {
  request<T>(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  events(
    method: string,
    path: string,
    body?: unknown,
    options?: RequestOptions & { headers?: Record<string, string> },
  ): AsyncIterable<ServerSentEvent>;
  workflow<W extends WorkflowTypes = WorkflowTypes>(name: string): WorkflowClient<W>;
  tool<T extends ToolTypes = ToolTypes>(name: string): ToolClient<T>;
  agent<A extends AgentTypes = AgentTypes>(name: string): AgentClient<A>;
  knowledge(name: string): KnowledgeClient;
  readonly threads: ThreadsClient;
  health(options?: RequestOptions): Promise<HealthStatus>;
}
