import { describe, expect, it } from 'vitest';
import { mockScriptedModel, mockSequenceModel } from '../../../runtime/testing/mock-models.js';
import { agentDefinition, agentWith } from './agent-fixture.js';

const order = { orderId: 'A1', total: 12.5, currency: 'EUR', status: 'paid' };

describe('agent memory binding', () => {
  it('saves user, tool and assistant messages and loads them in the next call on the same thread', async () => {
    const model = mockSequenceModel([
      { toolCalls: [{ toolName: 'lookup-order', input: { orderId: 'A1' } }] },
      { text: 'A1 is paid.' },
      { text: 'You asked about A1.' },
    ]);
    const { agent, memory } = agentWith(agentDefinition(), model, { tools: { 'lookup-order': () => order } });
    await agent.generate('Where is A1?', { threadId: 't-1', resourceId: 'user-1' });
    expect(await memory.getThread('t-1')).toMatchObject({ id: 't-1', resourceId: 'user-1' });
    const saved = await memory.getMessages({ threadId: 't-1' });
    expect(saved.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    expect(saved[0]).toMatchObject({ content: 'Where is A1?', resourceId: 'user-1' });

    const second = await agent.generate('What did I ask?', { threadId: 't-1' });
    expect(second.text).toBe('You asked about A1.');
    const prompt = model.doGenerateCalls[2]?.prompt ?? [];
    expect(prompt.map((message) => message.role)).toEqual([
      'system',
      'user',
      'assistant',
      'tool',
      'assistant',
      'user',
    ]);
    expect(await memory.getMessages({ threadId: 't-1' })).toHaveLength(6);
  });

  it('loads only the last memory.lastMessages messages, never starting on a tool result', async () => {
    const model = mockScriptedModel(() => ({ text: 'ok' }));
    const { agent, memory } = agentWith(agentDefinition({ tools: [], memory: { lastMessages: 2 } }), model);
    for (const prompt of ['one', 'two', 'three']) await agent.generate(prompt, { threadId: 't-2' });
    const prompt = model.doGenerateCalls[2]?.prompt ?? [];
    expect(prompt.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(JSON.stringify(prompt[1])).toContain('two');
    expect(await memory.getMessages({ threadId: 't-2' })).toHaveLength(6);
  });

  it('neither loads nor saves messages without a thread id, or for an agent without memory', async () => {
    const model = mockScriptedModel(() => ({ text: 'ok' }));
    const withMemory = agentWith(agentDefinition({ tools: [] }), model);
    await withMemory.agent.generate('one');
    expect((await withMemory.memory.listThreads({})).items).toEqual([]);
    const { memory: _unused, ...noMemory } = agentDefinition({ tools: [] });
    const without = agentWith(noMemory, model);
    await without.agent.generate('one', { threadId: 't-3' });
    expect(await without.memory.getMessages({ threadId: 't-3' })).toEqual([]);
  });
});
