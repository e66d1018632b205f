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
  GenerateObjectResult,
  GenerateResult,
  HealthStatus,
  KnowledgeHit,
  ListPage,
  RunEvent,
  RunListQuery,
  StreamChunk,
  Thread,
  ThreadMessage,
} from './api-types.js';
import type {
  AgentClient,
  AgentTypes,
  BaseClient,
  ClientOptions,
  KnowledgeClient,
  RequestOptions,
  RunEventsOptions,
  ThreadsClient,
  ToolClient,
  ToolTypes,
  WorkflowClient,
  WorkflowRun,
  WorkflowTypes,
} from './client-types.js';
import { parseEventStream, type ServerSentEvent } from './parse-event-stream.js';
import { apiErrorFrom, WeftApiError } from './weft-api-error.js';

export type * from './api-types.js';
export type * from './client-types.js';
export { parseEventStream, type ServerSentEvent } from './parse-event-stream.js';
export { apiErrorFrom, WeftApiError, WeftClientError } from './weft-api-error.js';

const segment = (value: string): string => encodeURIComponent(value);

/** Yields the JSON `data:` of each message until `event: end`; `event: error` throws its error body. */
async function* jsonEvents<T>(events: AsyncIterable<ServerSentEvent>): AsyncGenerator<T> {
  for await (const { event, data } of events) {
    if (event === 'end') return;
    if (event === 'error') throw apiErrorFrom(200, data);
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

  async function send(
    method: string,
    path: string,
    body: unknown,
    accept: string,
    requestOptions: RequestOptions & { headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { accept, ...options.headers, ...requestOptions.headers };
    if (options.apiKey !== undefined) headers.authorization = `Bearer ${options.apiKey}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(requestOptions.signal === undefined ? {} : { signal: requestOptions.signal }),
      });
    } catch (cause) {
      if (requestOptions.signal?.aborted === true) throw cause;
      throw new WeftApiError(0, 'NETWORK_ERROR', `Request to ${baseUrl}${path} failed.`, undefined, {
        cause,
      });
    }
    if (!response.ok) throw apiErrorFrom(response.status, await response.text());
    return response;
  }

  const request = async <T>(
    method: string,
    path: string,
    body?: unknown,
    requestOptions?: RequestOptions,
  ): Promise<T> => {
    const response = await send(method, path, body, 'application/json', requestOptions);
    const text = await response.text();
    return (text === '' ? undefined : JSON.parse(text)) as T;
  };

  async function* events(
    method: string,
    path: string,
    body?: unknown,
    requestOptions?: RequestOptions & { headers?: Record<string, string> },
  ): AsyncGenerator<ServerSentEvent> {
    const response = await send(method, path, body, 'text/event-stream', requestOptions);
    if (response.body === null) return;
    yield* parseEventStream(response.body);
  }

  const threads: ThreadsClient = {
    create: (body, opts) => request<Thread>('POST', '/api/threads', body ?? {}, opts),
    get: (threadId, opts) => request<Thread>('GET', `/api/threads/${segment(threadId)}`, undefined, opts),
    list: (query, opts) =>
      request<ListPage<Thread>>('GET', `/api/threads${queryString(query)}`, undefined, opts),
    delete: async (threadId, opts) => {
      await request<unknown>('DELETE', `/api/threads/${segment(threadId)}`, undefined, opts);
    },
    messages: (threadId, query, opts) =>
      request<ListPage<ThreadMessage>>(
        'GET',
        `/api/threads/${segment(threadId)}/messages${queryString(query)}`,
        undefined,
        opts,
      ),
    saveMessages: (threadId, messages, opts) =>
      request<ListPage<ThreadMessage>>(
        'POST',
        `/api/threads/${segment(threadId)}/messages`,
        { messages },
        opts,
      ),
  };

  const client: BaseClient = {
    request,
    events,
    threads,
    workflow<W extends WorkflowTypes = WorkflowTypes>(name: string): WorkflowClient<W> {
      const runs = `/api/workflows/${segment(name)}/runs`;
      type Run = WorkflowRun<W>;
      return {
        start: (input, opts) =>
          request<Run>('POST', runs, opts?.wait === undefined ? { input } : { input, wait: opts.wait }, opts),
        get: (runId, opts) => request<Run>('GET', `${runs}/${segment(runId)}`, undefined, opts),
        list: (query, opts) => request<ListPage<Run>>('GET', `${runs}${queryString(query)}`, undefined, opts),
        resume: (runId, body, opts) => request<Run>('POST', `${runs}/${segment(runId)}/resume`, body, opts),
        cancel: (runId, opts) => request<Run>('POST', `${runs}/${segment(runId)}/cancel`, undefined, opts),
        events: (runId, opts) => runEvents(events, `${runs}/${segment(runId)}/events`, opts),
      };
    },
    tool<T extends ToolTypes = ToolTypes>(name: string): ToolClient<T> {
      const path = `/api/tools/${segment(name)}/execute`;
      return {
        execute: async (input, opts) =>
          (await request<{ output: T['output'] }>('POST', path, { input }, opts)).output,
      };
    },
    agent<A extends AgentTypes = AgentTypes>(name: string): AgentClient<A> {
      const path = `/api/agents/${segment(name)}`;
      return {
        generate: (body, opts) =>
          request<GenerateResult<A['output']>>('POST', `${path}/generate`, body, opts),
        stream: (body, opts) => jsonEvents<StreamChunk>(events('POST', `${path}/stream`, body, opts)),
        generateObject: (body, opts) =>
          request<GenerateObjectResult<A['output']>>('POST', `${path}/generate-object`, body, opts),
      };
    },
    knowledge(name: string): KnowledgeClient {
      const path = `/api/knowledge/${segment(name)}`;
      return {
        query: (query, opts) => request<{ hits: KnowledgeHit[] }>('POST', `${path}/query`, query, opts),
        addDocuments: (documents, opts) =>
          request<{ items: { id: string; chunks: number }[] }>(
            'POST',
            `${path}/documents`,
            { documents },
            opts,
          ),
        deleteDocument: async (documentId, opts) => {
          await request<unknown>('DELETE', `${path}/documents/${segment(documentId)}`, undefined, opts);
        },
      };
    },
    health: (opts) => request<HealthStatus>('GET', '/api/health', undefined, opts),
  };
  return client;
}

/**
 * A run's events, each with its `id`; a connection that drops before `event: end` is reopened
 * with `Last-Event-ID` (the last id received), so no event is lost or repeated.
 */
async function* runEvents(
  open: BaseClient['events'],
  path: string,
  options: RunEventsOptions = {},
): AsyncGenerator<RunEvent> {
  let last = options.lastEventId;
  let reconnects = options.reconnects ?? 3;
  for (let attempt = 1; ; attempt += 1) {
    const headers: Record<string, string> = last === undefined ? {} : { 'last-event-id': String(last) };
    try {
      for await (const { event, data, id } of open('GET', path, undefined, { ...options, headers })) {
        if (event === 'end') return;
        if (event === 'error') throw apiErrorFrom(200, data);
        if (data === '') continue;
        const parsed = JSON.parse(data) as RunEvent;
        if (id !== undefined && /^[0-9]+$/.test(id)) {
          last = Number(id);
          parsed.id = last;
        }
        yield parsed;
      }
    } catch (error) {
      const dropped = !WeftApiError.isInstance(error) || error.status === 0;
      if (!dropped || options.signal?.aborted === true || reconnects <= 0) throw error;
    }
    if (options.signal?.aborted === true || reconnects <= 0) return;
    reconnects -= 1;
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
  }
}

function queryString(
  query: RunListQuery | Readonly<Record<string, string | number | undefined>> | undefined,
): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  const entries: [string, unknown][] = Object.entries(query);
  // A stable order: the common keys first, then the others by name.
  const rank = (key: string): string => `${['status', 'cursor', 'limit'].indexOf(key) + 1 || 9}${key}`;
  entries.sort(([a], [b]) => rank(a).localeCompare(rank(b)));
  for (const [key, value] of entries) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
