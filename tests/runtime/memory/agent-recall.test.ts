import { describe, expect, it } from 'vitest';
import { installAgents } from '../../../runtime/agent/install-agents.js';
import { recallHeading } from '../../../runtime/agent/load-memory.js';
import { LocalHashEmbedder } from '../../../runtime/embedders/local-hash-embedder.js';
import { Memory } from '../../../runtime/memory/memory.js';
import type { EmbedderV1 } from '../../../runtime/spec/v1/embedder.js';
import type { CompiledGraphV1 } from '../../../runtime/spec/v1/graph.js';
import { MemoryStorage } from '../../../runtime/storage/memory-storage.js';
import { mockScriptedModel } from '../../../runtime/testing/mock-models.js';
import { agentDefinition, exampleGraph } from '../agent/agent-fixture.js';

/**
 * An embedder that, while `state.down`, fails calls of several texts (what saving a turn embeds)
 * but still embeds one text (the recall query), or fails every call with `state.queryDown`.
 */
function switchableEmbedder(state: { down: boolean; queryDown?: boolean }): EmbedderV1 {
  const local = new LocalHashEmbedder(384);
  return {
    specificationVersion: 'v1',
    name: local.name,
    dimension: local.dimension,
    embed: async (texts, options) => {
      if ((state.down && texts.length > 1) || state.queryDown)
        throw new Error('embedding service unavailable');
      return local.embed(texts, options);
    },
  };
}

function recallAgent(state: { down: boolean; queryDown?: boolean }) {
  const storage = new MemoryStorage();
  const memory = new Memory({ storage, embedder: switchableEmbedder(state) });
  const model = mockScriptedModel(() => ({ text: 'Noted.' }));
  const { output: _structured, ...support } = agentDefinition({
    name: 'recaller',
    tools: [],
    knowledge: [],
    memory: { lastMessages: 2, semanticRecall: { topK: 2, scope: 'thread' } },
  });
  const definition = support;
  const graph: CompiledGraphV1 = { ...exampleGraph, agents: { recaller: definition } };
  const agents = installAgents({
    graph,
    tools: { call: async () => undefined },
    resolveModel: () => model,
    memory,
  });
  return { agent: agents.get('recaller'), memory, model };
}

describe('semantic recall in the agent loop', () => {
  it('adds older relevant messages to the system prompt, outside the lastMessages window', async () => {
    const { agent, model } = recallAgent({ down: false });
    const binding = { threadId: 't-1' };
    await agent.generate('My favourite colour is teal.', binding);
    await agent.generate('Where is my order A1?', binding);
    await agent.generate('What is my favourite colour?', binding);
    const system = model.doGenerateCalls[2]?.prompt[0];
    expect(system?.role).toBe('system');
    const text = system?.role === 'system' ? system.content : '';
    expect(text).toContain(recallHeading);
    expect(text).toMatch(/- user \([^)]+\): My favourite colour is teal\./);
    expect(text).not.toContain('Where is my order A1?');
  });

  it('keeps answering and storing when the embedder is down at save time; recall catches up later', async () => {
    const state = { down: true };
    const { agent, memory, model } = recallAgent(state);
    const result = await agent.generate('My favourite colour is teal.', { threadId: 't-1' });
    expect(result.text).toBe('Noted.');
    expect(await memory.getMessages({ threadId: 't-1' })).toHaveLength(2);

    state.down = false;
    await agent.generate('Where is my order A1?', { threadId: 't-1' });
    await agent.generate('What is my favourite colour?', { threadId: 't-1' });
    const system = model.doGenerateCalls[2]?.prompt[0];
    expect(system?.role === 'system' ? system.content : '').toContain('My favourite colour is teal.');
  });

  it('fails the call with the embedder error when recall itself cannot run', async () => {
    const state = { down: false, queryDown: false };
    const { agent } = recallAgent(state);
    await agent.generate('My favourite colour is teal.', { threadId: 't-1' });
    state.queryDown = true;
    await expect(agent.generate('What is my favourite colour?', { threadId: 't-1' })).rejects.toThrow(
      'embedding service unavailable',
    );
  });
});
