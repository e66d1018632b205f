import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import type { StreamChunk } from '../../../runtime/agent/agent-types.js';
import { mockScriptedModel, mockSequenceModel } from '../../../runtime/testing/mock-models.js';
import { agentDefinition, agentWith } from './agent-fixture.js';

const order = { orderId: 'A1', total: 12.5, currency: 'EUR', status: 'paid' };

async function collect(stream: ReadableStream<StreamChunk>): Promise<StreamChunk[]> {
  const chunks: StreamChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe('agent.stream', () => {
  it('streams text in pieces and tool calls with their results, then saves the thread', async () => {
    const model = mockSequenceModel([
      { toolCalls: [{ toolName: 'lookup-order', input: { orderId: 'A1' } }] },
      { text: 'Order A1 is paid and on its way.' },
    ]);
    const { agent, memory } = agentWith(agentDefinition(), model, { tools: { 'lookup-order': () => order } });
    const chunks = await collect(await agent.stream('Where is A1?', { threadId: 't-s' }));
    const tools = chunks.filter((chunk) => chunk.type === 'tool');
    expect(tools.map((chunk) => [chunk.content, chunk.metadata?.phase])).toEqual([
      ['lookup-order', 'call'],
      ['lookup-order', 'result'],
    ]);
    expect(tools[1]?.metadata?.output).toEqual(order);
    const texts = chunks.filter((chunk) => chunk.type === 'text');
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.map((chunk) => chunk.content).join('')).toBe('Order A1 is paid and on its way.');
    expect(chunks.some((chunk) => chunk.type === 'error')).toBe(false);
    expect(await memory.getMessages({ threadId: 't-s' })).toHaveLength(4);
  });

  it('ends with one error chunk (never a thrown stream) when maxSteps is exceeded', async () => {
    const model = mockScriptedModel(() => ({
      toolCalls: [{ toolName: 'lookup-order', input: { orderId: 'A1' } }],
    }));
    const { agent } = agentWith(agentDefinition({ maxSteps: 2 }), model, {
      tools: { 'lookup-order': () => order },
    });
    const chunks = await collect(await agent.stream('A1?'));
    expect(chunks.at(-1)).toMatchObject({ type: 'error', metadata: { code: 'AGENT_MAX_STEPS_EXCEEDED' } });
  });

  it('ends with an AGENT_MODEL_FAILED error chunk when the provider fails', async () => {
    const model = new MockLanguageModelV3({ doStream: () => Promise.reject(new Error('connection reset')) });
    const { agent } = agentWith(agentDefinition({ tools: [] }), model);
    const chunks = await collect(await agent.stream('Hi'));
    expect(chunks).toEqual([
      expect.objectContaining({ type: 'error', metadata: { code: 'AGENT_MODEL_FAILED', status: 502 } }),
    ]);
  });

  it('rejects before streaming when the context is invalid', async () => {
    const { agent } = agentWith(
      agentDefinition(),
      mockScriptedModel(() => ({ text: 'x' })),
    );
    await expect(agent.stream('Hi', { context: { customerName: 1 } })).rejects.toMatchObject({
      code: 'AGENT_CONTEXT_INVALID',
    });
  });

  it('aborts the model call when the reader cancels', async () => {
    let aborted = false;
    const model = new MockLanguageModelV3({
      doStream: async (options) => {
        options.abortSignal?.addEventListener('abort', () => {
          aborted = true;
        });
        return {
          stream: new ReadableStream({
            start: (controller) => controller.enqueue({ type: 'stream-start', warnings: [] }),
          }),
        };
      },
    });
    const { agent } = agentWith(agentDefinition({ tools: [] }), model);
    const stream = await agent.stream('Hi');
    const reader = stream.getReader();
    setTimeout(() => void reader.cancel('bye'), 20);
    await reader.read().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(aborted).toBe(true);
  });
});
