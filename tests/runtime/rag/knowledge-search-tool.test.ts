import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import type { AgentEventName, AgentToolEventBase } from '../../../runtime/agent/agent-events.js';
import { installAgents } from '../../../runtime/agent/install-agents.js';
import { knowledgeSearchTool, searchToolName } from '../../../runtime/rag/knowledge-search-tool.js';
import { mockSequenceModel } from '../../../runtime/testing/mock-models.js';
import { agentDefinition, exampleGraph } from '../agent/agent-fixture.js';
import { knowledgeBase, knowledgeDefinition } from './rag-fixture.js';

const policy = 'Refunds go back to the card that was charged, usually within 5 business days.';

async function filledKnowledge() {
  const { rag } = await knowledgeBase({
    definition: knowledgeDefinition({
      name: 'help-center',
      index: 'help_center',
      chunking: { strategy: 'recursive', size: 200, overlap: 0 },
    }),
  });
  await rag.add([
    { id: 'refunds', text: policy },
    { id: 'shipping', text: 'Parcels ship within two days.' },
    { id: 'long', text: `Long document. ${'word '.repeat(1_000)}` },
  ]);
  return rag;
}

describe('searchToolName', () => {
  it.each([
    ['help-center', 'search_help_center'],
    ['faq', 'search_faq'],
    ['a.b c', 'search_a_b_c'],
  ])('%s -> %s', (name, want) => {
    expect(searchToolName(name)).toBe(want);
  });
});

describe('knowledgeSearchTool', () => {
  it('returns the hits (text, documentId, score) with a closed input schema', async () => {
    const tool = knowledgeSearchTool(await filledKnowledge());
    expect(tool.name).toBe('search_help_center');
    expect(tool.input).toMatchObject({ required: ['query'], additionalProperties: false });
    const output = (await tool.search({ query: 'refunds card', topK: 1 }, new AbortController().signal)) as {
      hits: { text: string; documentId: string; score: number }[];
    };
    expect(output.hits).toHaveLength(1);
    expect(output.hits[0]).toMatchObject({ text: policy, documentId: 'refunds' });
    expect(typeof output.hits[0]?.score).toBe('number');
  });

  it('cuts long texts', async () => {
    const tool = knowledgeSearchTool(await filledKnowledge());
    const { hits } = (await tool.search(
      { query: 'long document word', topK: 1 },
      new AbortController().signal,
    )) as {
      hits: { text: string }[];
    };
    expect(hits[0]?.text.length).toBeLessThanOrEqual(2_001);
  });

  it.each([
    ['no query', {}],
    ['a blank query', { query: ' ' }],
    ['a topK over 20', { query: 'x', topK: 21 }],
  ])('refuses %s with TOOL_INPUT_INVALID', async (_name, input) => {
    const tool = knowledgeSearchTool(await filledKnowledge());
    await expect(tool.search(input, new AbortController().signal)).rejects.toMatchObject({
      code: 'TOOL_INPUT_INVALID',
    });
  });
});

describe('an agent that lists a knowledge base', () => {
  it('gets search_<name>, calls it with tool events, and sends the hits back to the model', async () => {
    const rag = await filledKnowledge();
    const prompts: LanguageModelV3CallOptions[] = [];
    const model = mockSequenceModel([
      { toolCalls: [{ toolName: 'search_help_center', input: { query: 'refund timelines' } }] },
      { text: 'Refunds take about 5 business days.' },
    ]);
    const generate = model.doGenerate.bind(model);
    model.doGenerate = async (options) => {
      prompts.push(options);
      return generate(options);
    };
    const events: { name: AgentEventName; event: AgentToolEventBase }[] = [];
    const agents = installAgents({
      graph: {
        ...exampleGraph,
        agents: { kb: agentDefinition({ name: 'kb', tools: [], knowledge: ['help-center'] }) },
      },
      tools: { call: () => Promise.reject(new Error('no graph tools')) },
      resolveModel: () => model,
      events: {
        has: () => true,
        emit: (name: AgentEventName, event: AgentToolEventBase) => events.push({ name, event }),
      },
      knowledgeTool: () => knowledgeSearchTool(rag),
    });
    const result = await agents.get('kb').generate('How long do refunds take?');
    expect(result.text).toBe('Refunds take about 5 business days.');
    expect(prompts[0]?.tools?.map((tool) => tool.name)).toEqual(['search_help_center']);
    expect(JSON.stringify(prompts[1]?.prompt)).toContain('usually within 5 business days');
    expect(events.map(({ name, event }) => `${name} ${event.tool}`)).toEqual([
      'tool:start search_help_center',
      'tool:complete search_help_center',
    ]);
    expect(result.toolCalls?.[0]).toMatchObject({
      name: 'search_help_center',
      input: { query: 'refund timelines' },
    });
  });

  it('gets no search tool when no knowledge tool is injected', async () => {
    const prompts: LanguageModelV3CallOptions[] = [];
    const model = mockSequenceModel([{ text: 'Hi' }]);
    const generate = model.doGenerate.bind(model);
    model.doGenerate = async (options) => {
      prompts.push(options);
      return generate(options);
    };
    const agents = installAgents({
      graph: {
        ...exampleGraph,
        agents: { kb: agentDefinition({ name: 'kb', tools: [], knowledge: ['help-center'] }) },
      },
      tools: { call: () => Promise.reject(new Error('no graph tools')) },
      resolveModel: () => model,
    });
    await agents.get('kb').generate('Hi');
    expect(prompts[0]?.tools ?? []).toEqual([]);
  });
});
