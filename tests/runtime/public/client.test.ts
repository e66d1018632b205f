import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createBaseClient,
  parseEventStream,
  type RunDocument,
  type RunEvent,
  WeftApiError,
  WeftClientError,
} from 'weft/client';

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  accept: string | undefined;
  lastEventId: string | undefined;
  body: unknown;
}
type Handler = (request: Seen, response: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let seen: Seen[] = [];
let handler: Handler = (_request, response) => response.end();

const run: RunDocument = {
  runId: 'r 1',
  workflow: 'order-approval',
  status: 'suspended',
  input: { orderId: 'o1' },
  suspended: [{ step: 'approve', payload: { total: 3 } }],
  steps: [],
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};
const sendJson = (response: ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};
/** Writes an event stream in awkward pieces (split mid-line, CRLF, comments), then keeps the socket open. */
const sendEvents = (response: ServerResponse, text: string): void => {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  const pieces = text.match(/[\s\S]{1,7}/g) ?? [];
  for (const piece of pieces) response.write(piece);
};

async function readBody(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text === '' ? undefined : JSON.parse(text);
}

beforeAll(async () => {
  server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const entry: Seen = {
        method: request.method ?? '',
        url: request.url ?? '',
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
        accept: request.headers.accept,
        lastEventId:
          typeof request.headers['last-event-id'] === 'string' ? request.headers['last-event-id'] : undefined,
        body,
      };
      seen.push(entry);
      handler(entry, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen = [];
  handler = (_request, response) => sendJson(response, 200, run);
});

describe('createBaseClient: workflows', () => {
  const workflow = () => createBaseClient({ baseUrl, apiKey: 'secret-key' }).workflow('order-approval');

  it.each([
    [
      'start',
      () => workflow().start({ orderId: 'o1' }),
      'POST',
      '/api/workflows/order-approval/runs',
      { input: { orderId: 'o1' } },
    ],
    [
      'start and wait',
      () => workflow().start({ orderId: 'o1' }, { wait: true }),
      'POST',
      '/api/workflows/order-approval/runs',
      { input: { orderId: 'o1' }, wait: true },
    ],
    [
      'get (the run id is encoded)',
      () => workflow().get('r 1'),
      'GET',
      '/api/workflows/order-approval/runs/r%201',
      undefined,
    ],
    [
      'resume',
      () => workflow().resume('r1', { step: 'approve', data: { approved: true } }),
      'POST',
      '/api/workflows/order-approval/runs/r1/resume',
      { step: 'approve', data: { approved: true } },
    ],
    [
      'cancel',
      () => workflow().cancel('r1'),
      'POST',
      '/api/workflows/order-approval/runs/r1/cancel',
      undefined,
    ],
  ])(
    '%s sends the documented request with the API key and returns the run',
    async (_name, call, method, url, body) => {
      await expect(call()).resolves.toEqual(run);
      expect(seen).toEqual([
        {
          method,
          url,
          authorization: 'Bearer secret-key',
          contentType: body === undefined ? undefined : 'application/json',
          accept: 'application/json',
          body,
        },
      ]);
    },
  );

  it('lists runs with the status, cursor and limit in the query string', async () => {
    handler = (_request, response) => sendJson(response, 200, { items: [run], nextCursor: 'c2' });
    const page = await workflow().list({ status: 'suspended', cursor: 'c1', limit: 5 });
    expect(page).toEqual({ items: [run], nextCursor: 'c2' });
    expect(seen[0]?.url).toBe('/api/workflows/order-approval/runs?status=suspended&cursor=c1&limit=5');
  });

  it('streams run events until `event: end`, across split chunks, CRLF and comments', async () => {
    const events: RunEvent[] = [
      { type: 'step:start', runId: 'r1', step: 'lookup', at: '2025-01-01T00:00:00.000Z' },
      {
        type: 'step:complete',
        runId: 'r1',
        step: 'lookup',
        output: { total: 3 },
        at: '2025-01-01T00:00:01.000Z',
      },
    ];
    handler = (_request, response) =>
      sendEvents(
        response,
        `: hello\r\ndata: ${JSON.stringify(events[0])}\r\n\r\nid: 2\ndata: ${JSON.stringify(events[1])}\n\nevent: end\ndata: {}\n\n`,
      );
    const received: RunEvent[] = [];
    for await (const event of workflow().events('r1')) received.push(event);
    // the message with an `id:` carries it, so a later stream can start after it
    expect(received).toEqual([events[0], { ...events[1], id: 2 }]);
    expect(seen[0]).toMatchObject({
      method: 'GET',
      url: '/api/workflows/order-approval/runs/r1/events',
      accept: 'text/event-stream',
    });
  });
});

describe('createBaseClient: tools, agents, health', () => {
  const base = () => createBaseClient({ baseUrl });

  it('executes a tool with { input } and returns its output', async () => {
    handler = (_request, response) => sendJson(response, 200, { output: { total: 3 } });
    await expect(base().tool('lookup-order').execute({ orderId: 'o1' })).resolves.toEqual({ total: 3 });
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/tools/lookup-order/execute',
      body: { input: { orderId: 'o1' } },
      authorization: undefined,
    });
  });

  it.each([
    [
      'generate',
      (b: ReturnType<typeof base>) => b.agent('support').generate({ prompt: 'hi' }),
      '/api/agents/support/generate',
    ],
    [
      'generateObject',
      (b: ReturnType<typeof base>) => b.agent('support').generateObject({ prompt: 'hi' }),
      '/api/agents/support/generate-object',
    ],
    ['health', (b: ReturnType<typeof base>) => b.health(), '/api/health'],
  ])('%s calls %s', async (_name, call, url) => {
    handler = (_request, response) => sendJson(response, 200, { ok: true });
    await expect(call(base())).resolves.toEqual({ ok: true });
    expect(seen[0]?.url).toBe(url);
  });

  it('streams agent chunks until `event: end`', async () => {
    handler = (_request, response) =>
      sendEvents(
        response,
        'data: {"type":"text","content":"Hel"}\n\ndata: {"type":"text","content":"lo"}\n\nevent: end\ndata:\n\n',
      );
    const chunks: string[] = [];
    for await (const chunk of base().agent('support').stream({ prompt: 'hi' })) chunks.push(chunk.content);
    expect(chunks).toEqual(['Hel', 'lo']);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/agents/support/stream',
      body: { prompt: 'hi' },
    });
  });

  it('throws the error of an `event: error` in a stream', async () => {
    handler = (_request, response) =>
      sendEvents(
        response,
        'data: {"type":"text","content":"a"}\n\nevent: error\ndata: {"error":{"code":"MODEL_FAILED","message":"upstream down"}}\n\n',
      );
    const chunks: string[] = [];
    const consume = async () => {
      for await (const chunk of base().agent('support').stream({ prompt: 'hi' })) chunks.push(chunk.content);
    };
    await expect(consume()).rejects.toMatchObject({ code: 'MODEL_FAILED', message: 'upstream down' });
    expect(chunks).toEqual(['a']);
  });
});

describe('createBaseClient: errors', () => {
  it('turns an error body into a WeftClientError with status, code, message and details', async () => {
    handler = (_request, response) =>
      sendJson(response, 409, {
        error: {
          code: 'RUN_NOT_SUSPENDED',
          message: 'The run is not suspended.',
          details: { status: 'completed' },
        },
      });
    const error = await createBaseClient({ baseUrl })
      .workflow('w')
      .resume('r1', { data: {} })
      .catch((caught: unknown) => caught);
    expect(WeftClientError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(WeftClientError);
    expect(error).toMatchObject({
      status: 409,
      code: 'RUN_NOT_SUSPENDED',
      message: 'The run is not suspended.',
      details: { status: 'completed' },
    });
  });

  it('reports a body that is not an API error as HTTP_ERROR', async () => {
    handler = (_request, response) => response.writeHead(502).end('Bad gateway');
    await expect(createBaseClient({ baseUrl }).health()).rejects.toMatchObject({
      status: 502,
      code: 'HTTP_ERROR',
      message: 'HTTP 502: Bad gateway',
    });
  });

  it('reports an unreachable host as NETWORK_ERROR with status 0', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(createBaseClient({ baseUrl: `http://127.0.0.1:${port}` }).health()).rejects.toMatchObject({
      status: 0,
      code: 'NETWORK_ERROR',
    });
  });

  it('uses an injected fetch', async () => {
    const calls: string[] = [];
    const fakeFetch: typeof fetch = async (input) => {
      calls.push(String(input));
      return new Response(JSON.stringify({ status: 'ok', storage: 'ok' }), { status: 200 });
    };
    await expect(
      createBaseClient({ baseUrl: 'http://weft.test/', fetch: fakeFetch }).health(),
    ).resolves.toEqual({ status: 'ok', storage: 'ok' });
    expect(calls).toEqual(['http://weft.test/api/health']);
  });
});

describe('parseEventStream', () => {
  const streamOf = (...pieces: (string | Uint8Array)[]): ReadableStream<Uint8Array> =>
    new ReadableStream({
      start(controller) {
        for (const piece of pieces)
          controller.enqueue(typeof piece === 'string' ? new TextEncoder().encode(piece) : piece);
        controller.close();
      },
    });

  const accent = new TextEncoder().encode('data: \u00e9');

  it.each<[string, (string | Uint8Array)[], { event: string; data: string }[]]>([
    ['joins multi-line data', ['data: a\ndata: b\n\n'], [{ event: 'message', data: 'a\nb' }]],
    [
      'reads a CRLF split across chunks as one line end',
      ['data: a\r', '\ndata: b\r\n\r\n'],
      [{ event: 'message', data: 'a\nb' }],
    ],
    [
      'names events and keeps the colon-less space rule',
      ['event: end\ndata:x\n\n'],
      [{ event: 'end', data: 'x' }],
    ],
    [
      'handles a multi-byte character split across chunks',
      [accent.slice(0, 7), accent.slice(7), '\n\n'],
      [{ event: 'message', data: '\u00e9' }],
    ],
    [
      'discards an event the stream ends before its blank line',
      ['data: one\n\ndata: cut'],
      [{ event: 'message', data: 'one' }],
    ],
    ['ignores comments, ids and retry fields', [': ping\nid: 1\nretry: 10\n\n'], []],
  ])('%s', async (_name, pieces, want) => {
    const got = [];
    for await (const event of parseEventStream(streamOf(...pieces))) got.push(event);
    expect(got).toEqual(want);
  });
});

describe('createBaseClient: threads and knowledge', () => {
  const base = () => createBaseClient({ baseUrl, apiKey: 'k' });

  it.each([
    [
      'threads.create',
      (b: ReturnType<typeof base>) => b.threads.create({ resourceId: 'u1', title: 'T' }),
      'POST',
      '/api/threads',
      { resourceId: 'u1', title: 'T' },
    ],
    [
      'threads.get',
      (b: ReturnType<typeof base>) => b.threads.get('t 1'),
      'GET',
      '/api/threads/t%201',
      undefined,
    ],
    [
      'threads.list',
      (b: ReturnType<typeof base>) => b.threads.list({ resourceId: 'u1' }),
      'GET',
      '/api/threads?resourceId=u1',
      undefined,
    ],
    [
      'threads.messages',
      (b: ReturnType<typeof base>) => b.threads.messages('t1', { last: 5 }),
      'GET',
      '/api/threads/t1/messages?last=5',
      undefined,
    ],
    [
      'threads.saveMessages',
      (b: ReturnType<typeof base>) => b.threads.saveMessages('t1', [{ role: 'user', content: 'Hi' }]),
      'POST',
      '/api/threads/t1/messages',
      { messages: [{ role: 'user', content: 'Hi' }] },
    ],
    [
      'knowledge.query',
      (b: ReturnType<typeof base>) => b.knowledge('help-center').query({ text: 'refunds', topK: 2 }),
      'POST',
      '/api/knowledge/help-center/query',
      { text: 'refunds', topK: 2 },
    ],
    [
      'knowledge.addDocuments',
      (b: ReturnType<typeof base>) =>
        b.knowledge('help-center').addDocuments([{ id: 'd1', text: 'Refunds take 5 days.' }]),
      'POST',
      '/api/knowledge/help-center/documents',
      { documents: [{ id: 'd1', text: 'Refunds take 5 days.' }] },
    ],
  ])('%s sends %s %s', async (_name, call, method, url, body) => {
    handler = (_request, response) => sendJson(response, 200, { ok: true });
    await expect(call(base())).resolves.toEqual({ ok: true });
    expect(seen[0]).toMatchObject({ method, url, authorization: 'Bearer k' });
    expect(seen[0]?.body).toEqual(body);
  });

  it.each([
    ['threads.delete', (b: ReturnType<typeof base>) => b.threads.delete('t1'), '/api/threads/t1'],
    [
      'knowledge.deleteDocument',
      (b: ReturnType<typeof base>) => b.knowledge('help-center').deleteDocument('d/1'),
      '/api/knowledge/help-center/documents/d%2F1',
    ],
  ])('%s sends DELETE %s and resolves nothing on 204', async (_name, call, url) => {
    handler = (_request, response) => response.writeHead(204).end();
    await expect(call(base())).resolves.toBeUndefined();
    expect(seen[0]).toMatchObject({ method: 'DELETE', url });
  });
});

describe('createBaseClient: resumable run events', () => {
  const workflow = () => createBaseClient({ baseUrl }).workflow('order-approval');
  const event = (type: string) => ({ type, runId: 'r1', at: '2025-01-01T00:00:00.000Z' });

  it('sends Last-Event-ID for lastEventId and numbers the events it yields', async () => {
    let lastEventId: string | undefined;
    handler = (request, response) => {
      lastEventId = request.lastEventId;
      sendEvents(response, `id: 4\ndata: ${JSON.stringify(event('step:start'))}\n\nevent: end\ndata: {}\n\n`);
    };
    const received: RunEvent[] = [];
    for await (const item of workflow().events('r1', { lastEventId: 3 })) received.push(item);
    expect(lastEventId).toBe('3');
    expect(received).toEqual([{ ...event('step:start'), id: 4 }]);
  });

  it('reconnects a dropped stream after the last id received, so no event is lost or repeated', async () => {
    const asked: (string | undefined)[] = [];
    handler = (request, response) => {
      asked.push(request.lastEventId);
      if (asked.length === 1) {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end(
          `id: 1\ndata: ${JSON.stringify(event('run:start'))}\n\nid: 2\ndata: ${JSON.stringify(event('step:start'))}\n\n`,
        );
        return;
      }
      sendEvents(
        response,
        `id: 3\ndata: ${JSON.stringify(event('step:complete'))}\n\nevent: end\ndata: {}\n\n`,
      );
    };
    const received: RunEvent[] = [];
    for await (const item of workflow().events('r1')) received.push(item);
    expect(asked).toEqual([undefined, '2']);
    expect(received.map((item) => [item.id, item.type])).toEqual([
      [1, 'run:start'],
      [2, 'step:start'],
      [3, 'step:complete'],
    ]);
  });

  it('answers API errors as WeftApiError (WeftClientError is the same class)', async () => {
    handler = (_request, response) =>
      sendJson(response, 400, { error: { code: 'EVENTS_INVALID_LAST_EVENT_ID', message: 'bad id' } });
    const error = await (async () => {
      for await (const _ of workflow().events('r1', { lastEventId: 1 })) void _;
    })().catch((caught: unknown) => caught);
    expect(WeftApiError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(WeftClientError);
    expect(error).toMatchObject({ name: 'WeftApiError', status: 400, code: 'EVENTS_INVALID_LAST_EVENT_ID' });
  });
});
