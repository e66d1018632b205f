import { generateText, stepCountIs, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  mockScriptedModel,
  mockSequenceModel,
  mockTextModel,
  mockToolCallModel,
} from '../../../runtime/testing/mock-models.js';

const add = tool({
  inputSchema: z.object({ a: z.number(), b: z.number() }),
  execute: async ({ a, b }) => ({ sum: a + b }),
});

describe('mock models', () => {
  it('answers text, generating and streaming in several deltas', async () => {
    const model = mockTextModel('Hello there friend');
    expect((await generateText({ model, prompt: 'Hi' })).text).toBe('Hello there friend');
    const deltas: string[] = [];
    for await (const delta of streamText({ model, prompt: 'Hi' }).textStream) deltas.push(delta);
    expect(deltas).toEqual(['Hello ', 'there ', 'friend']);
    expect(model.doGenerateCalls).toHaveLength(1);
  });

  it('answers parallel tool calls', async () => {
    const model = mockToolCallModel([
      { toolName: 'add', input: { a: 1, b: 2 } },
      { toolName: 'add', input: { a: 3, b: 4 } },
    ]);
    const result = await generateText({ model, prompt: 'Add', tools: { add } });
    expect(result.finishReason).toBe('tool-calls');
    expect(result.toolResults.map((toolResult) => toolResult.output)).toEqual([{ sum: 3 }, { sum: 7 }]);
  });

  it('plays a sequence of turns, then refuses a call past the end', async () => {
    const model = mockSequenceModel([
      { toolCalls: [{ toolName: 'add', input: { a: 2, b: 3 } }] },
      { text: 'The sum is 5' },
    ]);
    const result = await generateText({
      model,
      prompt: 'What is 2 + 3?',
      tools: { add },
      stopWhen: stepCountIs(5),
    });
    expect(result.text).toBe('The sum is 5');
    expect(result.steps).toHaveLength(2);
    await expect(generateText({ model, prompt: 'Again' })).rejects.toThrow(/no turn left/);
  });

  it('decides statelessly from the prompt (the W3 model), streaming', async () => {
    const model = mockScriptedModel(({ prompt }) =>
      prompt.at(-1)?.role === 'tool'
        ? { text: 'The sum is 5', usage: { inputTokens: 7, outputTokens: 3 } }
        : { toolCalls: [{ toolName: 'add', input: { a: 2, b: 3 } }] },
    );
    const stream = streamText({ model, prompt: 'What is 2 + 3?', tools: { add }, stopWhen: stepCountIs(5) });
    expect(await stream.text).toBe('The sum is 5');
    expect((await stream.steps).at(-1)?.usage.outputTokens).toBe(3);
    expect(model.doStreamCalls).toHaveLength(2);
  });
});
