import type { ModelMessage, StopCondition, ToolSet } from 'ai';
import { aiSdk } from '../ai-sdk/load-ai-sdk.js';
import type { PreparedCall } from './prepare-call.js';
import { recordStep } from './prepare-call.js';

/**
 * The AI SDK settings shared by `generateText` and `streamText` for one prepared call: model,
 * system prompt, history + input (+ `extra` messages, e.g. a structured-output retry), tools,
 * `stopWhen: stepCountIs(maxSteps)` (or a fatal tool error), temperature, max tokens, the abort
 * signal, and step recording. Retries are the SDK's own (`maxRetries`, default 2).
 *
 * @example
 * const result = await generateText(callSettings(call));
 */
export function callSettings(call: PreparedCall, extra: readonly ModelMessage[] = []) {
  const temperature = call.options.temperature ?? call.agent.temperature;
  const stopOnFatal: StopCondition<ToolSet> = () => call.state.fatal !== undefined;
  return {
    model: call.model,
    system: call.system,
    messages: [...call.history, ...call.input, ...extra],
    ...(call.tools === undefined ? {} : { tools: call.tools }),
    stopWhen: [aiSdk().stepCountIs(call.maxSteps), stopOnFatal],
    ...(temperature === undefined ? {} : { temperature }),
    ...(call.agent.maxTokens === undefined ? {} : { maxOutputTokens: call.agent.maxTokens }),
    abortSignal: call.signal,
    onStepFinish: (step: Parameters<typeof recordStep>[1]) => recordStep(call, step),
  };
}
