import { type ErrorCode, errorCatalogue } from '../errors/catalogue.js';
import { weftError } from '../errors/create-weft-error.js';
import { WeftError } from '../errors/weft-error.js';
import { maskSecrets } from '../secrets/secret-masker.js';
import type { RetryPolicyV1 } from '../spec/v1/graph.js';
import type { RunErrorV1 } from '../spec/v1/storage.js';

/**
 * Whether a failed attempt is retried: attempts left, and the error's code listed in `on` (or,
 * without `on`, the error is retryable; a thrown non-WeftError counts as retryable).
 *
 * @example
 * shouldRetry({ maxAttempts: 3, backoff: 'constant', delayMs: 10, jitter: 0 }, error, 1); // true if retryable
 */
export function shouldRetry(policy: RetryPolicyV1, error: WeftError, attempt: number): boolean {
  if (attempt >= policy.maxAttempts) return false;
  return policy.on === undefined ? error.retryable : policy.on.includes(error.code);
}

/**
 * The wait before attempt `attempt + 1`: `delayMs`, doubled per attempt when exponential, capped
 * by `maxDelayMs`, minus up to `jitter` of itself at random.
 *
 * @example
 * retryDelayMs({ maxAttempts: 5, backoff: 'exponential', delayMs: 100, jitter: 0 }, 3, Math.random); // 400
 */
export function retryDelayMs(policy: RetryPolicyV1, attempt: number, random: () => number): number {
  let delay = policy.backoff === 'exponential' ? policy.delayMs * 2 ** (attempt - 1) : policy.delayMs;
  if (policy.maxDelayMs !== undefined) delay = Math.min(delay, policy.maxDelayMs);
  if (policy.jitter > 0) delay -= delay * Math.min(policy.jitter, 1) * random();
  return Math.max(0, Math.round(delay));
}

/**
 * Any thrown value as a WeftError: a WeftError as is, anything else as a retryable `STEP_FAILED`
 * carrying the original as `cause`.
 *
 * @example
 * toWeftError(new Error('boom')).code; // 'STEP_FAILED'
 */
export function toWeftError(thrown: unknown): WeftError {
  if (WeftError.isInstance(thrown)) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return weftError('STEP_FAILED', { message: `The step failed: ${message}`, cause: thrown });
}

/**
 * The JSON form of an error stored on a run or a journal entry.
 *
 * @example
 * toRunError(error, 'lookup'); // { code: 'TOOL_TIMEOUT', message: '...', step: 'lookup', retryable: true }
 */
export function toRunError(error: WeftError, step?: string): RunErrorV1 {
  const base = { code: error.code, message: error.message, retryable: error.retryable };
  const withStep = step === undefined ? base : { ...base, step };
  return maskSecrets(error.details === undefined ? withStep : { ...withStep, details: error.details });
}

/**
 * Rebuilds a WeftError from its stored form (a replayed failure, a failed sub-workflow).
 *
 * @example
 * fromRunError({ code: 'TOOL_TIMEOUT', message: 'slow' }).code; // 'TOOL_TIMEOUT'
 */
export function fromRunError(error: RunErrorV1): WeftError {
  const details =
    typeof error.details === 'object' && error.details !== null
      ? (error.details as Record<string, unknown>)
      : undefined;
  const code: ErrorCode = error.code in errorCatalogue ? (error.code as ErrorCode) : 'STEP_FAILED';
  const options = {
    message: error.message,
    ...(details === undefined ? {} : { details }),
    ...(error.retryable === undefined ? {} : { retryable: error.retryable }),
  };
  return weftError(code, options);
}
