import { describe, expect, it } from 'vitest';
import { LocalHashEmbedder } from '../../../runtime/embedders/local-hash-embedder.js';
import { WeftError } from '../../../runtime/errors/weft-error.js';
import { Memory } from '../../../runtime/memory/memory.js';
import type { MessageInput } from '../../../runtime/memory/memory-types.js';
import type { EmbedderV1 } from '../../../runtime/spec/v1/embedder.js';
import { MemoryStorage } from '../../../runtime/storage/memory-storage.js';
import { MemoryVectorStore } from '../../../runtime/vector/memory-vector-store.js';

const index = 'weft_memory_local_hash_384';

function memoryWith(options: { embedder?: EmbedderV1 } = {}) {
  const storage = new MemoryStorage();
  const vector = new MemoryVectorStore();
  let clock = 1_000;
  let ids = 0;
  const memory = new Memory({
    storage,
    vector,
    ...(options.embedder === undefined ? {} : { embedder: options.embedder }),
    now: () => clock,
    generateId: () => `id-${++ids}`,
  });
  return { memory, storage, vector, tick: (ms = 1) => (clock += ms) };
}

async function failureOf(promise: Promise<unknown>): Promise<WeftError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!WeftError.isInstance(error)) throw new Error(`expected a WeftError, got ${String(error)}`);
  return error;
}

const conversation = (threadId: string): MessageInput[] => [
  { threadId, role: 'user', content: 'Hello, I need help with my account.' },
  { threadId, role: 'assistant', content: 'Sure, what is the problem?' },
  { threadId, role: 'user', content: 'My favourite colour is teal, please remember it.' },
  { threadId, role: 'assistant', content: 'Noted.' },
  { threadId, role: 'user', content: 'Also, the invoice for order B2 looks wrong.' },
  { threadId, role: 'assistant', content: 'I will check the invoice.' },
];

describe('memory threads', () => {
  it('creates, reads, lists (by resource, paged), updates and deletes threads', async () => {
    const { memory, tick } = memoryWith();
    const first = await memory.createThread({ resourceId: 'user-1', title: 'First' });
    tick();
    const second = await memory.createThread({
      id: 't-2',
      resourceId: 'user-1',
      metadata: { channel: 'web' },
    });
    tick();
    await memory.createThread({ resourceId: 'user-2' });
    expect(first).toMatchObject({ id: 'id-1', resourceId: 'user-1', title: 'First', createdAt: 1000 });
    expect(await memory.getThread('t-2')).toEqual(second);
    expect(await memory.getThread('missing')).toBeUndefined();

    const page = await memory.listThreads({ resourceId: 'user-1', limit: 1 });
    expect(page.items.map((thread) => thread.id)).toEqual(['t-2']);
    const next = await memory.listThreads({ resourceId: 'user-1', limit: 1, cursor: page.nextCursor ?? '' });
    expect(next.items.map((thread) => thread.id)).toEqual(['id-1']);

    tick();
    const updated = await memory.updateThread('t-2', { title: 'Renamed' });
    expect(updated).toMatchObject({
      id: 't-2',
      title: 'Renamed',
      metadata: { channel: 'web' },
      updatedAt: 1003,
    });
    expect(await memory.deleteThread('t-2')).toBe(true);
    expect(await memory.deleteThread('t-2')).toBe(false);
    expect(await memory.getThread('t-2')).toBeUndefined();
  });

  it('refuses a taken id (THREAD_ALREADY_EXISTS) and updating an unknown thread (THREAD_NOT_FOUND)', async () => {
    const { memory } = memoryWith();
    await memory.createThread({ id: 't-1' });
    expect((await failureOf(memory.createThread({ id: 't-1' }))).code).toBe('THREAD_ALREADY_EXISTS');
    const error = await failureOf(memory.updateThread('nope', { title: 'x' }));
    expect(error).toMatchObject({ code: 'THREAD_NOT_FOUND', status: 404 });
  });
});

describe('memory.saveMessages / getMessages', () => {
  it('saves in order (array or { messages } form), generating ids and creating the thread with its resource', async () => {
    const { memory } = memoryWith();
    const saved = await memory.saveMessages([
      { threadId: 't-1', resourceId: 'user-1', role: 'user', content: 'one' },
      { threadId: 't-1', role: 'assistant', content: [{ type: 'text', text: 'two' }] },
    ]);
    await memory.saveMessages({ messages: [{ id: 'm-3', threadId: 't-1', role: 'user', content: 'three' }] });
    expect(saved.map((message) => message.id)).toEqual(['id-1', 'id-2']);
    expect(await memory.getThread('t-1')).toMatchObject({ resourceId: 'user-1' });
    const messages = await memory.getMessages({ threadId: 't-1' });
    expect(messages.map((message) => [message.id, message.resourceId, message.createdAt])).toEqual([
      ['id-1', 'user-1', 1000],
      ['id-2', 'user-1', 1001],
      ['m-3', 'user-1', 1002],
    ]);
    expect((await memory.getMessages({ threadId: 't-1', last: 1 })).map((message) => message.id)).toEqual([
      'm-3',
    ]);
    expect(
      (await memory.getMessages({ threadId: 't-1', before: 1001 })).map((message) => message.id),
    ).toEqual(['id-1']);
  });

  it('is idempotent by message id: saving twice keeps one message, its time, and one vector', async () => {
    const { memory, vector, tick } = memoryWith();
    const message = {
      id: 'm-1',
      threadId: 't-1',
      role: 'user' as const,
      content: 'My favourite colour is teal.',
    };
    await memory.saveMessages([message]);
    tick(50);
    await memory.saveMessages([message]);
    await memory.saveMessages([message, message]);
    const stored = await memory.getMessages({ threadId: 't-1' });
    expect(stored).toHaveLength(1);
    expect(stored[0]?.createdAt).toBe(1000);
    expect((await vector.describeIndex(index)).count).toBe(1);
  });

  it('embeds the text of messages (string or text parts) and not tool calls or results', async () => {
    const { memory, vector } = memoryWith();
    await memory.saveMessages([
      { threadId: 't-1', role: 'user', content: 'look up A1' },
      {
        threadId: 't-1',
        role: 'assistant',
        content: [
          { type: 'tool-call', toolCallId: 'c1', toolName: 'lookup-order', input: { orderId: 'A1' } },
        ],
      },
      {
        threadId: 't-1',
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'c1',
            toolName: 'lookup-order',
            output: { type: 'json', value: { total: 12 } },
          },
        ],
      },
      {
        threadId: 't-1',
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'hmm' },
          { type: 'text', text: 'A1 is paid.' },
        ],
      },
    ]);
    expect((await vector.describeIndex(index)).count).toBe(2);
  });

  it.each([
    ['a missing role', { threadId: 't', content: 'x' }, '/messages/0/role'],
    ['an unknown role', { threadId: 't', role: 'robot', content: 'x' }, '/messages/0/role'],
    ['an unknown field', { threadId: 't', role: 'user', content: 'x', extra: 1 }, '/messages/0/extra'],
    ['no thread id', { role: 'user', content: 'x' }, '/messages/0/threadId'],
    ['a tool message with text', { threadId: 't', role: 'tool', content: 'x' }, '/messages/0/content'],
    [
      'a system message with parts',
      { threadId: 't', role: 'system', content: [{ type: 'text', text: 'x' }] },
      '/messages/0/content',
    ],
    ['empty parts', { threadId: 't', role: 'user', content: [] }, '/messages/0/content'],
    [
      'an unknown part type',
      { threadId: 't', role: 'user', content: [{ type: 'video' }] },
      '/messages/0/content/0/type',
    ],
    [
      'a tool call without a tool name',
      { threadId: 't', role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c', input: {} }] },
      '/messages/0/content/0/toolName',
    ],
    [
      'a user message with a tool call',
      {
        threadId: 't',
        role: 'user',
        content: [{ type: 'tool-call', toolCallId: 'c', toolName: 'x', input: {} }],
      },
      '/messages/0/content/0/type',
    ],
    [
      'a negative createdAt',
      { threadId: 't', role: 'user', content: 'x', createdAt: -1 },
      '/messages/0/createdAt',
    ],
  ])('refuses %s with MESSAGE_INVALID and the pointer, saving nothing', async (_name, message, pointer) => {
    const { memory } = memoryWith();
    const error = await failureOf(memory.saveMessages([message as unknown as MessageInput]));
    expect(error).toMatchObject({ code: 'MESSAGE_INVALID', status: 400 });
    expect(error.details).toMatchObject({ pointer });
    expect(await memory.getMessages({ threadId: 't' })).toEqual([]);
  });
});

describe('memory.query (semantic recall)', () => {
  it('returns the relevant message with one neighbour on each side, in conversation order', async () => {
    const { memory } = memoryWith();
    await memory.saveMessages(conversation('t-1'));
    const { messages, hits } = await memory.query({
      threadId: 't-1',
      text: 'what is my favourite colour?',
      topK: 1,
    });
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ messageId: 'id-3', threadId: 't-1' });
    expect(messages.map((message) => message.content)).toEqual([
      'Sure, what is the problem?',
      'My favourite colour is teal, please remember it.',
      'Noted.',
    ]);
    const alone = await memory.query({ threadId: 't-1', text: 'favourite colour', topK: 1, messageRange: 0 });
    expect(alone.messages.map((message) => message.id)).toEqual(['id-3']);
  });

  it('deduplicates overlapping neighbourhoods', async () => {
    const { memory } = memoryWith();
    await memory.saveMessages(conversation('t-1'));
    const { messages } = await memory.query({ threadId: 't-1', text: 'invoice order B2 check', topK: 2 });
    const ids = messages.map((message) => message.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(['id-4', 'id-5', 'id-6']);
  });

  it('searches one thread, or every thread of a resource', async () => {
    const { memory } = memoryWith();
    await memory.createThread({ id: 'old', resourceId: 'user-1' });
    await memory.createThread({ id: 'new', resourceId: 'user-1' });
    await memory.createThread({ id: 'other', resourceId: 'user-2' });
    await memory.saveMessages(conversation('old'));
    await memory.saveMessages([{ threadId: 'new', role: 'user', content: 'Hi again.' }]);
    await memory.saveMessages([{ threadId: 'other', role: 'user', content: 'My favourite colour is red.' }]);
    const text = 'favourite colour';
    const inThread = await memory.query({ threadId: 'new', text, topK: 3 });
    expect(inThread.messages.map((message) => message.content)).not.toContain(
      'My favourite colour is teal, please remember it.',
    );
    const inResource = await memory.query({ resourceId: 'user-1', text, topK: 1, messageRange: 0 });
    expect(inResource.messages.map((message) => [message.threadId, message.content])).toEqual([
      ['old', 'My favourite colour is teal, please remember it.'],
    ]);
  });

  it('leaves out excluded ids and messages not before `before`', async () => {
    const { memory } = memoryWith();
    await memory.saveMessages(conversation('t-1'));
    const excluded = await memory.query({
      threadId: 't-1',
      text: 'favourite colour',
      topK: 1,
      exclude: ['id-3'],
    });
    expect(excluded.messages.map((message) => message.id)).not.toContain('id-3');
    const before = await memory.query({
      threadId: 't-1',
      text: 'favourite colour teal',
      topK: 6,
      before: 1002,
    });
    expect(before.messages.every((message) => message.createdAt < 1002)).toBe(true);
  });

  it.each([
    ['no text', { threadId: 't', text: ' ' }],
    ['no thread or resource', { text: 'x' }],
    ['a topK of 0', { threadId: 't', text: 'x', topK: 0 }],
  ])('refuses a query with %s (VALIDATION_FAILED)', async (_name, query) => {
    const { memory } = memoryWith();
    expect((await failureOf(memory.query(query))).code).toBe('VALIDATION_FAILED');
  });

  it('deleting a thread removes its messages and its vectors, not the others', async () => {
    const { memory, vector } = memoryWith();
    await memory.saveMessages(conversation('t-1'));
    await memory.saveMessages([{ threadId: 't-2', role: 'user', content: 'My favourite colour is red.' }]);
    expect((await vector.describeIndex(index)).count).toBe(7);
    await memory.deleteThread('t-1');
    expect((await vector.describeIndex(index)).count).toBe(1);
    expect(await memory.getMessages({ threadId: 't-1' })).toEqual([]);
  });
});

describe('when the embedder fails', () => {
  it('keeps the messages, rejects with MEMORY_INDEX_FAILED, and indexes them on a later save', async () => {
    let down = true;
    const local = new LocalHashEmbedder(384);
    const flaky: EmbedderV1 = {
      specificationVersion: 'v1',
      name: local.name,
      dimension: local.dimension,
      embed: async (texts, options) => {
        if (down) throw new Error('embedding service unavailable');
        return local.embed(texts, options);
      },
    };
    const { memory, vector } = memoryWith({ embedder: flaky });
    const error = await failureOf(
      memory.saveMessages([
        { id: 'm-1', threadId: 't-1', role: 'user', content: 'My favourite colour is teal.' },
      ]),
    );
    expect(error).toMatchObject({
      code: 'MEMORY_INDEX_FAILED',
      retryable: true,
      details: { saved: ['m-1'] },
    });
    expect(error.message).toContain('embedding service unavailable');
    expect((await memory.getMessages({ threadId: 't-1' })).map((message) => message.id)).toEqual(['m-1']);

    down = false;
    await memory.saveMessages([{ id: 'm-2', threadId: 't-1', role: 'user', content: 'Where is order A1?' }]);
    expect((await vector.describeIndex(index)).count).toBe(2);
    const { hits } = await memory.query({ threadId: 't-1', text: 'favourite colour', topK: 1 });
    expect(hits[0]?.messageId).toBe('m-1');
  });
});
