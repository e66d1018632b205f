import { describe, expect, it } from 'vitest';
import { modelToolName } from '../../../runtime/agent/build-tools.js';
import { installAgents } from '../../../runtime/agent/install-agents.js';
import { loadMemory } from '../../../runtime/agent/load-memory.js';
import { addUsage, mapUsage } from '../../../runtime/agent/map-usage.js';
import { saveMemory } from '../../../runtime/agent/save-memory.js';
import { MemoryStorage } from '../../../runtime/storage/memory-storage.js';
import { agentDefinition, exampleGraph } from './agent-fixture.js';

describe('mapUsage', () => {
  it.each([
    [
      'all counts',
      { inputTokens: 10, outputTokens: 5, totalTokens: 16 },
      { promptTokens: 10, completionTokens: 5, totalTokens: 16 },
    ],
    [
      'no total',
      { inputTokens: 10, outputTokens: 5, totalTokens: undefined },
      { promptTokens: 10, completionTokens: 5, totalTokens: 15 },
    ],
    [
      'nothing reported',
      { inputTokens: undefined, outputTokens: undefined, totalTokens: undefined },
      { promptTokens: 0, completionTokens: 0, totalTokens: 0 },
    ],
  ])('maps %s', (_name, given, want) => {
    expect(mapUsage(given)).toEqual(want);
  });

  it('adds usages', () => {
    const one = { promptTokens: 1, completionTokens: 2, totalTokens: 3 };
    expect(addUsage(one, one)).toEqual({ promptTokens: 2, completionTokens: 4, totalTokens: 6 });
  });
});

describe('modelToolName', () => {
  it.each([
    ['lookup-order', 'lookup-order'],
    ['crm.get-customer', 'crm__get-customer'],
  ])('exposes %s as %s', (name, want) => {
    expect(modelToolName(name)).toBe(want);
  });
});

describe('loadMemory and saveMemory', () => {
  const agent = agentDefinition({ memory: { lastMessages: 3 } });
  const binding = {
    threadId: 't',
    resourceId: 'r',
    now: () => 1_000,
    generateId: (() => {
      let n = 0;
      return () => `m${++n}`;
    })(),
  };

  it('saves messages in order on a new thread and reads the last N back', async () => {
    const storage = new MemoryStorage();
    await saveMemory(storage, binding, [
      { role: 'user', content: 'one' },
      { role: 'assistant', content: 'two' },
      { role: 'user', content: 'three' },
      { role: 'assistant', content: 'four' },
    ]);
    expect(await storage.getThread('t')).toMatchObject({ id: 't', resourceId: 'r', createdAt: 1_000 });
    expect(await loadMemory(storage, agent, { threadId: 't' })).toEqual([
      { role: 'assistant', content: 'two' },
      { role: 'user', content: 'three' },
      { role: 'assistant', content: 'four' },
    ]);
  });

  it('keeps the order of two saves in the same millisecond', async () => {
    const storage = new MemoryStorage();
    const sameTime = { ...binding, generateId: () => `z${Math.random()}` };
    await saveMemory(storage, sameTime, [{ role: 'user', content: 'first' }]);
    await saveMemory(storage, { ...sameTime, generateId: () => 'a-sorts-first' }, [
      { role: 'user', content: 'second' },
    ]);
    expect((await storage.getMessages({ threadId: 't' })).map((message) => message.content)).toEqual([
      'first',
      'second',
    ]);
  });

  it('leaves out messages a model cannot take: a tool message with text, a window starting on a tool result', async () => {
    const storage = new MemoryStorage();
    const toolResult = [
      { type: 'tool-result', toolCallId: 'c1', toolName: 'x', output: { type: 'json', value: 1 } },
    ];
    await storage.saveMessages([
      { id: 'a', threadId: 't', role: 'tool', content: toolResult, createdAt: 1 },
      { id: 'b', threadId: 't', role: 'tool', content: 'plain text', createdAt: 2 },
      { id: 'c', threadId: 't', role: 'user', content: 'hi', createdAt: 3 },
    ]);
    expect(await loadMemory(storage, agent, { threadId: 't' })).toEqual([{ role: 'user', content: 'hi' }]);
  });
});

describe('the default model resolver', () => {
  it('fails with MODEL_CREDENTIALS_MISSING (503) when OPENAI_API_KEY is not set, naming the variable only', async () => {
    const agents = installAgents({
      graph: exampleGraph,
      tools: { call: () => Promise.resolve(null) },
      env: {},
    });
    await expect(agents.get('support').generate('Hi')).rejects.toMatchObject({
      code: 'MODEL_CREDENTIALS_MISSING',
      status: 503,
    });
  });
});
