import { createRequire } from 'node:module';
import type * as OpenAiModule from '@ai-sdk/openai';
import type * as OpenAiCompatibleModule from '@ai-sdk/openai-compatible';
import type * as AiModule from 'ai';

// The AI SDK is the largest part of weft's import graph; it loads on the first agent call,
// embedding or model resolution, so a process that only runs workflows never pays for it.
const requireOnDemand = createRequire(import.meta.url);

let ai: typeof AiModule | undefined;
let openAi: typeof OpenAiModule | undefined;
let openAiCompatible: typeof OpenAiCompatibleModule | undefined;

/**
 * The `ai` package, loaded on first use.
 *
 * @example
 * const result = await aiSdk().generateText(settings);
 */
export function aiSdk(): typeof AiModule {
  ai ??= requireOnDemand('ai') as typeof AiModule;
  return ai;
}

/**
 * `@ai-sdk/openai`, loaded on first use.
 *
 * @example
 * const provider = openAiSdk().createOpenAI({ apiKey });
 */
export function openAiSdk(): typeof OpenAiModule {
  openAi ??= requireOnDemand('@ai-sdk/openai') as typeof OpenAiModule;
  return openAi;
}

/**
 * `@ai-sdk/openai-compatible`, loaded on first use.
 *
 * @example
 * const provider = openAiCompatibleSdk().createOpenAICompatible({ name: 'local', baseURL });
 */
export function openAiCompatibleSdk(): typeof OpenAiCompatibleModule {
  openAiCompatible ??= requireOnDemand('@ai-sdk/openai-compatible') as typeof OpenAiCompatibleModule;
  return openAiCompatible;
}
