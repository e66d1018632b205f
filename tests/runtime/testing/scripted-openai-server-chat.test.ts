import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { cosineSimilarity, embed, embedMany, generateText, Output, stepCountIs, streamText, tool } from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callToolThenAnswer } from '../../../runtime/testing/call-tool-then-answer.js';
import { replyQueue } from '../../../runtime/testing/reply-queue.js';
import {
  type ScriptedOpenAIServer,
  startScriptedOpenAIServer,
} from '../../../runtime/testing/scripted-openai-server.js';
import type { Script } from '../../../runtime/testing/scripted-reply.js';

let server: ScriptedOpenAIServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(script: Script): Promise<ScriptedOpenAIServer> {
  server = await startScriptedOpenAIServer({ script });
  return server;
}

const add = tool({
  inputSchema: z.object({ a: z.number(), b: z.number() }),
  execute: async ({ a, b }) => ({ sum: a + b }),
});

const sumAnswer = callToolThenAnswer({
  tool: 'add',
  arguments: (question: string) => {
    const [a = 0, b = 0] = (question.match(/\d+/g) ?? []).map(Number);
    return { a, b };
  },
  answer: (result) => `The sum is ${(result as { sum: number }).sum}`,
});

const clients = {
  'openai.chat(id)': (url: string) => createOpenAI({ baseURL: url, apiKey: 'test' }).chat('gpt-4o-mini'),
  createOpenAICompatible: (url: string) =>
    createOpenAICompatible({ name: 'local', baseURL: url, apiKey: 'test', supportsStructuredOutputs: true })(
      'llama-3',
    ),
};

describe.each(Object.entries(clients))(
  'scripted OpenAI server, Chat Completions through %s',
  (_name, modelAt) => {
    it('answers text', async () => {
      const server = await start(() => ({ text: 'Hello there' }));
      const result = await generateText({ model: modelAt(server.url), prompt: 'Hi' });
      expect(result.text).toBe('Hello there');
      expect(result.usage.inputTokens).toBeGreaterThan(0);
      expect(server.requests[0]).toMatchObject({ endpoint: 'chat.completions', stream: false });
    });

    it('runs a two-step tool loop, generating and streaming', async () => {
      const server = await start(sumAnswer);
      const generated = await generateText({
        model: modelAt(server.url),
        prompt: 'What is 2 + 3?',
        tools: { add },
        stopWhen: stepCountIs(5),
      });
      expect(generated.text).toBe('The sum is 5');
      expect(generated.steps).toHaveLength(2);
      const streamed = streamText({
        model: modelAt(server.url),
        prompt: 'What is 4 + 5?',
        tools: { add },
        stopWhen: stepCountIs(5),
      });
      const deltas: string[] = [];
      for await (const delta of streamed.textStream) deltas.push(delta);
      expect(deltas.join('')).toBe('The sum is 9');
      expect(deltas.length).toBeGreaterThan(1);
      expect(server.requests.at(-1)?.messages.at(-1)).toMatchObject({
        role: 'tool',
        toolName: 'add',
        result: { sum: 9 },
      });
    });

    it('sends parallel tool calls, streamed', async () => {
      const server = await start(
        replyQueue([
          {
            toolCalls: [
              { name: 'add', arguments: { a: 1, b: 2 } },
              { name: 'add', arguments: { a: 3, b: 4 } },
            ],
          },
          { text: 'Both done' },
        ]),
      );
      const streamed = streamText({
        model: modelAt(server.url),
        prompt: 'Add twice',
        tools: { add },
        stopWhen: stepCountIs(3),
      });
      const steps = await streamed.steps;
      expect(steps[0]?.toolResults.map((toolResult) => toolResult.output)).toEqual([{ sum: 3 }, { sum: 7 }]);
      expect(await streamed.text).toBe('Both done');
    });

    it('returns structured output and records the response format', async () => {
      const server = await start(() => ({ object: { city: 'Paris' } }));
      const result = await generateText({
        model: modelAt(server.url),
        prompt: 'A city',
        output: Output.object({ schema: z.object({ city: z.string() }) }),
      });
      expect(result.output).toEqual({ city: 'Paris' });
      expect(server.requests[0]?.responseFormat?.type).toBe('json_schema');
    });

    it('retries a 429 to success and reports a 500', async () => {
      const server = await start(
        replyQueue([{ status: 429, error: 'Slow down.' }, { text: 'ok' }, { status: 500, error: 'Down.' }]),
      );
      expect((await generateText({ model: modelAt(server.url), prompt: 'Hi' })).text).toBe('ok');
      const failure = await generateText({ model: modelAt(server.url), prompt: 'Hi', maxRetries: 0 }).catch(
        (e: unknown) => e,
      );
      expect(failure).toMatchObject({ statusCode: 500 });
    });
  },
);

describe('scripted OpenAI server, embeddings', () => {
  it('gives deterministic unit vectors of the requested size, closer for texts that share words', async () => {
    const server = await start(() => ({ text: 'unused' }));
    const model = createOpenAI({ baseURL: server.url, apiKey: 'test' }).embedding('text-embedding-3-small');
    const options = { providerOptions: { openai: { dimensions: 64 } } };
    const { embeddings } = await embedMany({
      model,
      values: ['refund order A1', 'refund order A2', 'weather in Paris'],
      ...options,
    });
    const again = await embed({ model, value: 'refund order A1', ...options });
    expect(embeddings.map((vector) => vector.length)).toEqual([64, 64, 64]);
    expect(again.embedding).toEqual(embeddings[0]);
    const [a = [], b = [], c = []] = embeddings;
    expect(cosineSimilarity(a, a)).toBeCloseTo(1, 6);
    expect(cosineSimilarity(a, b)).toBeGreaterThan(cosineSimilarity(a, c));
    expect(server.embeddingRequests[0]).toMatchObject({ model: 'text-embedding-3-small', dimensions: 64 });
  });
});
