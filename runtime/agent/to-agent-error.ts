import { aiSdk } from '../ai-sdk/load-ai-sdk.js';
import { weftError } from '../errors/create-weft-error.js';
import { WeftError } from '../errors/weft-error.js';
import type { PreparedCall } from './prepare-call.js';

/**
 * The partial results of a call, for error details: the agent, the steps so far (text, tool calls
 * and their results) and the usage summed over them.
 *
 * @example
 * throw weftError('AGENT_MAX_STEPS_EXCEEDED', { details: partialResults(call) });
 */
export function partialResults(call: PreparedCall): Record<string, unknown> {
  return {
    agent: call.agent.name,
    steps: call.state.steps.map(({ text, finishReason, toolCalls }) => ({ text, finishReason, toolCalls })),
    usage: call.state.usage,
  };
}

/**
 * Turns whatever an AI SDK call threw into a typed error: weft errors as they are; our timeout
 * `AGENT_TIMEOUT`; the caller's cancel its reason (or `AGENT_CANCELLED`); a provider failure
 * (after the SDK's own retries) `AGENT_MODEL_FAILED` with the HTTP status. Details carry the partial
 * results; the provider's message is not copied (it may echo credentials).
 *
 * @example
 * try { await generateText(settings); } catch (error) { throw toAgentError(error, call); }
 */
export function toAgentError(error: unknown, call: PreparedCall): WeftError {
  const agent = call.agent.name;
  if (call.timedOut()) {
    return weftError('AGENT_TIMEOUT', {
      message: `Agent "${agent}" did not finish within ${call.agent.timeoutMs} ms.`,
      details: { timeoutMs: call.agent.timeoutMs, ...partialResults(call) },
      cause: error,
    });
  }
  if (WeftError.isInstance(error)) return error;
  if (call.signal.aborted) {
    const reason: unknown = call.signal.reason;
    if (WeftError.isInstance(reason)) return reason;
    return weftError('AGENT_CANCELLED', { details: partialResults(call), cause: error });
  }
  const last = aiSdk().RetryError.isInstance(error) ? error.lastError : error;
  const attempts = aiSdk().RetryError.isInstance(error) ? error.errors.length : 1;
  const statusCode = aiSdk().APICallError.isInstance(last) ? last.statusCode : undefined;
  return weftError('AGENT_MODEL_FAILED', {
    message:
      statusCode === undefined
        ? `The model of agent "${agent}" failed (${nameOf(last)}).`
        : `The model provider of agent "${agent}" answered HTTP ${statusCode}${attempts > 1 ? ` after ${attempts} attempts` : ''}.`,
    details: {
      model: call.agent.model,
      attempts,
      ...(statusCode === undefined ? {} : { statusCode }),
      ...partialResults(call),
    },
    cause: error,
  });
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
