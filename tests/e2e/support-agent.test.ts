import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StreamChunk } from '../../runtime/agent/agent-types.js';
import { installAgents } from '../../runtime/agent/install-agents.js';
import { createHost } from '../../runtime/host/index.js';
import { replyQueue } from '../../runtime/testing/reply-queue.js';
import {
  type ScriptedOpenAIServer,
  startScriptedOpenAIServer,
} from '../../runtime/testing/scripted-openai-server.js';
import type { Script, ScriptedRequest } from '../../runtime/testing/scripted-reply.js';
import { Weft } from '../../runtime/weft.js';

const definitions = new URL('../../definitions/', import.meta.url).pathname;
const validAnswer = { answer: 'Order A1 is paid.', category: 'order', orderId: 'A1' };

let server: ScriptedOpenAIServer;
let weft: Weft;
let script: Script = () => ({ text: 'unset' });
const savedEnv = { OPENAI_API_KEY: process.env.OPENAI_API_KEY, OPENAI_BASE_URL: process.env.OPENAI_BASE_URL };

const lastMessage = (request: ScriptedRequest) => request.messages.at(-1);
const userText = (request: ScriptedRequest) =>
  request.messages.findLast((message) => message.role === 'user')?.text ?? '';

beforeAll(async () => {
  server = await startScriptedOpenAIServer({ script: (request) => script(request), streamChunkDelayMs: 15 });
  process.env.OPENAI_API_KEY = 'sk-test-not-a-real-key';
  process.env.OPENAI_BASE_URL = server.url;
  weft = await Weft.open(definitions, { storage: 'memory' });
});
afterAll(async () => {
  await weft?.close();
  await server?.close();
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});
beforeEach(() => {
  script = () => ({ text: 'unset' });
});

describe('the support agent on the scripted OpenAI server (real @ai-sdk/openai client, OPENAI_BASE_URL)', () => {
  it('runs a tool loop of several steps calling lookup-order (billing plugin), with tool events', async () => {
    script = (request) => {
      const results = request.messages.filter((message) => message.role === 'tool');
      if (results.length === 0)
        return { toolCalls: [{ name: 'lookup-order', arguments: { orderId: 'A1' } }] };
      if (results.length === 1)
        return { toolCalls: [{ name: 'lookup-order', arguments: { orderId: 'B2' } }] };
      const totals = results.map((message) => (message.result as { total: number }).total);
      return { text: `Totals: ${totals.join(' and ')}`, usage: { inputTokens: 7, outputTokens: 3 } };
    };
    const completed: string[] = [];
    const off = weft.on('tool:complete', (event) => completed.push(event.tool));
    const before = server.requests.length;
    const result = await weft
      .getAgent('support')
      .generate('Compare orders A1 and B2', { context: { customerName: 'Ada' } });
    off();
    expect(result.text).toMatch(/^Totals: [\d.]+ and [\d.]+$/);
    expect(result.toolCalls?.map((call) => call.input)).toEqual([{ orderId: 'A1' }, { orderId: 'B2' }]);
    expect(completed).toEqual(['lookup-order', 'lookup-order']);
    expect(server.requests.length - before).toBe(3);
    const first = server.requests[before];
    expect(first?.endpoint).toBe('responses');
    expect(first?.messages[0]?.text).toContain('The customer is Ada');
    expect(first?.tools.map((tool) => tool.name).sort()).toEqual([
      'crm__create-ticket',
      'crm__get-customer',
      'lookup-order',
      'search_help_center',
    ]);
  });

  it('runs parallel tool calls of one turn', async () => {
    script = (request) =>
      lastMessage(request)?.role === 'tool'
        ? { text: `Found ${request.messages.filter((message) => message.role === 'tool').length} orders` }
        : {
            toolCalls: [
              { name: 'lookup-order', arguments: { orderId: 'A1' } },
              { name: 'lookup-order', arguments: { orderId: 'B2' } },
            ],
          };
    const result = await weft.getAgent('support').generate('A1 and B2?');
    expect(result.text).toBe('Found 2 orders');
    expect(result.toolCalls).toHaveLength(2);
  });

  it('streams: text chunks arrive before the end, tool calls as tool chunks', async () => {
    script = (request) =>
      lastMessage(request)?.role === 'tool'
        ? { text: 'Your order A1 has been found and it is on its way to you now.' }
        : { toolCalls: [{ name: 'lookup-order', arguments: { orderId: 'A1' } }] };
    const stream = await weft.getAgent('support').stream('Where is order A1?');
    const chunks: { chunk: StreamChunk; at: number }[] = [];
    for await (const chunk of stream) chunks.push({ chunk, at: Date.now() });
    const ended = Date.now();
    const texts = chunks.filter(({ chunk }) => chunk.type === 'text');
    expect(texts.map(({ chunk }) => chunk.content).join('')).toBe(
      'Your order A1 has been found and it is on its way to you now.',
    );
    expect(texts.length).toBeGreaterThan(3);
    expect(ended - (texts[0]?.at ?? ended)).toBeGreaterThanOrEqual(30);
    expect(
      chunks.filter(({ chunk }) => chunk.type === 'tool').map(({ chunk }) => chunk.metadata?.phase),
    ).toEqual(['call', 'result']);
  });

  it.each([
    ['valid output', [{ object: validAnswer }], 1],
    [
      'invalid output, then valid on the retry',
      [{ object: { answer: 'x', category: 'shoes' } }, { object: validAnswer }],
      2,
    ],
  ])('generateObject with %s', async (_name, replies, calls) => {
    script = replyQueue(replies);
    const before = server.requests.length;
    expect(await weft.getAgent('support').generateObject('Is A1 paid?')).toEqual(validAnswer);
    expect(server.requests.length - before).toBe(calls);
    expect(server.requests[before]?.responseFormat?.type).toBe('json_schema');
  });

  it('generateObject fails with AGENT_OUTPUT_INVALID when the output is invalid twice', async () => {
    script = () => ({ text: 'I am not JSON' });
    await expect(weft.getAgent('support').generateObject('Is A1 paid?')).rejects.toMatchObject({
      code: 'AGENT_OUTPUT_INVALID',
    });
  });

  it('succeeds after a 429 (the SDK retries, honouring retry-after-ms)', async () => {
    script = replyQueue([
      { status: 429, error: 'Rate limit reached.', retryAfterMs: 10 },
      { text: 'Hello after the wait' },
    ]);
    const result = await weft.getAgent('support').generate('Hi');
    expect(result.text).toBe('Hello after the wait');
  });

  it('fails with AGENT_MODEL_FAILED after the SDK retries of 500s, never hanging', async () => {
    script = () => ({ status: 500, error: 'upstream down', retryAfterMs: 5 });
    const before = server.requests.length;
    await expect(weft.getAgent('support').generate('Hi')).rejects.toMatchObject({
      code: 'AGENT_MODEL_FAILED',
      details: { statusCode: 500, attempts: 3 },
    });
    expect(server.requests.length - before).toBe(3);
  });

  it('times out a provider that does not answer with AGENT_TIMEOUT', async () => {
    // biome-ignore lint/suspicious/noThenProperty: the scripted server's delayed reply names its follow-up `then`.
    script = () => ({ delayMs: 5_000, then: { text: 'too late' } });
    const support = weft.graph.agents.support;
    if (support === undefined) throw new Error('no support agent');
    const agents = installAgents({
      graph: { ...weft.graph, agents: { support: { ...support, timeoutMs: 150 } } },
      tools: { call: () => Promise.reject(new Error('no tools here')) },
      env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.url },
    });
    // The provider would answer after 5 s: the error shows the agent's 150 ms timeout fired first.
    await expect(agents.get('support').generate('Hi')).rejects.toMatchObject({ code: 'AGENT_TIMEOUT' });
  });

  it('binds memory: the second call on a thread sends the first exchange to the model', async () => {
    script = (request) => ({ text: `You said: ${userText(request)}` });
    await weft.getAgent('support').generate('My name is Ada', { threadId: 'e2e-thread', resourceId: 'ada' });
    const before = server.requests.length;
    await weft.getAgent('support').generate('What is my name?', { threadId: 'e2e-thread' });
    const sent = server.requests[before]?.messages.map((message) => [message.role, message.text]);
    expect(sent?.slice(1)).toEqual([
      ['user', 'My name is Ada'],
      ['assistant', 'You said: My name is Ada'],
      ['user', 'What is my name?'],
    ]);
  });

  it('runs the researcher agent from workflow agent steps (research workflow)', async () => {
    script = (request) => ({ text: `summary of: ${userText(request).trim()}` });
    const run = await weft
      .getWorkflow('research')
      .createRun()
      .start({ topics: ['refunds'] });
    expect(run.status).toBe('completed');
    expect(run.output).toEqual({
      summaries: [{ text: 'summary of: Summarise what we know about refunds in three sentences.' }],
      review: 'summary of: Review the summaries so far and list anything missing.',
    });
  });

  it('runs the support agent from a workflow agent step (answer-customer): lookup-order, then a structured answer', async () => {
    script = (request) => {
      const result = request.messages.find((message) => message.role === 'tool')?.result as
        | { orderId?: string; status?: string }
        | undefined;
      if (result === undefined)
        return { toolCalls: [{ name: 'lookup-order', arguments: { orderId: 'A1' } }] };
      return {
        object: { answer: `Order ${result.orderId} is ${result.status}.`, category: 'order', orderId: 'A1' },
      };
    };
    const before = server.requests.length;
    const run = await weft
      .getWorkflow('answer-customer')
      .createRun()
      .start({ message: 'Where is my order?', orderId: 'A1' });
    expect(run.status).toBe('completed');
    expect(run.output).toEqual({
      answer: expect.stringMatching(/^Order A1 is \w+\.$/),
      category: 'order',
      orderId: 'A1',
    });
    expect(server.requests.length - before).toBe(2);
    expect(userText(server.requests[before] as ScriptedRequest)).toBe(
      'A customer writes: Where is my order?\nThe message is about order A1.\n',
    );
    expect(server.requests[before + 1]?.responseFormat?.type).toBe('json_schema');
  });

  it('answer-customer leaves the optional order id out of the prompt and the output', async () => {
    script = () => ({ object: { answer: 'We open at nine.', category: 'other' } });
    const before = server.requests.length;
    const run = await weft.getWorkflow('answer-customer').createRun().start({ message: 'When do you open?' });
    expect(run.output).toEqual({ answer: 'We open at nine.', category: 'other' });
    expect(userText(server.requests[before] as ScriptedRequest)).toBe(
      'A customer writes: When do you open?\n',
    );
  });

  it('answers over HTTP: generate (200) and a provider failure (502)', async () => {
    const app = createHost(weft);
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = app.server.address() as AddressInfo;
      const post = (body: unknown) =>
        fetch(`http://127.0.0.1:${port}/api/agents/support/generate`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      script = (request) =>
        lastMessage(request)?.role === 'tool'
          ? { text: `Status: ${(lastMessage(request)?.result as { status?: string } | undefined)?.status}` }
          : { toolCalls: [{ name: 'lookup-order', arguments: { orderId: 'A1' } }] };
      const ok = await post({ prompt: 'Where is A1?' });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { text: string }).text).toMatch(/^Status: \w+$/);
      script = () => ({ status: 503, error: 'overloaded', retryAfterMs: 1 });
      const failed = await post({ prompt: 'Hi' });
      expect(failed.status).toBe(502);
      const body = (await failed.json()) as { error: { code: string } };
      expect(body.error.code).toBe('AGENT_MODEL_FAILED');
      expect(JSON.stringify(body)).not.toContain('sk-test');
    } finally {
      await app.close();
    }
  });
});
