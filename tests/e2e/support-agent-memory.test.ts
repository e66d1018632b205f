import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost } from '../../runtime/host/index.js';
import type { MemoryMessage } from '../../runtime/memory/memory-types.js';
import {
  type ScriptedOpenAIServer,
  startScriptedOpenAIServer,
} from '../../runtime/testing/scripted-openai-server.js';
import type { ScriptedRequest } from '../../runtime/testing/scripted-reply.js';
import { Weft } from '../../runtime/weft.js';

const definitions = new URL('../../definitions/', import.meta.url).pathname;
const savedEnv = { OPENAI_API_KEY: process.env.OPENAI_API_KEY, OPENAI_BASE_URL: process.env.OPENAI_BASE_URL };

let server: ScriptedOpenAIServer;
let weft: Weft;
let app: FastifyInstance;
let baseUrl: string;

const remembered = (request: ScriptedRequest) =>
  request.messages.some((message) => message.role === 'user' && message.text.includes('ZX-9981'));

beforeAll(async () => {
  server = await startScriptedOpenAIServer({
    script: (request) => ({
      text: remembered(request) && request.messages.length > 2 ? 'Your order is ZX-9981.' : 'Got it.',
    }),
  });
  process.env.OPENAI_API_KEY = 'sk-test-not-a-real-key';
  process.env.OPENAI_BASE_URL = server.url;
  weft = await Weft.open(definitions, { storage: 'memory' });
  app = createHost(weft);
  await app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await app?.close();
  await weft?.close();
  await server?.close();
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

async function generate(prompt: string): Promise<{ text: string }> {
  const response = await fetch(`${baseUrl}/api/agents/support/generate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ prompt, threadId: 'support-thread-1', resourceId: 'customer-7' }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { text: string };
}

describe('the support agent remembers an earlier call on the same thread (scripted OpenAI server, over HTTP)', () => {
  it('sends the fact of the first call to the model in the second, and keeps the thread in memory', async () => {
    const before = server.requests.length;
    expect((await generate('My order number is ZX-9981, please remember it.')).text).toBe('Got it.');
    const second = await generate('What was my order number?');
    const requests = server.requests.slice(before);
    expect(requests).toHaveLength(2);
    expect(remembered(requests[0] as ScriptedRequest)).toBe(true);
    const replay = requests[1] as ScriptedRequest;
    expect(replay.messages.map((message) => [message.role, message.text]).slice(1)).toEqual([
      ['user', 'My order number is ZX-9981, please remember it.'],
      ['assistant', 'Got it.'],
      ['user', 'What was my order number?'],
    ]);
    expect(second.text).toBe('Your order is ZX-9981.');

    const thread = await fetch(`${baseUrl}/api/threads/support-thread-1`);
    expect(await thread.json()).toMatchObject({ id: 'support-thread-1', resourceId: 'customer-7' });
    const messages = await fetch(`${baseUrl}/api/threads/support-thread-1/messages`);
    const { items } = (await messages.json()) as { items: MemoryMessage[] };
    expect(items.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    const recalled = await weft.memory.query({
      resourceId: 'customer-7',
      text: 'remember my order number',
      topK: 2,
    });
    expect(recalled.hits.map((hit) => hit.messageId)).toContain(items[0]?.id);
  });
});
