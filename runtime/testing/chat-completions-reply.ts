import type { ServerSentEvent } from './responses-api-reply.js';
import type { ScriptedCompletion } from './scripted-reply.js';
import { argumentsText, splitIntoChunks } from './to-scripted-completion.js';

/** The id and clock values of one Chat Completions answer. */
export interface ChatReplyContext {
  readonly id: string;
  readonly model: string;
  /** Seconds since the epoch. */
  readonly created: number;
}

type Json = Record<string, unknown>;

const finishReasons = { stop: 'stop', length: 'length', 'tool-calls': 'tool_calls' } as const;

function usageOf(completion: ScriptedCompletion): Json {
  const { inputTokens, outputTokens } = completion.usage;
  return {
    prompt_tokens: inputTokens,
    completion_tokens: outputTokens,
    total_tokens: inputTokens + outputTokens,
  };
}

/**
 * The JSON body of a non-streaming `POST /v1/chat/completions` answer.
 *
 * @example
 * chatJson(completion, { id: 'chatcmpl-1', model: 'gpt-4o-mini', created: 0 }).choices[0].message.content;
 */
export function chatJson(completion: ScriptedCompletion, context: ChatReplyContext): Json {
  const message: Json = { role: 'assistant', content: completion.text.length > 0 ? completion.text : null };
  if (completion.toolCalls.length > 0) {
    message.tool_calls = completion.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: argumentsText(call) },
    }));
  }
  return {
    id: context.id,
    object: 'chat.completion',
    created: context.created,
    model: context.model,
    choices: [{ index: 0, message, finish_reason: finishReasons[completion.finishReason], logprobs: null }],
    usage: usageOf(completion),
  };
}

/**
 * The chunks of a streaming `POST /v1/chat/completions` answer (the caller sends `data: [DONE]`
 * after them): a role chunk, text deltas, tool-call deltas (id and name first, then argument
 * pieces), and a last chunk with the finish reason and usage.
 *
 * @example
 * chatChunks(completion, context).at(-1); // { data: { choices: [{ finish_reason: 'stop', ... }], usage } }
 */
export function chatChunks(completion: ScriptedCompletion, context: ChatReplyContext): ServerSentEvent[] {
  const chunk = (delta: Json, finishReason: string | null = null, usage?: Json): ServerSentEvent => ({
    data: {
      id: context.id,
      object: 'chat.completion.chunk',
      created: context.created,
      model: context.model,
      choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
      ...(usage === undefined ? {} : { usage }),
    },
  });
  const chunks = [chunk({ role: 'assistant', content: '' })];
  for (const piece of splitIntoChunks(completion.text)) chunks.push(chunk({ content: piece }));
  completion.toolCalls.forEach((call, index) => {
    chunks.push(
      chunk({
        tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
      }),
    );
    for (const piece of splitIntoChunks(argumentsText(call))) {
      chunks.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
  });
  chunks.push(chunk({}, finishReasons[completion.finishReason], usageOf(completion)));
  return chunks;
}
