import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  parseJsonEventStream,
  readUIMessageStream,
  type UIMessage,
  type UIMessageChunk,
  uiMessageChunkSchema,
} from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBaseClient } from 'weft/client';
import { createHost } from '../../../runtime/host/index.js';
import { configureStreams } from '../../../runtime/host/stream-settings.js';
import { delayReply } from '../../../runtime/testing/delay-reply.js';
import {
  type ScriptedOpenAIServer,
  startScriptedOpenAIServer,
} from '../../../runtime/testing/scripted-openai-server.js';
import type { Script } from '../../../runtime/testing/scripted-reply.js';
import { Weft } from '../../../runtime/weft.js';

const definitions = new URL('../../../definitions/', import.meta.url).pathname;

/**
 * Sits between the host and the scripted OpenAI server and records, per model request, whether the
 * host hung up before the model's answer was complete: what the model server sees of an abort.
 */
interface ModelSide {
  readonly url: string;
  readonly requests: { completed: boolean; abandoned: boolean }[];
  close(): Promise<void>;
}

async function startModelSide(upstream: string): Promise<ModelSide> {
  const requests: { completed: boolean; abandoned: boolean }[] = [];
  const target = new URL(upstream);
  const server: Server = createServer((incoming, outgoing) => {
    const record = { completed: false, abandoned: false };
    requests.push(record);
    const forward = request(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
        answer.on('end', () => {
          record.completed = true;
        });
      },
    );
    forward.on('error', () => outgoing.destroy());
    outgoing.on('close', () => {
      if (!outgoing.writableFinished) {
        record.abandoned = true;
        forward.destroy();
      }
    });
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let scripted: ScriptedOpenAIServer;
let modelSide: ModelSide;
let weft: Weft;
let app: ReturnType<typeof createHost>;
let base: string;
let script: Script = () => ({ text: 'unset' });
const savedEnv = { OPENAI_API_KEY: process.env.OPENAI_API_KEY, OPENAI_BASE_URL: process.env.OPENAI_BASE_URL };

beforeAll(async () => {
  scripted = await startScriptedOpenAIServer({ script: (request) => script(request), streamChunkDelayMs: 5 });
  modelSide = await startModelSide(scripted.url);
  process.env.OPENAI_API_KEY = 'sk-test-not-a-real-key';
  process.env.OPENAI_BASE_URL = modelSide.url;
  weft = await Weft.open(definitions, { storage: 'memory' });
  app = createHost(weft);
  configureStreams(app, { heartbeatMs: 20 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await app?.close();
  await weft?.close();
  await modelSide?.close();
  await scripted?.close();
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});
beforeEach(() => {
  script = () => ({ text: 'unset' });
});

/** Resolves once the model server has seen `count` requests; each check waits a little. */
async function modelRequests(count: number): Promise<void> {
  while (modelSide.requests.length < count) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Resolves once the model request at `index` was abandoned by the host. */
async function abandoned(index: number): Promise<boolean> {
  for (;;) {
    const record = modelSide.requests[index];
    if (record?.abandoned === true) return true;
    if (record?.completed === true) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const post = (path: string, body: unknown, signal?: AbortSignal) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(signal === undefined ? {} : { signal }),
  });

describe('agent calls stop when the client disconnects (real sockets, scripted OpenAI server)', () => {
  it.each([['stream'], ['generate'], ['generate-object']])(
    'aborts the model request of %s when the client goes away before the answer',
    async (route) => {
      // The model never answers in time: only an abort ends this request.
      script = () => delayReply(600_000, { text: 'too late' });
      const before = modelSide.requests.length;
      const controller = new AbortController();
      const response = post(`/api/agents/support/${route}`, { prompt: 'Hello?' }, controller.signal);
      if (route === 'stream') {
        const opened = await response;
        expect(opened.headers.get('content-type')).toContain('text/event-stream');
      }
      await modelRequests(before + 1);
      controller.abort();
      await response.then((opened) => opened.text()).catch(() => undefined);
      expect(await abandoned(before)).toBe(true);
    },
  );

  it('aborts the model request when a client stream loop breaks', async () => {
    script = () => ({ text: 'word '.repeat(2_000) });
    const before = modelSide.requests.length;
    const client = createBaseClient({ baseUrl: base });
    let chunks = 0;
    for await (const chunk of client.agent('support').stream({ prompt: 'Talk a lot' })) {
      expect(chunk.type).toBe('text');
      chunks += 1;
      if (chunks === 3) break;
    }
    expect(await abandoned(before)).toBe(true);
  });

  it('streams chunks without ids, then event: end, read incrementally over a socket', async () => {
    script = () => ({ text: 'Hello there, how can I help?' });
    const response = await post('/api/agents/support/stream', { prompt: 'Hi' });
    const reader = response.body?.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let reads = 0;
    for (;;) {
      const next = await reader?.read();
      if (next === undefined || next.done) break;
      reads += 1;
      text += decoder.decode(next.value, { stream: true });
    }
    expect(reads).toBeGreaterThan(1);
    const blocks = text.trimEnd().split('\n\n');
    expect(blocks.at(-1)).toBe('event: end\ndata: {}');
    const chunks = blocks
      .filter((block) => block.startsWith('data: '))
      .map((block) => JSON.parse(block.slice(6)) as { type: string; content: string });
    expect(chunks.map((chunk) => chunk.content).join('')).toBe('Hello there, how can I help?');
    expect(blocks.some((block) => block.startsWith('id:'))).toBe(false);
  });
});

describe('POST /api/agents/:name/stream?protocol=ui-message (the AI SDK UI message stream)', () => {
  const useChatBody = (text: string) => ({
    id: 'chat-1',
    trigger: 'submit-message',
    messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text }] }],
  });

  async function readWithAiSdk(
    response: Response,
  ): Promise<{ chunks: UIMessageChunk[]; message: UIMessage | undefined }> {
    if (response.body === null) throw new Error('no body');
    const chunks: UIMessageChunk[] = [];
    const stream = parseJsonEventStream({ stream: response.body, schema: uiMessageChunkSchema }).pipeThrough(
      new TransformStream({
        transform(result, controller) {
          if (!result.success) throw result.error;
          chunks.push(result.value);
          controller.enqueue(result.value);
        },
      }),
    );
    let message: UIMessage | undefined;
    for await (const snapshot of readUIMessageStream({ stream })) message = snapshot;
    return { chunks, message };
  }

  it('speaks the protocol useChat reads: tool call, tool result and text parts, then [DONE]', async () => {
    script = (request) =>
      request.messages.at(-1)?.role === 'tool'
        ? { text: 'Order A1 is delivered.' }
        : { toolCalls: [{ name: 'lookup-order', arguments: { orderId: 'A1' } }] };
    const response = await post(
      '/api/agents/support/stream?protocol=ui-message',
      useChatBody('Where is order A1?'),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const raw = await response.clone().text();
    expect(raw.trimEnd().endsWith('data: [DONE]')).toBe(true);
    const { chunks, message } = await readWithAiSdk(response);
    expect(chunks[0]?.type).toBe('start');
    expect(chunks.at(-1)).toEqual({ type: 'finish', finishReason: 'stop' });
    expect(message?.role).toBe('assistant');
    const tool = message?.parts.find((part) => part.type === 'tool-lookup-order');
    expect(tool).toMatchObject({ state: 'output-available', input: { orderId: 'A1' } });
    const text = message?.parts.filter((part) => part.type === 'text').map((part) => part.text);
    expect(text).toEqual(['Order A1 is delivered.']);
  });

  it('reports a model failure as an error chunk the AI SDK reader understands', async () => {
    script = () => ({ status: 400, error: 'bad request' });
    const response = await post('/api/agents/support/stream?protocol=ui-message', useChatBody('Hi'));
    if (response.body === null) throw new Error('no body');
    const chunks: UIMessageChunk[] = [];
    const results = parseJsonEventStream({ stream: response.body, schema: uiMessageChunkSchema });
    for await (const result of results) if (result.success) chunks.push(result.value);
    expect(chunks.find((chunk) => chunk.type === 'error')).toMatchObject({ errorText: expect.any(String) });
    expect(chunks.at(-1)).toEqual({ type: 'finish', finishReason: 'error' });
  });

  it.each([
    ['an unknown protocol', '?protocol=sse', useChatBody('Hi')],
    ['a weft body in ui-message mode', '?protocol=ui-message', { prompt: 'Hi' }],
    [
      'messages without text',
      '?protocol=ui-message',
      { messages: [{ role: 'user', parts: [{ type: 'file' }] }] },
    ],
  ])('answers 400 VALIDATION_FAILED for %s', async (_name, query, body) => {
    const response = await post(`/api/agents/support/stream${query}`, body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
  });
});
