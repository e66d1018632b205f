import type {
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import { convertArrayToReadableStream, MockLanguageModelV3 } from 'ai/test';
import { splitIntoChunks } from './to-scripted-completion.js';

/**
 * One answer of a mock model: text, or tool calls (several = parallel calls in one turn).
 *
 * @example
 * const turn: MockTurn = { toolCalls: [{ toolName: 'add', input: { a: 2, b: 3 } }] };
 */
export type MockTurn =
  | {
      readonly text: string;
      readonly usage?: { readonly inputTokens: number; readonly outputTokens: number };
    }
  | {
      readonly toolCalls: readonly {
        readonly toolName: string;
        readonly input: unknown;
        readonly toolCallId?: string;
      }[];
      readonly usage?: { readonly inputTokens: number; readonly outputTokens: number };
    };

function usageOf(turn: MockTurn): LanguageModelV3Usage {
  const { inputTokens, outputTokens } = turn.usage ?? { inputTokens: 10, outputTokens: 5 };
  return {
    inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: outputTokens, text: outputTokens, reasoning: 0 },
  };
}

function contentOf(turn: MockTurn, callNumber: number): LanguageModelV3Content[] {
  if ('text' in turn) return [{ type: 'text', text: turn.text }];
  return turn.toolCalls.map((call, index) => ({
    type: 'tool-call',
    toolCallId: call.toolCallId ?? `call-${callNumber}-${index}`,
    toolName: call.toolName,
    input: JSON.stringify(call.input ?? {}),
  }));
}

/**
 * The `doGenerate` result of a turn (finish reason `stop` for text, `tool-calls` for calls).
 *
 * @example
 * mockGenerateResult({ text: 'Hi' }).content; // [{ type: 'text', text: 'Hi' }]
 */
export function mockGenerateResult(turn: MockTurn, callNumber = 0): LanguageModelV3GenerateResult {
  const toolCalls = 'toolCalls' in turn;
  return {
    content: contentOf(turn, callNumber),
    finishReason: { unified: toolCalls ? 'tool-calls' : 'stop', raw: toolCalls ? 'tool_calls' : 'stop' },
    usage: usageOf(turn),
    warnings: [],
  };
}

/**
 * The `doStream` parts of a turn: text in word-sized deltas, or whole tool calls, then `finish`.
 *
 * @example
 * mockStreamParts({ text: 'Hello world' }).filter((part) => part.type === 'text-delta').length; // 2
 */
export function mockStreamParts(turn: MockTurn, callNumber = 0): LanguageModelV3StreamPart[] {
  const { content, finishReason, usage } = mockGenerateResult(turn, callNumber);
  const parts: LanguageModelV3StreamPart[] = [{ type: 'stream-start', warnings: [] }];
  for (const part of content) {
    if (part.type === 'text') {
      const id = `text-${callNumber}`;
      parts.push({ type: 'text-start', id });
      for (const delta of splitIntoChunks(part.text)) parts.push({ type: 'text-delta', id, delta });
      parts.push({ type: 'text-end', id });
    } else if (part.type === 'tool-call') {
      parts.push(part);
    }
  }
  parts.push({ type: 'finish', finishReason, usage });
  return parts;
}

/**
 * A mock model whose answer to each call (generate or stream) is decided by `decide` from the
 * call options; the model records its calls in `doGenerateCalls` / `doStreamCalls`.
 *
 * @example
 * const model = mockScriptedModel(({ prompt }) =>
 *   prompt.at(-1)?.role === 'tool' ? { text: 'The sum is 5' } : { toolCalls: [{ toolName: 'add', input: { a: 2, b: 3 } }] },
 * );
 */
export function mockScriptedModel(
  decide: (options: LanguageModelV3CallOptions) => MockTurn,
  modelId = 'mock-model',
): MockLanguageModelV3 {
  let calls = 0;
  return new MockLanguageModelV3({
    provider: 'mock',
    modelId,
    doGenerate: async (options) => {
      calls += 1;
      return mockGenerateResult(decide(options), calls);
    },
    doStream: async (options) => {
      calls += 1;
      return { stream: convertArrayToReadableStream(mockStreamParts(decide(options), calls)) };
    },
  });
}

/**
 * A mock model that answers every call with `text`.
 *
 * @example
 * const { text } = await generateText({ model: mockTextModel('Hello'), prompt: 'Hi' }); // 'Hello'
 */
export function mockTextModel(text: string, modelId = 'mock-model'): MockLanguageModelV3 {
  return mockScriptedModel(() => ({ text }), modelId);
}

/**
 * A mock model that answers every call with the given tool calls (several = parallel calls).
 *
 * @example
 * const model = mockToolCallModel([{ toolName: 'add', input: { a: 2, b: 3 } }]);
 */
export function mockToolCallModel(
  toolCalls: readonly { readonly toolName: string; readonly input: unknown }[],
  modelId = 'mock-model',
): MockLanguageModelV3 {
  return mockScriptedModel(() => ({ toolCalls }), modelId);
}

/**
 * A mock model that answers its calls with `turns` in order; a call after the last turn throws.
 *
 * @example
 * const model = mockSequenceModel([{ toolCalls: [{ toolName: 'add', input: { a: 2, b: 3 } }] }, { text: 'The sum is 5' }]);
 */
export function mockSequenceModel(turns: readonly MockTurn[], modelId = 'mock-model'): MockLanguageModelV3 {
  const pending = [...turns];
  return mockScriptedModel(() => {
    const turn = pending.shift();
    if (turn === undefined)
      throw new Error(`The mock model "${modelId}" has no turn left (it had ${turns.length}).`);
    return turn;
  }, modelId);
}
