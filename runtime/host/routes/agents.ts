import type { FastifyReply } from 'fastify';
import type { AgentInput, GenerateOptions } from '../../agent/agent-types.js';
import { weftError } from '../../errors/create-weft-error.js';
import type { AgentGraphV1 } from '../../spec/v1/graph.js';
import type { HostContext, RouteModule } from '../host-context.js';
import type { HostedAgent, HostedWeft } from '../hosted-weft.js';
import { SseWriter } from '../sse-writer.js';
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
 * `POST /api/agents/:name/stream` (`text/event-stream`: one JSON StreamChunk per `data:` line, then
 * `event: end`), `POST /api/agents/:name/generate-object` (-> `{ object, usage }`). Bodies are
 * `{ prompt }` or `{ messages }` with optional `threadId`, `resourceId`, `context`.
 *
 * @example
 * await app.inject({ method: 'POST', url: '/api/agents/support/generate', payload: { prompt: 'Where is A1?' } });
 */
export const agentRoutes: RouteModule = (app, context) => {
  const { weft } = context;
  app.get('/api/agents', async () => ({
    items: Object.values(weft.graph.agents)
      .map(summaryOf)
      .sort((a, b) => a.name.localeCompare(b.name)),
  }));
  app.get<{ Params: { name: string } }>('/api/agents/:name', async (request) =>
    describe(agentOf(weft, request.params.name).definition),
  );
  app.post<{ Params: { name: string } }>('/api/agents/:name/generate', async (request) => {
    const agent = agentOf(weft, request.params.name);
    const { input, options } = callOf(request.body);
    return agent.generate(input, options);
  });
  app.post<{ Params: { name: string } }>('/api/agents/:name/generate-object', async (request) => {
    const agent = agentOf(weft, request.params.name);
    const { input, options } = callOf(request.body);
    return agent.generateObjectResult(input, undefined, options);
  });
  app.post<{ Params: { name: string } }>('/api/agents/:name/stream', async (request, reply) => {
    const agent = agentOf(weft, request.params.name);
    const { input, options } = callOf(request.body);
    const stream = await agent.stream(input, options);
    await sendStream(stream, reply, context, (listener) => request.raw.on('close', listener));
  });
};

async function sendStream(
  stream: ReadableStream<unknown>,
  reply: FastifyReply,
  context: HostContext,
  onClientClose: (listener: () => void) => void,
): Promise<void> {
  reply.hijack();
  const sse = new SseWriter(reply.raw);
  const reader = stream.getReader();
  const handle = { abort: () => void reader.cancel().catch(() => undefined) };
  onClientClose(() => {
    if (!sse.isClosed) handle.abort();
  });
  context.streams.add(handle);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      sse.data(value);
    }
    sse.close('end');
  } finally {
    context.streams.delete(handle);
    sse.destroy();
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
