import type { Script } from './scripted-reply.js';

/** Options of {@link callToolThenAnswer}. */
export interface CallToolThenAnswerOptions {
  /** The tool to call. */
  readonly tool: string;
  /** Its arguments, fixed or taken from the request's last user message. */
  readonly arguments: unknown | ((lastUserText: string) => unknown);
  /** The final answer built from the tool result (parsed as JSON when it is JSON). */
  readonly answer: (result: unknown) => string;
}

/**
 * A stateless script (the bench's W3 model): when the last prompt message is not a tool result it
 * calls `tool`; when it is one, it answers with `answer(result)`. One agent call is therefore
 * model call -> tool execution -> model call -> final text.
 *
 * @example
 * const script = callToolThenAnswer({
 *   tool: 'add',
 *   arguments: { a: 2, b: 3 },
 *   answer: (result) => `The sum is ${(result as { sum: number }).sum}`,
 * });
 */
export function callToolThenAnswer(options: CallToolThenAnswerOptions): Script {
  return (request) => {
    const last = request.messages.at(-1);
    if (last?.role === 'tool') return { text: options.answer(last.result) };
    const lastUser = request.messages.findLast((message) => message.role === 'user')?.text ?? '';
    const args = typeof options.arguments === 'function' ? options.arguments(lastUser) : options.arguments;
    return { toolCalls: [{ name: options.tool, arguments: args }] };
  };
}
