import type { Script, ScriptedReply } from './scripted-reply.js';

/**
 * A script that answers with the given replies in order, one per request; once they are used up
 * every further request gets a 500 error naming the queue as empty.
 *
 * @example
 * const server = await startScriptedOpenAIServer({
 *   script: replyQueue([{ status: 429, error: 'slow down' }, { text: 'Hello' }]),
 * });
 */
export function replyQueue(replies: readonly ScriptedReply[]): Script {
  const pending = [...replies];
  return () => pending.shift() ?? { status: 500, error: 'The scripted reply queue is empty.' };
}
