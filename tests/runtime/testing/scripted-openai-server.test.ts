import { createOpenAI } from '@ai-sdk/openai';
import { APICallError, generateText, Output, stepCountIs, streamText, tool } from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callToolThenAnswer } from '../../../runtime/testing/call-tool-then-answer.js';
import { delayReply } from '../../../runtime/testing/delay-reply.js';
import { replyQueue } from '../../../runtime/testing/reply-queue.js';
import {
  type ScriptedOpenAIServer,
  type ScriptedOpenAIServerOptions,
  startScriptedOpenAIServer,
} from '../../../runtime/testing/scripted-openai-server.js';
import type { Script } from '../../../runtime/testing/scripted-reply.js';

let server: ScriptedOpenAIServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(script: Script, options: Partial<ScriptedOpenAIServerOptions> = {}) {
  server = await startScriptedOpenAIServer({ script, ...options });
  return { server, openai: createOpenAI({ baseURL: server.url, apiKey: 'test-key' }) };
}

const add = tool({
  description: 'Adds two numbers.',
  inputSchema: z.object({ a: z.number(), b: z.number() }),
  execute: async ({ a, b }) => ({ sum: a + b }),
});

const sumAnswer = callToolThenAnswer({
  tool: 'add',
  arguments: { a: 2, b: 3 },
  answer: (result) => `The sum is ${(result as { sum: number }).sum}`,
});

describe('scripted OpenAI server, Responses API (openai(id))', () => {
  it('answers text and records the normalised request', async () => {
    const { server, openai } = await start(() => ({ text: 'Hello there' }));
    const result = await generateText({ model: openai('gpt-4o-mini'), system: 'Be brief.', prompt: 'Hi' });
    expect(result.text).toBe('Hello there');
    expect(result.finishReason).toBe('stop');
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const [request] = server.requests;
    expect(request).toMatchObject({ endpoint: 'responses', model: 'gpt-4o-mini', stream: false });
    expect(request?.messages.map((message) => [message.role, message.text])).toEqual([
      ['system', 'Be brief.'],
      ['user', 'Hi'],
    ]);
    expect(request?.headers.authorization).toBe('Bearer test-key');
  });

  it('runs a two-step tool loop: tool call, then an answer from the tool result', async () => {
    const { server, openai } = await start(sumAnswer);
    const result = await generateText({
      model: openai('gpt-4o-mini'),
      prompt: 'What is 2 + 3?',
      tools: { add },
      stopWhen: stepCountIs(5),
    });
    expect(result.text).toBe('The sum is 5');
    expect(result.steps.map((step) => step.finishReason)).toEqual(['tool-calls', 'stop']);
    expect(result.steps[0]?.toolResults[0]?.output).toEqual({ sum: 5 });
    expect(server.requests[0]?.tools).toEqual([
      expect.objectContaining({
        name: 'add',
        description: 'Adds two numbers.',
        parameters: expect.objectContaining({ type: 'object' }),
      }),
    ]);
    const last = server.requests[1]?.messages.at(-1);
    expect(last).toMatchObject({ role: 'tool', toolName: 'add', result: { sum: 5 } });
    expect(result.totalUsage.totalTokens).toBeGreaterThan(0);
  });

  it('sends several tool calls in one turn (parallel calls)', async () => {
    const { server, openai } = await start(
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
    const result = await generateText({
      model: openai('gpt-4o-mini'),
      prompt: 'Add twice',
      tools: { add },
      stopWhen: stepCountIs(3),
    });
    expect(result.steps[0]?.toolResults.map((toolResult) => toolResult.output)).toEqual([
      { sum: 3 },
      { sum: 7 },
    ]);
    const toolMessages = server.requests[1]?.messages.filter((message) => message.role === 'tool') ?? [];
    expect(toolMessages.map((message) => message.result)).toEqual([{ sum: 3 }, { sum: 7 }]);
    expect(result.text).toBe('Both done');
  });

  it('streams text in several deltas before the finish, and streams a tool loop', async () => {
    const { openai } = await start(sumAnswer);
    const stream = streamText({
      model: openai('gpt-4o-mini'),
      prompt: 'What is 2 + 3?',
      tools: { add },
      stopWhen: stepCountIs(5),
    });
    const kinds: string[] = [];
    for await (const part of stream.fullStream) kinds.push(part.type);
    const deltas = kinds.filter((kind) => kind === 'text-delta').length;
    expect(deltas).toBeGreaterThanOrEqual(3);
    expect(kinds.lastIndexOf('text-delta')).toBeLessThan(kinds.indexOf('finish'));
    expect(kinds).toContain('tool-call');
    expect(await stream.text).toBe('The sum is 5');
    expect((await stream.totalUsage).outputTokens).toBeGreaterThan(0);
  });

  it('delivers a stream event by event when a chunk delay is set', async () => {
    const { openai } = await start(() => ({ text: 'one two three four' }), { streamChunkDelayMs: 30 });
    const stream = streamText({ model: openai('gpt-4o-mini'), prompt: 'Count' });
    const arrivals: number[] = [];
    for await (const _delta of stream.textStream) arrivals.push(Date.now());
    expect(arrivals).toHaveLength(4);
    expect((arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThanOrEqual(60);
  });

  it('returns structured output as the JSON text of the object', async () => {
    const { server, openai } = await start(() => ({ object: { city: 'Paris', population: 2 } }));
    const result = await generateText({
      model: openai('gpt-4o-mini'),
      prompt: 'A city',
      output: Output.object({ schema: z.object({ city: z.string(), population: z.number() }) }),
    });
    expect(result.output).toEqual({ city: 'Paris', population: 2 });
    expect(server.requests[0]?.responseFormat).toMatchObject({
      type: 'json_schema',
      schema: expect.objectContaining({ type: 'object' }),
    });
  });

  it('answers 429 with retry-after, and the client retries to success', async () => {
    const { server, openai } = await start(
      replyQueue([{ status: 429, error: 'Rate limit reached.' }, { text: 'Finally' }]),
    );
    const result = await generateText({ model: openai('gpt-4o-mini'), prompt: 'Hi', maxRetries: 2 });
    expect(result.text).toBe('Finally');
    expect(server.requests).toHaveLength(2);
  });

  it.each([
    [500, 'The model is on fire.'],
    [400, 'Invalid schema for function add.'],
  ])('answers %i with an OpenAI error body', async (status, message) => {
    const { openai } = await start(() => ({ status, error: message }));
    const failure = await generateText({ model: openai('gpt-4o-mini'), prompt: 'Hi', maxRetries: 0 }).catch(
      (e: unknown) => e,
    );
    expect(APICallError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ statusCode: status, message });
  });

  it('delays a reply so that a client timeout fires', async () => {
    const { openai } = await start(() => delayReply(2_000, { text: 'late' }));
    const failure = await generateText({
      model: openai('gpt-4o-mini'),
      prompt: 'Hi',
      maxRetries: 0,
      abortSignal: AbortSignal.timeout(100),
    }).catch((e: unknown) => e);
    // The reply would have succeeded: an error means the client's timeout fired first.
    expect(failure).toBeInstanceOf(Error);
  });

  it('reads back its own earlier answers (item references) as assistant text', async () => {
    const { server, openai } = await start(replyQueue([{ text: 'First answer' }, { text: 'Second answer' }]));
    const first = await generateText({ model: openai('gpt-4o-mini'), prompt: 'One' });
    await generateText({
      model: openai('gpt-4o-mini'),
      messages: [
        { role: 'user', content: 'One' },
        ...first.response.messages,
        { role: 'user', content: 'Two' },
      ],
    });
    expect(server.requests[1]?.messages.map((message) => [message.role, message.text])).toEqual([
      ['user', 'One'],
      ['assistant', 'First answer'],
      ['user', 'Two'],
    ]);
  });

  it('reports finish reason length when asked', async () => {
    const { openai } = await start(() => ({ text: 'cut', finishReason: 'length' }));
    const result = await generateText({ model: openai('gpt-4o-mini'), prompt: 'Hi' });
    expect(result.finishReason).toBe('length');
  });

  it('keeps only the last maxRecordedRequests requests', async () => {
    const { server, openai } = await start((request) => ({ text: `echo ${request.messages.at(-1)?.text}` }), {
      maxRecordedRequests: 2,
    });
    for (const prompt of ['a', 'b', 'c']) await generateText({ model: openai('gpt-4o-mini'), prompt });
    expect(server.requests.map((request) => request.messages.at(-1)?.text)).toEqual(['b', 'c']);
  });

  it('answers a failing script and an unknown route with OpenAI error bodies', async () => {
    const { server, openai } = await start(() => {
      throw new Error('boom');
    });
    const failure = await generateText({ model: openai('gpt-4o-mini'), prompt: 'Hi', maxRetries: 0 }).catch(
      (e: unknown) => e,
    );
    expect(failure).toMatchObject({ statusCode: 500, message: 'The script failed: boom' });
    const response = await fetch(`${server.url}/models`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { type: 'not_found_error' } });
  });
});
