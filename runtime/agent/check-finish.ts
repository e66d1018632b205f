import { aiSdk } from '../ai-sdk/load-ai-sdk.js';
import { weftError } from '../errors/create-weft-error.js';
import type { PreparedCall } from './prepare-call.js';
import { partialResults } from './to-agent-error.js';

/**
 * Checks how a call's tool loop ended and throws when it did not end with an answer: a fatal tool
 * error as is; a last step that still called tools is `AGENT_TOOL_UNKNOWN` (an unknown tool),
 * `AGENT_TOOL_ARGUMENTS_INVALID` (malformed arguments) or `AGENT_MAX_STEPS_EXCEEDED`, each with the
 * steps so far and the usage in `details`.
 *
 * @example
 * const result = await generateText(callSettings(call));
 * checkFinish(call);
 */
export function checkFinish(call: PreparedCall): void {
  if (call.state.fatal !== undefined) throw call.state.fatal;
  const last = call.state.steps.at(-1);
  if (last === undefined || last.finishReason !== 'tool-calls') return;
  const invalid = last.invalidToolCalls[0];
  const agent = call.agent.name;
  if (invalid !== undefined) {
    const unknown = aiSdk().NoSuchToolError.isInstance(invalid.error);
    throw weftError(unknown ? 'AGENT_TOOL_UNKNOWN' : 'AGENT_TOOL_ARGUMENTS_INVALID', {
      message: unknown
        ? `The model of agent "${agent}" called "${invalid.name}", which is not one of its tools.`
        : `The model of agent "${agent}" called "${invalid.name}" with malformed arguments.`,
      details: { tool: invalid.name, ...partialResults(call) },
      cause: invalid.error,
    });
  }
  throw weftError('AGENT_MAX_STEPS_EXCEEDED', {
    message: `Agent "${agent}" reached maxSteps (${call.maxSteps}) while its model still called tools.`,
    details: { maxSteps: call.maxSteps, ...partialResults(call) },
  });
}
