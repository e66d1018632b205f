import { randomUUID } from 'node:crypto';
import type { ModelMessage } from 'ai';
import { aiSdk } from '../ai-sdk/load-ai-sdk.js';
import type { GenerateResult } from './agent-types.js';
import { callSettings } from './call-settings.js';
import { checkFinish } from './check-finish.js';
import { type PreparedCall, toolCallsOf } from './prepare-call.js';
import { saveMemory } from './save-memory.js';
import { toAgentError } from './to-agent-error.js';

/**
 * Runs a prepared call to its answer (`generateText` with the tool loop), saves the new messages to
 * the thread, and returns the text, the usage summed over steps, the finish reason and the tool
 * calls. Every failure is a typed error (see `toAgentError`, `checkFinish`).
 *
 * @example
 * const result = await runGenerate(await prepareCall(agent, services, 'Hello', {}));
 */
export async function runGenerate(call: PreparedCall): Promise<GenerateResult> {
  try {
    const result = await aiSdk().generateText(callSettings(call));
    checkFinish(call);
    await saveCallMessages(call, result.response.messages);
    const toolCalls = toolCallsOf(call);
    return {
      text: result.text,
      usage: call.state.usage,
      finishReason: result.finishReason,
      ...(toolCalls.length === 0 ? {} : { toolCalls }),
    };
  } catch (error) {
    throw toAgentError(error, call);
  } finally {
    call.dispose();
  }
}

/**
 * Saves a call's input and the model's response messages to its thread, when the agent has memory
 * and the call names a thread.
 *
 * @example
 * await saveCallMessages(call, result.response.messages);
 */
export async function saveCallMessages(call: PreparedCall, response: readonly ModelMessage[]): Promise<void> {
  if (call.agent.memory === undefined) return;
  const { threadId, resourceId } = call.options;
  await saveMemory(
    call.services.memory,
    {
      ...(threadId === undefined ? {} : { threadId }),
      ...(resourceId === undefined ? {} : { resourceId }),
      now: call.services.now ?? Date.now,
      generateId: call.services.generateId ?? randomUUID,
    },
    [...call.input, ...response],
  );
}
