import type { ScriptedReply } from './scripted-reply.js';

/**
 * A reply that waits `delayMs` before answering `reply` (to make a client timeout fire). Same as
 * the literal `{ delayMs, then: reply }`, which linters flag for its `then` key.
 *
 * @example
 * const server = await startScriptedOpenAIServer({ script: () => delayReply(2_000, { text: 'late' }) });
 */
export function delayReply(delayMs: number, reply: ScriptedReply): ScriptedReply {
  // biome-ignore lint/suspicious/noThenProperty: the documented reply shape; `then` is never a function.
  return { delayMs, then: reply };
}
