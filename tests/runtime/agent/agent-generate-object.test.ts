import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { mockScriptedModel, mockSequenceModel } from '../../../runtime/testing/mock-models.js';
import { agentDefinition, agentWith, rejectionOf } from './agent-fixture.js';

const valid = { answer: 'A1 is paid.', category: 'order', orderId: 'A1' };
const json = (value: unknown) => ({ text: JSON.stringify(value) });

describe('agent.generateObject', () => {
  it('returns the object validated against the agent output schema, asking for JSON output', async () => {
    const model = mockSequenceModel([json(valid)]);
    const { agent } = agentWith(agentDefinition({ tools: [] }), model);
    expect(await agent.generateObject('A1?')).toEqual(valid);
    const format = model.doGenerateCalls[0]?.responseFormat;
    expect(format).toMatchObject({ type: 'json', schema: { required: ['answer', 'category'] } });
  });

  it('retries once, telling the model why, when the first output is invalid', async () => {
    const model = mockSequenceModel([json({ answer: 'x', category: 'shoes' }), json(valid)]);
    const { agent } = agentWith(agentDefinition({ tools: [] }), model);
    const { object, usage } = await agent.generateObjectResult('A1?');
    expect(object).toEqual(valid);
    expect(usage.totalTokens).toBe(30);
    const retry = model.doGenerateCalls[1] as LanguageModelV3CallOptions;
    expect(JSON.stringify(retry.prompt.at(-1))).toContain('/category');
  });

  it('fails with AGENT_OUTPUT_INVALID when the output is invalid twice', async () => {
    const model = mockScriptedModel(() => ({ text: 'not json' }));
    const { agent } = agentWith(agentDefinition({ tools: [] }), model);
    const error = await rejectionOf(agent.generateObject('A1?'));
    expect(error).toMatchObject({
      code: 'AGENT_OUTPUT_INVALID',
      details: { agent: 'support', usage: { totalTokens: 30 } },
    });
    expect(model.doGenerateCalls).toHaveLength(2);
  });

  it('takes a schema argument instead of the output schema', async () => {
    const schema = {
      type: 'object',
      required: ['n'],
      properties: { n: { type: 'integer' } },
      additionalProperties: false,
    };
    const { agent } = agentWith(agentDefinition({ tools: [] }), mockSequenceModel([json({ n: 3 })]));
    expect(await agent.generateObject<{ n: number }>('count', schema)).toEqual({ n: 3 });
  });

  it('refuses an agent without an output schema and no schema argument', async () => {
    const { output: _unused, ...plain } = agentDefinition({ tools: [] });
    const { agent } = agentWith(plain, mockSequenceModel([json(valid)]));
    expect((await rejectionOf(agent.generateObject('A1?'))).code).toBe('AGENT_OUTPUT_SCHEMA_MISSING');
  });
});
