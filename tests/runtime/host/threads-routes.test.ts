import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedRoutesOf } from '../../../runtime/host/index.js';
import type { MemoryMessage, MemoryThread } from '../../../runtime/memory/memory-types.js';
import { type ErrorReply, type HostedProject, openHostedProject } from './host-test-project.js';

let project: HostedProject;

beforeAll(async () => {
  project = await openHostedProject();
});
afterAll(async () => project.close());

async function call<Body>(method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) {
  const response = await project.app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return {
    status: response.statusCode,
    body: (response.body === '' ? undefined : JSON.parse(response.body)) as Body,
  };
}

describe('the threads routes', () => {
  it('declare memory:read for reads and memory:write for writes', () => {
    const routes = servedRoutesOf(project.app)
      .filter((route) => route.url.startsWith('/api/threads'))
      .map((route) => `${route.method} ${route.url} ${route.scope}`)
      .sort();
    expect(routes).toEqual([
      'DELETE /api/threads/:id memory:write',
      'GET /api/threads memory:read',
      'GET /api/threads/:id memory:read',
      'GET /api/threads/:id/messages memory:read',
      'POST /api/threads memory:write',
      'POST /api/threads/:id/messages memory:write',
    ]);
  });
});

describe('POST /api/threads, GET /api/threads(/:id)', () => {
  it('creates a thread (201), reads it back, and lists threads by resource, a page at a time', async () => {
    const created = await call<MemoryThread>('POST', '/api/threads', {
      resourceId: 'routes-user',
      title: 'Billing',
      metadata: { channel: 'email' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      resourceId: 'routes-user',
      title: 'Billing',
      metadata: { channel: 'email' },
    });
    expect(typeof created.body.id).toBe('string');
    const second = await call<MemoryThread>('POST', '/api/threads', {
      id: 'routes-thread-2',
      resourceId: 'routes-user',
    });
    expect(second.body.id).toBe('routes-thread-2');
    expect((await call<MemoryThread>('GET', `/api/threads/${created.body.id}`)).body).toEqual(created.body);

    const page = await call<{ items: MemoryThread[]; nextCursor?: string }>(
      'GET',
      '/api/threads?resourceId=routes-user&limit=1',
    );
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(1);
    const rest = await call<{ items: MemoryThread[] }>(
      'GET',
      `/api/threads?resourceId=routes-user&limit=1&cursor=${page.body.nextCursor ?? ''}`,
    );
    expect([...page.body.items, ...rest.body.items].map((thread) => thread.id).sort()).toEqual(
      [created.body.id, 'routes-thread-2'].sort(),
    );
  });

  it.each([
    ['an unknown field', { colour: 'teal' }, '/colour'],
    ['a non-string title', { title: 3 }, '/title'],
    ['an empty id', { id: '' }, '/id'],
  ])('refuses a body with %s (400 with the pointer)', async (_name, body, pointer) => {
    const { status, body: reply } = await call<ErrorReply>('POST', '/api/threads', body);
    expect(status).toBe(400);
    expect(reply.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { pointer } });
  });

  it('answers 409 THREAD_ALREADY_EXISTS for a taken id, 404 THREAD_NOT_FOUND for an unknown one, 400 for a bad query', async () => {
    await call('POST', '/api/threads', { id: 'routes-taken' });
    const taken = await call<ErrorReply>('POST', '/api/threads', { id: 'routes-taken' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('THREAD_ALREADY_EXISTS');
    for (const id of ['nope', '%00', 'x'.repeat(300)]) {
      const missing = await call<ErrorReply>('GET', `/api/threads/${id}`);
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('THREAD_NOT_FOUND');
    }
    const badQuery = await call<ErrorReply>('GET', '/api/threads?limit=0&colour=teal');
    expect(badQuery.status).toBe(400);
  });
});

describe('GET/POST /api/threads/:id/messages, DELETE /api/threads/:id', () => {
  it('saves messages (201), keeps one message per id, reads them back (last, before), and deletes the thread (204)', async () => {
    await call('POST', '/api/threads', { id: 'routes-chat', resourceId: 'routes-user' });
    const messages = [
      { id: 'routes-m1', role: 'user', content: 'My favourite colour is teal.' },
      { id: 'routes-m2', role: 'assistant', content: [{ type: 'text', text: 'Noted.' }] },
    ];
    const saved = await call<{ items: MemoryMessage[] }>('POST', '/api/threads/routes-chat/messages', {
      messages,
    });
    expect(saved.status).toBe(201);
    expect(saved.body.items.map((message) => [message.id, message.threadId, message.resourceId])).toEqual([
      ['routes-m1', 'routes-chat', 'routes-user'],
      ['routes-m2', 'routes-chat', 'routes-user'],
    ]);
    await call('POST', '/api/threads/routes-chat/messages', { messages });
    await call('POST', '/api/threads/routes-chat/messages', {
      messages: [{ role: 'user', content: 'Where is A1?' }],
    });

    const all = await call<{ items: MemoryMessage[] }>('GET', '/api/threads/routes-chat/messages');
    expect(all.status).toBe(200);
    expect(all.body.items.map((message) => message.content)).toEqual([
      'My favourite colour is teal.',
      [{ type: 'text', text: 'Noted.' }],
      'Where is A1?',
    ]);
    const last = await call<{ items: MemoryMessage[] }>('GET', '/api/threads/routes-chat/messages?last=1');
    expect(last.body.items.map((message) => message.content)).toEqual(['Where is A1?']);
    const before = all.body.items[1]?.createdAt ?? 0;
    const older = await call<{ items: MemoryMessage[] }>(
      'GET',
      `/api/threads/routes-chat/messages?before=${before}`,
    );
    expect(older.body.items.map((message) => message.id)).toEqual(['routes-m1']);

    const recalled = await project.weft.memory.query({
      threadId: 'routes-chat',
      text: 'favourite colour',
      topK: 1,
    });
    expect(recalled.hits.map((hit) => hit.messageId)).toEqual(['routes-m1']);

    const deleted = await project.app.inject({ method: 'DELETE', url: '/api/threads/routes-chat' });
    expect(deleted.statusCode).toBe(204);
    expect((await call('GET', '/api/threads/routes-chat')).status).toBe(404);
    expect((await call('GET', '/api/threads/routes-chat/messages')).status).toBe(404);
    expect((await call('DELETE', '/api/threads/routes-chat')).status).toBe(404);
    expect(
      (await project.weft.memory.query({ threadId: 'routes-chat', text: 'favourite colour', topK: 1 })).hits,
    ).toEqual([]);
  });

  it.each([
    ['no messages', {}, '/messages', 'VALIDATION_FAILED'],
    ['an empty list', { messages: [] }, '/messages', 'VALIDATION_FAILED'],
    [
      'an unknown body field',
      { messages: [{ role: 'user', content: 'x' }], extra: 1 },
      '/extra',
      'VALIDATION_FAILED',
    ],
    [
      'an unknown message field',
      { messages: [{ role: 'user', content: 'x', threadId: 'other' }] },
      '/messages/0/threadId',
      'VALIDATION_FAILED',
    ],
    [
      'an unknown role',
      { messages: [{ role: 'robot', content: 'x' }] },
      '/messages/0/role',
      'VALIDATION_FAILED',
    ],
    [
      'an unknown part type',
      { messages: [{ role: 'user', content: [{ type: 'video', url: 'x' }] }] },
      '/messages/0/content/0/type',
      'MESSAGE_INVALID',
    ],
    [
      'a tool message with text',
      { messages: [{ role: 'tool', content: 'x' }] },
      '/messages/0/content',
      'MESSAGE_INVALID',
    ],
  ])('refuses %s (400 with the pointer), saving nothing', async (_name, body, pointer, code) => {
    await call('POST', '/api/threads', { id: 'routes-strict' }).catch(() => undefined);
    const { status, body: reply } = await call<ErrorReply>(
      'POST',
      '/api/threads/routes-strict/messages',
      body,
    );
    expect(status).toBe(400);
    expect(reply.error).toMatchObject({ code, details: { pointer } });
    expect(
      (await call<{ items: unknown[] }>('GET', '/api/threads/routes-strict/messages')).body.items,
    ).toEqual([]);
  });

  it('answers 404 for messages of an unknown thread', async () => {
    const { status, body } = await call<ErrorReply>('POST', '/api/threads/unknown-thread/messages', {
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(status).toBe(404);
    expect(body.error.code).toBe('THREAD_NOT_FOUND');
  });
});
