import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import { APICallError } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { weftError } from '../../../runtime/errors/create-weft-error.js';
import { mockScriptedModel, mockSequenceModel, mockTextModel } from '../../../runtime/testing/mock-models.js';
import { agentDefinition, agentWith, rejectionOf } from './agent-fixture.js';

const order = { orderId: 'A1', total: 12.5, currency: 'EUR', status: 'paid' };
const lastToolText = (options: LanguageModelV3CallOptions): string => JSON.stringify(options.prompt.at(-1));

describe('agent.generate', () => {
  it('answers a prompt without tools in one step, with the rendered instructions as system prompt', async () => {
    const model = mockTextModel('Hello Ada');
    const { agent } = agentWith(agentDefinition({ tools: [], maxSteps: 1 }), model);
    const result = await agent.generate('Hi', { context: { customerName: 'Ada' } });
    expect(result).toEqual({
      text: 'Hello Ada',
      usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 },
      finishReason: 'stop',
    });
    const system = model.doGenerateCalls[0]?.prompt[0];
    expect(system?.role).toBe('system');
    expect(JSON.stringify(system)).toContain('The customer is Ada');
    expect(model.doGenerateCalls[0]?.temperature).toBe(0.2);
  });

  it('runs a tool loop of several steps, sums usage over steps and reports the tool calls', async () => {
    const model = mockSequenceModel([
      { toolCalls: [{ toolName: 'lookup-order', input: { orderId: 'A1' } }] },
      { toolCalls: [{ toolName: 'crm__get-customer', input: { customerId: 'c1' } }] },
      { text: 'Order A1 is paid.' },
    ]);
    const { agent, invoked } = agentWith(agentDefinition(), model, {
      tools: { 'lookup-order': () => order, 'crm.get-customer': () => ({ id: 'c1', name: 'Ada' }) },
    });
    const result = await agent.generate('Where is A1?');
    expect(result.text).toBe('Order A1 is paid.');
    expect(result.usage).toEqual({ promptTokens: 30, completionTokens: 15, totalTokens: 45 });
    expect(invoked.map((call) => call.name)).toEqual(['lookup-order', 'crm.get-customer']);
    expect(result.toolCalls?.map(({ name, output }) => ({ name, output }))).toEqual([
      { name: 'lookup-order', output: order },
      { name: 'crm.get-customer', output: { id: 'c1', name: 'Ada' } },
    ]);
  });

  it('exposes integration actions to the model as <integration>__<action>', async () => {
    const model = mockTextModel('ok');
    const { agent } = agentWith(agentDefinition(), model);
    await agent.generate('Hi');
    const names = (model.doGenerateCalls[0]?.tools ?? []).map((tool) => tool.name).sort();
    expect(names).toEqual(['crm__create-ticket', 'crm__get-customer', 'lookup-order']);
  });

  it('runs parallel tool calls of one step', async () => {
    const model = mockSequenceModel([
      {
        toolCalls: [
          { toolName: 'lookup-order', input: { orderId: 'A1' } },
          { toolName: 'lookup-order', input: { orderId: 'B2' } },
        ],
      },
      { text: 'Both found.' },
    ]);
    const { agent, invoked } = agentWith(agentDefinition(), model, {
      tools: { 'lookup-order': (input) => ({ ...order, orderId: (input as { orderId: string }).orderId }) },
    });
    const result = await agent.generate('A1 and B2?');
    expect(invoked.map((call) => call.input)).toEqual([{ orderId: 'A1' }, { orderId: 'B2' }]);
    expect(result.toolCalls).toHaveLength(2);
    expect(JSON.stringify(model.doGenerateCalls[1]?.prompt)).toContain('B2');
  });

  it('gives a failed tool back to the model as an error result so it can recover', async () => {
    const model = mockScriptedModel((options) =>
      options.prompt.at(-1)?.role === 'tool'
        ? { text: `recovered: ${lastToolText(options).includes('card declined')}` }
        : { toolCalls: [{ toolName: 'lookup-order', input: { orderId: 'A1' } }] },
    );
    const { agent } = agentWith(agentDefinition(), model, {
      tools: {
        'lookup-order': () => Promise.reject(weftError('TOOL_EXECUTOR_FAILED', { message: 'card declined' })),
      },
    });
    const result = await agent.generate('A1?');
    expect(result.text).toBe('recovered: true');
    expect(result.toolCalls?.[0]?.error).toContain('card declined');
  });

  it('stops on a fatal (system) tool error with that error', async () => {
    const model = mockScriptedModel(() => ({
      toolCalls: [{ toolName: 'lookup-order', input: { orderId: 'A1' } }],
    }));
    const { agent } = agentWith(agentDefinition(), model, {
      tools: { 'lookup-order': () => Promise.reject(weftError('STORAGE_UNAVAILABLE')) },
    });
    const error = await rejectionOf(agent.generate('A1?'));
    expect(error.code).toBe('STORAGE_UNAVAILABLE');
    expect(model.doGenerateCalls).toHaveLength(1);
  });

  it.each([
    ['an unknown tool', { toolName: 'delete-everything', input: {} }, 'AGENT_TOOL_UNKNOWN'],
    [
      'arguments that do not match the schema',
      { toolName: 'lookup-order', input: { order: 1 } },
      'AGENT_TOOL_ARGUMENTS_INVALID',
    ],
  ])(
    'fails with a typed error and partial results when the model keeps calling %s',
    async (_name, call, code) => {
      const model = mockScriptedModel(() => ({ toolCalls: [call] }));
      const { agent, invoked } = agentWith(agentDefinition({ maxSteps: 2 }), model, {
        tools: { 'lookup-order': () => order },
      });
      const error = await rejectionOf(agent.generate('A1?'));
      expect(error.code).toBe(code);
      expect(invoked).toEqual([]);
      expect(error.details?.steps).toHaveLength(2);
      expect(error.details?.usage).toEqual({ promptTokens: 20, completionTokens: 10, totalTokens: 30 });
      // The model saw the error of its first call.
      expect(JSON.stringify(model.doGenerateCalls[1]?.prompt)).toContain('tool-result');
    },
  );

  it('fails with AGENT_MAX_STEPS_EXCEEDED when the model still calls tools at maxSteps', async () => {
    const model = mockScriptedModel(() => ({
      toolCalls: [{ toolName: 'lookup-order', input: { orderId: 'A1' } }],
    }));
    const { agent } = agentWith(agentDefinition(), model, { tools: { 'lookup-order': () => order } });
    const error = await rejectionOf(agent.generate('A1?', { maxSteps: 3 }));
    expect(error.code).toBe('AGENT_MAX_STEPS_EXCEEDED');
    expect(error.details).toMatchObject({ maxSteps: 3, agent: 'support', usage: { totalTokens: 45 } });
    expect(model.doGenerateCalls).toHaveLength(3);
  });

  it('times out with AGENT_TIMEOUT instead of hanging', async () => {
    const model = new MockLanguageModelV3({
      doGenerate: (options) =>
        new Promise((_resolve, reject) => {
          options.abortSignal?.addEventListener('abort', () => reject(options.abortSignal?.reason));
        }),
    });
    const { agent } = agentWith(agentDefinition({ tools: [], timeoutMs: 50 }), model);
    const error = await rejectionOf(agent.generate('Hi'));
    expect(error.code).toBe('AGENT_TIMEOUT');
    expect(error.details).toMatchObject({ timeoutMs: 50, agent: 'support' });
  });

  it('turns a provider failure into AGENT_MODEL_FAILED (502) without the provider message', async () => {
    const model = new MockLanguageModelV3({
      doGenerate: () =>
        Promise.reject(
          new APICallError({
            message: 'upstream exploded, key sk-secret',
            url: 'http://x',
            requestBodyValues: {},
            statusCode: 500,
            isRetryable: false,
          }),
        ),
    });
    const { agent } = agentWith(agentDefinition({ tools: [] }), model);
    const error = await rejectionOf(agent.generate('Hi'));
    expect(error).toMatchObject({ code: 'AGENT_MODEL_FAILED', status: 502, details: { statusCode: 500 } });
    expect(JSON.stringify(error)).not.toContain('sk-secret');
  });

  it.each([
    ['an empty prompt', ''],
    ['no user message', { messages: [{ role: 'system' as const, content: 'x' }] }],
  ])('rejects %s with AGENT_REQUEST_INVALID', async (_name, input) => {
    const { agent } = agentWith(agentDefinition(), mockTextModel('x'));
    expect((await rejectionOf(agent.generate(input))).code).toBe('AGENT_REQUEST_INVALID');
  });

  it('takes a conversation of messages; system messages join the instructions', async () => {
    const model = mockTextModel('fine');
    const { agent } = agentWith(agentDefinition({ tools: [] }), model);
    await agent.generate({
      messages: [
        { role: 'system', content: 'Answer in French.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
        { role: 'user', content: 'How are you?' },
      ],
    });
    const prompt = model.doGenerateCalls[0]?.prompt ?? [];
    expect(prompt.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(JSON.stringify(prompt[0])).toContain('Answer in French.');
  });
});
