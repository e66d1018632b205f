import type { LanguageModelUsage } from 'ai';
import type { AgentUsage } from './agent-types.js';

/** Usage of nothing (no step finished). */
export const zeroUsage: AgentUsage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };

/**
 * Maps the AI SDK's usage (`inputTokens`, `outputTokens`, `totalTokens`, each maybe undefined) to
 * weft's (`promptTokens`, `completionTokens`, `totalTokens`); a missing total is the sum.
 *
 * @example
 * mapUsage({ inputTokens: 10, outputTokens: 5, totalTokens: undefined }); // { promptTokens: 10, completionTokens: 5, totalTokens: 15 }
 */
export function mapUsage(
  usage: Pick<LanguageModelUsage, 'inputTokens' | 'outputTokens' | 'totalTokens'>,
): AgentUsage {
  const promptTokens = usage.inputTokens ?? 0;
  const completionTokens = usage.outputTokens ?? 0;
  return {
    promptTokens,
    completionTokens,
    totalTokens: usage.totalTokens ?? promptTokens + completionTokens,
  };
}

/**
 * Adds two usages.
 *
 * @example
 * addUsage(zeroUsage, { promptTokens: 1, completionTokens: 2, totalTokens: 3 });
 */
export function addUsage(a: AgentUsage, b: AgentUsage): AgentUsage {
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
}
