import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { AgentInput, GenerateOptions, StreamChunk } from '../../agent/agent-types.js';
import { weftError } from '../../errors/create-weft-error.js';
import type { AgentGraphV1 } from '../../spec/v1/graph.js';
import type { HostContext, RouteModule } from '../host-context.js';
import type { HostedAgent, HostedWeft } from '../hosted-weft.js';
import { SseWriter } from '../sse-writer.js';
import { streamSettingsOf } from '../stream-settings.js';
import { uiChatCall } from '../ui-chat-body.js';
import { UiMessageChunks } from '../ui-message-chunks.js';
import { validateRequest } from '../validate-request.js';

/** The body of `POST /api/agents/:name/generate` (and `/stream`, `/generate-object`). */
export interface AgentCallBody {
  readonly prompt?: string;
  readonly messages?: readonly { role: 'system' | 'user' | 'assistant'; content: string }[];
  readonly threadId?: string;
  readonly resourceId?: string;
  readonly context?: unknown;
}

const idSchema = { type: 'string', minLength: 1, maxLength: 200 } as const;

/** Closed: unknown fields are a 400; exactly one of `prompt` and `messages`. */
export const agentCallBodySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    prompt: { type: 'string', minLength: 1 },
    messages: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['role', 'content'],
        properties: { role: { enum: ['system', 'user', 'assistant'] }, content: { type: 'string' } },
      },
    },
    threadId: idSchema,
    resourceId: idSchema,
    context: {},
  },
} as const;

/**
 * The agents API: `GET /api/agents` (`{ items: [{ name, description, model, tools }] }`),
 * `GET /api/agents/:name`, `POST /api/agents/:name/generate` (-> GenerateResult),
 * `POST /api/agents/:name/stream` (`text/event-stream`: one JSON StreamChunk per `data:` line,
 * `: ping` heartbeats, then `event: end`; with `?protocol=ui-message`, the AI SDK's UI message
 * stream that `useChat` reads, from a `useChat` body), `POST /api/agents/:name/generate-object`
 * (-> `{ object, usage }`). Bodies are `{ prompt }` or `{ messages }` with optional `threadId`,
 * `resourceId`, `context`. A client that disconnects aborts the model call it started.
 *
 * @example
 * await app.inject({ method: 'POST', url: '/api/agents/support/generate', payload: { prompt: 'Where is A1?' } });
 */
export const agentRoutes: RouteModule = (app, context) => {
  const { weft } = context;
  const scope = { config: { scope: 'agents:invoke' as const } };
  app.get('/api/agents', scope, async () => ({
    items: Object.values(weft.graph.agents)
      .map(summaryOf)
      .sort((a, b) => a.name.localeCompare(b.name)),
  }));
  app.get<{ Params: { name: string } }>('/api/agents/:name', scope, async (request) =>
    describe(agentOf(weft, request.params.name).definition),
  );
  app.post<{ Params: { name: string } }>('/api/agents/:name/generate', scope, async (request, reply) => {
    const agent = agentOf(weft, request.params.name);
    const { input, options } = callOf(request.body);
    return agent.generate(input, { ...options, signal: abortOnDisconnect(reply) });
  });
  app.post<{ Params: { name: string } }>(
    '/api/agents/:name/generate-object',
    scope,
    async (request, reply) => {
      const agent = agentOf(weft, request.params.name);
      const { input, options } = callOf(request.body);
      return agent.generateObjectResult(input, undefined, { ...options, signal: abortOnDisconnect(reply) });
    },
  );
  app.post<{ Params: { name: string }; Querystring: Record<string, string> }>(
    '/api/agents/:name/stream',
    { config: { ...scope.config, query: true } },
    async (request, reply) => {
      const protocol = protocolOf(request.query);
      const agent = agentOf(weft, request.params.name);
      const { input, options } = protocol === 'ui-message' ? uiChatCall(request.body) : callOf(request.body);
      const signal = abortOnDisconnect(reply);
      const stream = await agent.stream(input, { ...options, signal });
      const settings = streamSettingsOf(request.server);
      await (protocol === 'ui-message'
        ? sendUiMessageStream(stream, reply, context, settings.heartbeatMs)
        : sendChunkStream(stream, reply, context, settings.heartbeatMs));
    },
  );
};

const querySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { protocol: { enum: ['weft', 'ui-message'] } },
} as const;

function protocolOf(query: unknown): 'weft' | 'ui-message' {
  return validateRequest<{ protocol?: 'weft' | 'ui-message' }>(querySchema, query ?? {}, 'query string')
    .protocol === 'ui-message'
    ? 'ui-message'
    : 'weft';
}

/**
 * A signal that aborts when the client disconnects before the reply is sent (the response's
 * `close` before it finished), so the model call stops at once.
 */
function abortOnDisconnect(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  const response = reply.raw;
  response.once('close', () => {
    if (!response.writableFinished)
      controller.abort(weftError('AGENT_CANCELLED', { message: 'The client disconnected.' }));
  });
  return controller.signal;
}

/** Pipes an agent stream to the client as weft's SSE: one StreamChunk per `data:` line, then `event: end`. */
async function sendChunkStream(
  stream: ReadableStream<StreamChunk>,
  reply: FastifyReply,
  context: HostContext,
  heartbeatMs: number,
): Promise<void> {
  reply.hijack();
  const sse = new SseWriter(reply.raw, { heartbeatMs });
  await pipe(stream, sse, context, (chunk) => sse.data(chunk));
  sse.close('end');
}

/** Pipes an agent stream to the client as the AI SDK's UI message stream, ending with `data: [DONE]`. */
async function sendUiMessageStream(
  stream: ReadableStream<StreamChunk>,
  reply: FastifyReply,
  context: HostContext,
  heartbeatMs: number,
): Promise<void> {
  reply.hijack();
  const sse = new SseWriter(reply.raw, { heartbeatMs, headers: { 'x-vercel-ai-ui-message-stream': 'v1' } });
  const ui = new UiMessageChunks(randomUUID());
  const write = (chunks: readonly unknown[]) => {
    for (const chunk of chunks) sse.data(chunk);
  };
  write(ui.start());
  await pipe(stream, sse, context, (chunk) => write(ui.push(chunk)));
  write(ui.finish());
  sse.done();
}

/**
 * Reads the stream to its end, handing each chunk to `send`; a client that leaves (or a host that
 * shuts down) cancels the stream, which aborts the agent call.
 */
async function pipe(
  stream: ReadableStream<StreamChunk>,
  sse: SseWriter,
  context: HostContext,
  send: (chunk: StreamChunk) => void,
): Promise<void> {
  const reader = stream.getReader();
  const handle = {
    abort: () => {
      void reader.cancel().catch(() => undefined);
      sse.destroy();
    },
  };
  sse.onClientGone(() => void reader.cancel().catch(() => undefined));
  context.streams.add(handle);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      send(value);
    }
  } finally {
    context.streams.delete(handle);
  }
}

function callOf(body: unknown): { input: AgentInput; options: GenerateOptions } {
  const call = validateRequest<AgentCallBody>(agentCallBodySchema, body ?? {}, 'request body');
  if ((call.prompt === undefined) === (call.messages === undefined)) {
    throw weftError('VALIDATION_FAILED', {
      message: 'The request body is invalid: give either "prompt" or "messages" (exactly one).',
      details: { pointer: call.prompt === undefined ? '/prompt' : '/messages' },
    });
  }
  const input: AgentInput = call.prompt ?? { messages: call.messages ?? [] };
  const options: GenerateOptions = {
    ...(call.threadId === undefined ? {} : { threadId: call.threadId }),
    ...(call.resourceId === undefined ? {} : { resourceId: call.resourceId }),
    ...(call.context === undefined ? {} : { context: call.context }),
  };
  return { input, options };
}

function agentOf(weft: HostedWeft, name: string): HostedAgent {
  if (weft.getAgent !== undefined) return weft.getAgent(name);
  throw weftError('AGENT_NOT_FOUND', { message: `No agent is named "${name}".`, details: { agent: name } });
}

function summaryOf(agent: AgentGraphV1): {
  name: string;
  description?: string;
  model: string;
  tools: string[];
} {
  return {
    name: agent.name,
    ...(agent.description === undefined ? {} : { description: agent.description }),
    model: agent.model,
    tools: [...agent.tools, ...agent.agents, ...agent.workflows],
  };
}

function describe(agent: AgentGraphV1): Record<string, unknown> {
  return {
    ...summaryOf(agent),
    instructions: agent.instructions,
    context: agent.context,
    agents: agent.agents,
    workflows: agent.workflows,
    maxSteps: agent.maxSteps,
    ...(agent.memory === undefined ? {} : { memory: agent.memory }),
    ...(agent.temperature === undefined ? {} : { temperature: agent.temperature }),
    ...(agent.maxTokens === undefined ? {} : { maxTokens: agent.maxTokens }),
    ...(agent.timeoutMs === undefined ? {} : { timeoutMs: agent.timeoutMs }),
    ...(agent.output === undefined ? {} : { output: agent.output }),
  };
}
