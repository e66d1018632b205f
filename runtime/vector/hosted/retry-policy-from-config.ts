import { defaultRetryPolicy, type RetryPolicy } from './retry-call.js';

/**
 * The retry settings of a hosted store's weft.yaml config (see `retrySettingsSchema`).
 *
 * @example
 * const settings: RetrySettings = { timeoutMs: 5000, retries: 1 };
 */
export interface RetrySettings {
  readonly timeoutMs?: number;
  readonly retries?: number;
  readonly retryBaseDelayMs?: number;
  readonly retryMaxDelayMs?: number;
}

/**
 * The retry policy of a store: its config settings over `defaultRetryPolicy`.
 *
 * @example
 * retryPolicyFromConfig({ timeoutMs: 5000, retries: 1 }); // { retries: 1, timeoutMs: 5000, baseDelayMs: 200, maxDelayMs: 5000 }
 */
export function retryPolicyFromConfig(settings: RetrySettings): RetryPolicy {
  return {
    retries: settings.retries ?? defaultRetryPolicy.retries,
    timeoutMs: settings.timeoutMs ?? defaultRetryPolicy.timeoutMs,
    baseDelayMs: settings.retryBaseDelayMs ?? defaultRetryPolicy.baseDelayMs,
    maxDelayMs: settings.retryMaxDelayMs ?? defaultRetryPolicy.maxDelayMs,
  };
}
