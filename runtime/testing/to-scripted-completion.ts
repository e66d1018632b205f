import type {
  ScriptedCompletion,
  ScriptedContentReply,
  ScriptedRequest,
  ScriptedToolCall,
} from './scripted-reply.js';

/**
 * Turns a content reply into text, tool calls (with ids), a finish reason and usage. Usage
 * defaults to about one token per four characters of the prompt and of the answer.
 *
 * @example
 * toScriptedCompletion({ text: 'Hi' }, request, () => 'call_1'); // { text: 'Hi', toolCalls: [], finishReason: 'stop', ... }
 */
export function toScriptedCompletion(
  reply: ScriptedContentReply,
  request: ScriptedRequest,
  nextId: () => string,
): ScriptedCompletion {
  let text = '';
  let toolCalls: ScriptedToolCall[] = [];
  let finishReason: ScriptedCompletion['finishReason'] = 'stop';
  if ('toolCalls' in reply) {
    text = reply.text ?? '';
    toolCalls = reply.toolCalls.map((call) => ({
      id: call.id ?? `call_${nextId()}`,
      name: call.name,
      arguments: call.arguments,
    }));
    finishReason = 'tool-calls';
  } else if ('object' in reply) {
    text = JSON.stringify(reply.object);
  } else {
    text = reply.text;
    finishReason = reply.finishReason ?? 'stop';
  }
  const outputChars = text.length + toolCalls.reduce((sum, call) => sum + argumentsText(call).length, 0);
  const inputChars = request.messages.reduce((sum, message) => sum + message.text.length, 0);
  const usage = reply.usage ?? {
    inputTokens: Math.max(1, Math.ceil(inputChars / 4)),
    outputTokens: Math.max(1, Math.ceil(outputChars / 4)),
  };
  return { text, toolCalls, finishReason, usage };
}

/** The JSON text of a tool call's arguments (a string is sent as it is). */
export function argumentsText(call: ScriptedToolCall): string {
  return typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {});
}

/**
 * Splits text into word-sized pieces (each keeps its trailing space) so that a stream has several
 * deltas; JSON arguments are split in two halves (never a parsable prefix of an object).
 *
 * @example
 * splitIntoChunks('The sum is 5'); // ['The ', 'sum ', 'is ', '5']
 */
export function splitIntoChunks(text: string): string[] {
  if (text.length === 0) return [];
  if (text.startsWith('{') && text.length > 1) {
    const middle = Math.ceil(text.length / 2);
    return [text.slice(0, middle), text.slice(middle)];
  }
  return text.match(/\s*\S+\s*/g) ?? [text];
}
