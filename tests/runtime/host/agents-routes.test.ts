import type { AddressInfo } from 'node:net';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { APICallError } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateResult } from '../../../runtime/agent/agent-types.js';
import { installAgents } from '../../../runtime/agent/install-agents.js';
import { createHost } from '../../../runtime/host/index.js';
import { mockScriptedModel } from '../../../runtime/testing/mock-models.js';
import { Weft } from '../../../runtime/weft.js';
import { type ErrorReply, send } from './host-test-project.js';

const definitions = new URL('../../../definitions/', import.meta.url).pathname;

/** Answers JSON when asked for structured output, calls lookup-order for "order X", else echoes. */
const scripted = mockScriptedModel((options) => {
  const last = options.prompt.at(-1);
  if (options.responseFormat?.type === 'json')
    return { text: '{"answer":"It is paid.","category":"order","orderId":"A1"}' };
  if (last?.role === 'tool')
    return { text: `Found: ${JSON.stringify(last.content).includes('"orderId":"A1"')}` };
  const text = JSON.stringify(last?.content ?? '');
  if (text.includes('order A1'))
    return { toolCalls: [{ toolName: 'lookup-order', input: { orderId: 'A1' } }] };
  return { text: 'Hello from the support agent' };
});
const failing = new MockLanguageModelV3({
  doGenerate: () =>
    Promise.reject(
      new APICallError({
        message: 'boom',
        url: 'http://x',
        requestBodyValues: {},
        statusCode: 500,
        isRetryable: false,
      }),
    ),
});

let weft: Weft;
let app: ReturnType<typeof createHost>;
let model: LanguageModelV3 = scripted;

beforeAll(async () => {
  weft = await Weft.open(definitions, { storage: 'memory', resolveModel: () => model });
  app = createHost(weft);
});
afterAll(async () => {
  await app.close();
  await weft.close();
});

describe('agents routes', () => {
  it('lists the agents with their model and tools, and describes one', async () => {
    const list = await send<{ items: { name: string; model: string; tools: string[] }[] }>(
      app,
      'GET',
      '/api/agents',
    );
    expect(list.status).toBe(200);
    expect(list.body.items.map((item) => item.name)).toEqual(['researcher', 'support']);
    expect(list.body.items[1]).toMatchObject({
      model: 'openai:gpt-4o-mini',
      tools: ['crm.create-ticket', 'crm.get-customer', 'lookup-order'],
    });
    const one = await send<Record<string, unknown>>(app, 'GET', '/api/agents/support');
    expect(one.body).toMatchObject({
      name: 'support',
      maxSteps: 5,
      memory: { lastMessages: 20 },
      output: { required: ['answer', 'category'] },
    });
  });

  it('answers 404 AGENT_NOT_FOUND with a did-you-mean for an unknown agent', async () => {
    const { status, body } = await send<ErrorReply>(app, 'POST', '/api/agents/suport/generate', {
      prompt: 'Hi',
    });
    expect(status).toBe(404);
    expect(body.error.code).toBe('AGENT_NOT_FOUND');
    expect(body.error.message).toContain('"support"');
  });

  it('generates through the tool loop with the project tool (billing plugin)', async () => {
    const { status, body } = await send<GenerateResult>(app, 'POST', '/api/agents/support/generate', {
      prompt: 'Where is order A1?',
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ text: 'Found: true', finishReason: 'stop', usage: { totalTokens: 30 } });
    expect(body.toolCalls?.[0]).toMatchObject({
      name: 'lookup-order',
      output: { orderId: 'A1', currency: 'EUR' },
    });
  });

  it('keeps a conversation on a thread across two calls', async () => {
    await send(app, 'POST', '/api/agents/support/generate', {
      prompt: 'Hi',
      threadId: 'route-thread',
      resourceId: 'u1',
    });
    await send(app, 'POST', '/api/agents/support/generate', {
      messages: [{ role: 'user', content: 'Again' }],
      threadId: 'route-thread',
    });
    const messages = await weft.storage.getMessages({ threadId: 'route-thread' });
    expect(messages.map((message) => message.content)).toEqual([
      'Hi',
      expect.anything(),
      'Again',
      expect.anything(),
    ]);
  });

  it.each([
    ['an unknown field', { prompt: 'Hi', temperature: 2 }, '/temperature'],
    ['neither prompt nor messages', { threadId: 't' }, '/prompt'],
    ['both prompt and messages', { prompt: 'Hi', messages: [{ role: 'user', content: 'x' }] }, '/messages'],
    ['a message with a bad role', { messages: [{ role: 'tool', content: 'x' }] }, '/messages/0/role'],
  ])('answers 400 with the pointer for %s', async (_name, body, pointer) => {
    const reply = await send<ErrorReply>(app, 'POST', '/api/agents/support/generate', body);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { pointer } });
  });

  it('answers 400 AGENT_CONTEXT_INVALID for a context that does not match the agent', async () => {
    const reply = await send<ErrorReply>(app, 'POST', '/api/agents/support/generate', {
      prompt: 'Hi',
      context: { customerName: 3 },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('AGENT_CONTEXT_INVALID');
  });

  it('returns { object, usage } from generate-object', async () => {
    const { status, body } = await send<{ object: unknown; usage: unknown }>(
      app,
      'POST',
      '/api/agents/support/generate-object',
      { prompt: 'A1?' },
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      object: { answer: 'It is paid.', category: 'order', orderId: 'A1' },
      usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 },
    });
  });

  it('answers 502 AGENT_MODEL_FAILED when the provider fails', async () => {
    model = failing;
    try {
      const reply = await send<ErrorReply>(app, 'POST', '/api/agents/support/generate', { prompt: 'Hi' });
      expect(reply.status).toBe(502);
      expect(reply.body.error.code).toBe('AGENT_MODEL_FAILED');
    } finally {
      model = scripted;
    }
  });

  it('answers 503 MODEL_CREDENTIALS_MISSING when the provider key is not set, naming only the variable', async () => {
    const agents = installAgents({
      graph: weft.graph,
      tools: { call: () => Promise.resolve(null) },
      env: {},
    });
    const host = createHost({
      graph: weft.graph,
      storage: weft.storage,
      getWorkflow: (name) => weft.getWorkflow(name),
      getAgent: (name) => agents.get(name),
    });
    try {
      const reply = await send<ErrorReply>(host, 'POST', '/api/agents/support/generate', { prompt: 'Hi' });
      expect(reply.status).toBe(503);
      expect(reply.body.error.code).toBe('MODEL_CREDENTIALS_MISSING');
      expect(reply.body.error.message).toContain('OPENAI_API_KEY');
    } finally {
      await host.close();
    }
  });

  it('streams chunks as server-sent events over a real socket, then event: end', async () => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/api/agents/support/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'Where is order A1?' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text();
    const chunks = text
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)) as { type: string; content: string });
    expect(text.trimEnd().split('\n\n').at(-1)).toContain('event: end');
    const data = chunks.slice(0, -1);
    expect(data.filter((chunk) => chunk.type === 'tool').map((chunk) => chunk.content)).toEqual([
      'lookup-order',
      'lookup-order',
    ]);
    expect(
      data
        .filter((chunk) => chunk.type === 'text')
        .map((chunk) => chunk.content)
        .join(''),
    ).toBe('Found: true');
  });
});
