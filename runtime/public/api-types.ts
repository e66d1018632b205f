/**
 * The shapes of the hosted runtime API (DESIGN.md section 7), shared by the Fastify host, the
 * generic client runtime (`weft/client`) and the generated `client.ts`. Plain JSON: timestamps
 * are ISO-8601 strings.
 *
 * @example
 * import type { RunDocument } from 'weft/client';
 * const run: RunDocument = await (await fetch(`${base}/api/workflows/order-approval/runs/${id}`)).json();
 */

/** The status of a workflow run. */
export type RunStatus = 'running' | 'suspended' | 'sleeping' | 'completed' | 'failed' | 'cancelled';

/** The status of one attempt of one step, as journaled. */
export type StepAttemptStatus =
  | 'started'
  | 'completed'
  | 'failed'
  | 'skipped'
  | 'suspended'
  | 'resumed'
  | 'sleeping'
  | 'compensated';

/**
 * An error as the API reports it inside a run or a step.
 *
 * @example
 * const error: RunErrorBody = { code: 'TOOL_FAILED', message: 'lookup-order failed', step: 'lookup' };
 */
export interface RunErrorBody {
  code: string;
  message: string;
  step?: string;
}

/**
 * One suspension of a run: the step path waiting for `resume` and the payload it exposed.
 *
 * @example
 * const waiting: SuspendedStep<'approve', { orderId: string }> = { step: 'approve', payload: { orderId: 'o1' } };
 */
export interface SuspendedStep<Step extends string = string, Payload = unknown> {
  step: Step;
  payload: Payload;
}

/**
 * One attempt of a step.
 *
 * @example
 * const attempt: StepAttempt = { attempt: 1, status: 'completed', startedAt: '2025-01-01T00:00:00.000Z' };
 */
export interface StepAttempt {
  attempt: number;
  status: StepAttemptStatus;
  startedAt: string;
  endedAt?: string;
  output?: unknown;
  error?: RunErrorBody;
}

/**
 * A step of a run with its attempts, by step path (`lookup`, `squares[3]/square`).
 *
 * @example
 * const step: StepRecord = { path: 'lookup', status: 'completed', attempts: [] };
 */
export interface StepRecord {
  path: string;
  status: StepAttemptStatus;
  attempts: StepAttempt[];
}

/**
 * The run document: what every run route returns, bare.
 *
 * @example
 * const run: RunDocument<{ orderId: string }, { status: string }> = await client.workflows['order-approval'].get(id);
 * if (run.status === 'suspended') console.log(run.suspended?.[0]?.step);
 */
export interface RunDocument<
  Input = unknown,
  Output = unknown,
  Suspended extends SuspendedStep = SuspendedStep,
> {
  runId: string;
  workflow: string;
  status: RunStatus;
  input: Input;
  output?: Output;
  error?: RunErrorBody;
  suspended?: Suspended[];
  steps: StepRecord[];
  createdAt: string;
  updatedAt: string;
}

/**
 * One event of a run, streamed by `GET /api/workflows/:name/runs/:runId/events` (one per `data:`
 * line). Step events carry `step` (the step path); run events do not. Known types: `step:start`,
 * `step:complete`, `step:error`, and run-level events named `run:<status>`.
 *
 * @example
 * for await (const event of client.workflows['order-approval'].events(runId)) console.log(event.type, event.step);
 */
export interface RunEvent {
  /** The event's id in its run (the SSE `id:`, set by the client); absent on a transient state such as `run:sleeping`. */
  id?: number;
  type: string;
  runId: string;
  step?: string;
  attempt?: number;
  status?: string;
  output?: unknown;
  error?: RunErrorBody;
  at: string;
}

/**
 * A page of a list route.
 *
 * @example
 * const page: ListPage<RunDocument> = await client.workflows['order-approval'].list({ status: 'suspended' });
 * if (page.nextCursor) await client.workflows['order-approval'].list({ cursor: page.nextCursor });
 */
export interface ListPage<Item> {
  items: Item[];
  nextCursor?: string;
}

/**
 * The query of `GET /api/workflows/:name/runs`.
 *
 * @example
 * const query: RunListQuery = { status: 'suspended', limit: 20 };
 */
export interface RunListQuery {
  status?: RunStatus;
  cursor?: string;
  limit?: number;
}

/**
 * The body of every error response: `{ error: { code, message, details? } }`.
 *
 * @example
 * const body: ApiErrorBody = { error: { code: 'VALIDATION_FAILED', message: 'input/orderId is required' } };
 */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/**
 * A chat message sent to an agent or saved in a thread.
 *
 * @example
 * const message: ChatMessage = { role: 'user', content: 'Where is my order?' };
 */
export interface ChatMessage {
  id?: string;
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: unknown;
}

/**
 * The body of `POST /api/agents/:name/generate|stream|generate-object`: a `prompt` or `messages`,
 * optional memory binding and the template context of the agent's instructions.
 *
 * @example
 * const body: GenerateBody<{ customerName: string }> = { prompt: 'Hello', threadId: 't1', context: { customerName: 'Ada' } };
 */
export interface GenerateBody<Context = Record<string, unknown>> {
  prompt?: string;
  messages?: ChatMessage[];
  threadId?: string;
  resourceId?: string;
  context?: Context;
}

/**
 * Token usage of a generation.
 *
 * @example
 * const usage: TokenUsage = { promptTokens: 10, completionTokens: 5, totalTokens: 15 };
 */
export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/**
 * The result of `generate`.
 *
 * @example
 * const { text, usage } = await client.agents.support.generate({ prompt: 'Hi' });
 */
export interface GenerateResult<Output = unknown> {
  text: string;
  usage: TokenUsage;
  finishReason: string;
  toolCalls?: { toolName: string; input: unknown; output?: unknown }[];
  object?: Output;
}

/**
 * The result of `generate-object`: the object, validated against the agent's output schema.
 *
 * @example
 * const { object } = await client.agents.triage.generateObject({ prompt: 'Classify: refund please' });
 */
export interface GenerateObjectResult<Output = unknown> {
  object: Output;
  usage: TokenUsage;
}

/**
 * One chunk of an agent stream (one per `data:` line of the event stream).
 *
 * @example
 * for await (const chunk of client.agents.support.stream({ prompt: 'Hi' })) if (chunk.type === 'text') process.stdout.write(chunk.content);
 */
export interface StreamChunk {
  type: 'text' | 'tool' | 'error';
  content: string;
  metadata?: Record<string, unknown>;
}

/**
 * The answer of `GET /api/health`.
 *
 * @example
 * const health: HealthStatus = await client.health();
 */
export interface HealthStatus {
  status: 'ok' | 'degraded';
  storage: 'ok' | 'unreachable';
  version?: string;
}

/**
 * A memory thread (`POST /api/threads` answers it with 201).
 *
 * @example
 * const thread: Thread = await client.threads.create({ resourceId: 'user-1', title: 'Order A1' });
 */
export interface Thread {
  id: string;
  resourceId?: string;
  title?: string;
  metadata?: Record<string, unknown>;
  createdAt: string | number;
  updatedAt: string | number;
}

/**
 * The body of `POST /api/threads`.
 *
 * @example
 * const body: CreateThreadBody = { resourceId: 'user-1', title: 'Order A1' };
 */
export interface CreateThreadBody {
  resourceId?: string;
  title?: string;
  metadata?: Record<string, unknown>;
}

/**
 * A message stored in a thread (`content` a string or AI-SDK-style parts).
 *
 * @example
 * const { items } = await client.threads.messages('t-1');
 * const first: ThreadMessage | undefined = items[0];
 */
export interface ThreadMessage {
  id: string;
  threadId: string;
  resourceId?: string;
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: unknown;
  createdAt: string | number;
}

/**
 * The body of `POST /api/knowledge/:name/query`.
 *
 * @example
 * const query: KnowledgeQuery = { text: 'refund policy', topK: 3, filter: { lang: 'en' } };
 */
export interface KnowledgeQuery {
  text: string;
  topK?: number;
  filter?: Record<string, unknown>;
  minScore?: number;
}

/**
 * One hit of a knowledge query.
 *
 * @example
 * const { hits } = await client.knowledge['help-center'].query({ text: 'refunds' });
 * const best: KnowledgeHit | undefined = hits[0];
 */
export interface KnowledgeHit {
  text: string;
  score: number;
  metadata: Record<string, unknown>;
  documentId: string;
}

/**
 * A document to add to a knowledge base (`POST /api/knowledge/:name/documents`).
 *
 * @example
 * const doc: KnowledgeDocumentInput = { id: 'refunds', text: 'Refunds take 5 days.', metadata: { lang: 'en' } };
 */
export interface KnowledgeDocumentInput {
  id: string;
  text: string;
  metadata?: Record<string, unknown>;
}
