import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { mockScriptedModel } from '../../../runtime/testing/mock-models.js';
import { agentDefinition, agentWith, rejectionOf } from './agent-fixture.js';

const afterTool = (options: LanguageModelV3CallOptions) => options.prompt.at(-1)?.role === 'tool';

describe('agents and workflows as tools', () => {
  it('calls another agent as a tool with a prompt and gets its text; emits tool events', async () => {
    const helper = agentDefinition({ name: 'helper', tools: [], instructions: 'You are the helper.' });
    const model = mockScriptedModel((options) => {
      if (JSON.stringify(options.prompt[0]).includes('You are the helper.'))
        return { text: 'helper says hi' };
      return afterTool(options)
        ? { text: `lead got: ${JSON.stringify(options.prompt.at(-1)).includes('helper says hi')}` }
        : { toolCalls: [{ toolName: 'helper', input: { prompt: 'say hi' } }] };
    });
    const { agent, events } = agentWith(
      agentDefinition({ name: 'lead', tools: [], agents: ['helper'] }),
      model,
      { extraAgents: [helper] },
    );
    const result = await agent.generate('go');
    expect(result.text).toBe('lead got: true');
    expect(events.map(({ name, event }) => [name, event.tool, event.agent])).toEqual([
      ['tool:start', 'helper', 'lead'],
      ['tool:complete', 'helper', 'lead'],
    ]);
    expect(events[1]?.event.output).toEqual({ text: 'helper says hi' });
  });

  it('stops agents calling agents at the depth limit with AGENT_DEPTH_EXCEEDED', async () => {
    const model = mockScriptedModel(() => ({
      toolCalls: [{ toolName: 'loop', input: { prompt: 'again' } }],
    }));
    const { agent, events } = agentWith(
      agentDefinition({ name: 'loop', tools: [], agents: ['loop'] }),
      model,
      { maxDepth: 3 },
    );
    const error = await rejectionOf(agent.generate('go'));
    expect(error).toMatchObject({ code: 'AGENT_DEPTH_EXCEEDED', details: { maxDepth: 3 } });
    expect(model.doGenerateCalls).toHaveLength(4);
    expect(events.filter(({ name }) => name === 'tool:error').at(0)?.event).toMatchObject({ fatal: true });
  });

  it('runs a workflow as a tool and gives its output to the model', async () => {
    const runs: unknown[] = [];
    const model = mockScriptedModel((options) =>
      afterTool(options)
        ? { text: 'done' }
        : { toolCalls: [{ toolName: 'order-approval', input: { orderId: 'A1', amount: 5 } }] },
    );
    const { agent } = agentWith(agentDefinition({ tools: [], workflows: ['order-approval'] }), model, {
      runWorkflow: async (name, input) => {
        runs.push({ name, input });
        return { orderId: 'A1', status: 'charged' };
      },
    });
    const result = await agent.generate('approve A1');
    expect(runs).toEqual([{ name: 'order-approval', input: { orderId: 'A1', amount: 5 } }]);
    expect(result.toolCalls?.[0]).toMatchObject({
      name: 'order-approval',
      output: { orderId: 'A1', status: 'charged' },
    });
  });
});

describe('installAgents', () => {
  it('finds agents by name and suggests the closest for a typo', async () => {
    const { agents } = agentWith(
      agentDefinition(),
      mockScriptedModel(() => ({ text: 'x' })),
    );
    expect(agents.get('researcher').name).toBe('researcher');
    expect(agents.names()).toEqual(['researcher', 'support']);
    expect(() => agents.get('suport')).toThrow(
      expect.objectContaining({
        code: 'AGENT_NOT_FOUND',
        message: expect.stringContaining('Did you mean "support"?'),
      }),
    );
  });

  it('runs a workflow agent step: the structured output when the agent has an output schema, else { text }', async () => {
    const model = mockScriptedModel((options) =>
      options.responseFormat?.type === 'json'
        ? { text: '{"answer":"hi","category":"other"}' }
        : { text: 'plain' },
    );
    const { agents } = agentWith(agentDefinition({ tools: [] }), model);
    const request = { prompt: 'Hi', signal: new AbortController().signal, idempotencyKey: 'r1:s:1' };
    expect(await agents.executor.generate('support', request)).toEqual({ answer: 'hi', category: 'other' });
    expect(await agents.executor.generate('researcher', { ...request, context: { depth: 'brief' } })).toEqual(
      { text: 'plain' },
    );
  });
});
