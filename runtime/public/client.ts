/**
 * The runtime of generated clients (`weft/client`): a small `fetch`-based client of the hosted API
 * (DESIGN.md section 7). The `client.ts` that `weft compile` emits calls `createBaseClient` and
 * types each workflow, tool and agent from the project's registry; this module also works untyped.
 *
 * @example
 * import { createBaseClient } from 'weft/client';
 * const base = createBaseClient({ baseUrl: 'http://127.0.0.1:3000', apiKey: process.env.WEFT_KEY });
 * const run = await base.workflow('order-approval').start({ orderId: 'o1', amount: 10 }, { wait: true });
 */
import type {
  ApiErrorBody,
  GenerateBody,
  GenerateObjectResult,
  GenerateResult,
  HealthStatus,
  ListPage,
  RunDocument,
  RunEvent,
  RunListQuery,
  StreamChunk,
  SuspendedStep,
} from './api-types.js';

import { parseEventStream, type ServerSentEvent } from './parse-event-stream.js';

export type * from './api-types.js';
export { parseEventStream, type ServerSentEvent } from './parse-event-stream.js';

/** Options of a client: the host's base URL (without `/api`), an API key, and an injectable `fetch`. */
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
/** The run document of a workflow, typed by its registry entry. */
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
  events(runId: string, options?: RequestOptions): AsyncIterable<RunEvent>;
}
/** The client of one tool. */
export interface ToolClient<T extends ToolTypes = ToolTypes> {
  execute(input: T['input'], options?: RequestOptions): Promise<T['output']>;
}
/** The client of one agent. */
export interface AgentClient<A extends AgentTypes = AgentTypes> {
  generate(body: GenerateBody<A['context']>, options?: RequestOptions): Promise<GenerateResult<A['output']>>;
  stream(body: GenerateBody<A['context']>, options?: RequestOptions): AsyncIterable<StreamChunk>;
  generateObject(
    body: GenerateBody<A['context']>,
    options?: RequestOptions,
  ): Promise<GenerateObjectResult<A['output']>>;
}

/** The generic client the generated one is built on. */
export interface BaseClient {
  request<T>(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  events(
    method: string,
    path: string,
    body?: unknown,
    options?: RequestOptions,
  ): AsyncIterable<ServerSentEvent>;
  workflow<W extends WorkflowTypes = WorkflowTypes>(name: string): WorkflowClient<W>;
  tool<T extends ToolTypes = ToolTypes>(name: string): ToolClient<T>;
  agent<A extends AgentTypes = AgentTypes>(name: string): AgentClient<A>;
  health(options?: RequestOptions): Promise<HealthStatus>;
}

const clientErrorMarker = Symbol.for('weft.client.error');

/**
 * An error answered by the hosted API (`{ error: { code, message, details } }`), or a transport
 * failure (`status` 0, code `NETWORK_ERROR`).
 *
 * @example
 * try { await client.workflows['order-approval'].get('nope'); }
 * catch (error) { if (WeftClientError.isInstance(error) && error.status === 404) console.log(error.code); }
 */
export class WeftClientError extends Error {
  readonly [clientErrorMarker] = true;
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(
    status: number,
    code: string,
    message: string,
    details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'WeftClientError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** True for a `WeftClientError` from any copy of this package. */
  static isInstance(value: unknown): value is WeftClientError {
    return typeof value === 'object' && value !== null && clientErrorMarker in value;
  }
}

const segment = (value: string): string => encodeURIComponent(value);

function errorFromBody(status: number, text: string): WeftClientError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const error = (parsed as Partial<ApiErrorBody> | undefined)?.error;
  if (typeof error === 'object' && error !== null && typeof error.code === 'string') {
    return new WeftClientError(status, error.code, String(error.message ?? error.code), error.details);
  }
  return new WeftClientError(status, 'HTTP_ERROR', `HTTP ${status}: ${text.slice(0, 200)}`);
}

/** Yields the JSON `data:` of each message until `event: end`; `event: error` throws its error body. */
async function* jsonEvents<T>(events: AsyncIterable<ServerSentEvent>): AsyncGenerator<T> {
  for await (const { event, data } of events) {
    if (event === 'end') return;
    if (event === 'error') throw errorFromBody(200, data);
    if (data !== '') yield JSON.parse(data) as T;
  }
}

/**
 * Creates the generic client of a weft host.
 *
 * @example
 * const base = createBaseClient({ baseUrl: 'http://127.0.0.1:3000' });
 * const { output } = await base.request<{ output: unknown }>('POST', '/api/tools/lookup-order/execute', { input: { orderId: 'o1' } });
 */
export function createBaseClient(options: ClientOptions): BaseClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch;

  async function send(method: string, path: string, body: unknown, accept: string, signal?: AbortSignal) {
    const headers: Record<string, string> = { accept, ...options.headers };
    if (options.apiKey !== undefined) headers.authorization = `Bearer ${options.apiKey}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (cause) {
      throw new WeftClientError(0, 'NETWORK_ERROR', `Request to ${baseUrl}${path} failed.`, undefined, {
        cause,
      });
    }
    if (!response.ok) throw errorFromBody(response.status, await response.text());
    return response;
  }

  const client: BaseClient = {
    async request<T>(
      method: string,
      path: string,
      body?: unknown,
      requestOptions?: RequestOptions,
    ): Promise<T> {
      const response = await send(method, path, body, 'application/json', requestOptions?.signal);
      const text = await response.text();
      return (text === '' ? undefined : JSON.parse(text)) as T;
    },
    async *events(method: string, path: string, body?: unknown, requestOptions?: RequestOptions) {
      const response = await send(method, path, body, 'text/event-stream', requestOptions?.signal);
      if (response.body === null) return;
      yield* parseEventStream(response.body);
    },
    workflow<W extends WorkflowTypes = WorkflowTypes>(name: string): WorkflowClient<W> {
      const runs = `/api/workflows/${segment(name)}/runs`;
      type Run = WorkflowRun<W>;
      return {
        start: (input, opts) =>
          client.request<Run>(
            'POST',
            runs,
            opts?.wait === undefined ? { input } : { input, wait: opts.wait },
            opts,
          ),
        get: (runId, opts) => client.request<Run>('GET', `${runs}/${segment(runId)}`, undefined, opts),
        list: (query, opts) =>
          client.request<ListPage<Run>>('GET', `${runs}${queryString(query)}`, undefined, opts),
        resume: (runId, body, opts) =>
          client.request<Run>('POST', `${runs}/${segment(runId)}/resume`, body, opts),
        cancel: (runId, opts) =>
          client.request<Run>('POST', `${runs}/${segment(runId)}/cancel`, undefined, opts),
        events: (runId, opts) =>
          jsonEvents<RunEvent>(client.events('GET', `${runs}/${segment(runId)}/events`, undefined, opts)),
      };
    },
    tool<T extends ToolTypes = ToolTypes>(name: string): ToolClient<T> {
      const path = `/api/tools/${segment(name)}/execute`;
      return {
        execute: async (input, opts) =>
          (await client.request<{ output: T['output'] }>('POST', path, { input }, opts)).output,
      };
    },
    agent<A extends AgentTypes = AgentTypes>(name: string): AgentClient<A> {
      const path = `/api/agents/${segment(name)}`;
      return {
        generate: (body, opts) =>
          client.request<GenerateResult<A['output']>>('POST', `${path}/generate`, body, opts),
        stream: (body, opts) => jsonEvents<StreamChunk>(client.events('POST', `${path}/stream`, body, opts)),
        generateObject: (body, opts) =>
          client.request<GenerateObjectResult<A['output']>>('POST', `${path}/generate-object`, body, opts),
      };
    },
    health: (opts) => client.request<HealthStatus>('GET', '/api/health', undefined, opts),
  };
  return client;
}

function queryString(query: RunListQuery | undefined): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const key of ['status', 'cursor', 'limit'] as const) {
    const value = query[key];
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
