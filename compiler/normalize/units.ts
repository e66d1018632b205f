import type { RetryPolicyV1, SecretRefV1 } from '../../runtime/spec/v1/graph.js';
import type { RetryPolicy, Secret } from '../manifest-types.js';

const durationUnits: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const byteUnits: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/**
 * Milliseconds of a duration string (`250ms`, `5s`, `1h30m`); undefined stays undefined.
 *
 * @example
 * durationMs('1h30m'); // 5400000
 */
export function durationMs(duration: string): number;
export function durationMs(duration: string | undefined): number | undefined;
export function durationMs(duration: string | undefined): number | undefined {
  if (duration === undefined) return undefined;
  let total = 0;
  for (const match of duration.matchAll(/(\d+)(ms|s|m|h|d)/g))
    total += Number(match[1]) * (durationUnits[match[2] ?? 'ms'] ?? 1);
  return total;
}

/**
 * Bytes of a size string (`512kb`, `1mb`; 1 kb = 1024 bytes).
 *
 * @example
 * byteSize('1mb'); // 1048576
 */
export function byteSize(size: string): number {
  const match = /^(\d+)(b|kb|mb|gb)$/.exec(size);
  return match === null ? 0 : Number(match[1]) * (byteUnits[match[2] ?? 'b'] ?? 1);
}

/** The policy used for every field a retry policy leaves out. */
export const retryDefaults = { maxAttempts: 1, backoff: 'constant', delayMs: 0, jitter: 0 } as const;

/** What a declared `retry:` block defaults to where it is silent (the schema documents these). */
const declaredRetryDefaults = { backoff: 'exponential', delayMs: 200 } as const;

/**
 * A declared retry policy with its defaults filled (exponential backoff from 200 ms, no jitter)
 * and durations in milliseconds. With no `retry:` at all a step runs once (`retryDefaults`).
 *
 * @example
 * normalizeRetry({ maxAttempts: 3, backoff: 'exponential', delay: '200ms' });
 * // { maxAttempts: 3, backoff: 'exponential', delayMs: 200, jitter: 0 }
 */
export function normalizeRetry(policy: RetryPolicy): RetryPolicyV1 {
  const jitter =
    policy.jitter === true ? 1 : policy.jitter === false || policy.jitter === undefined ? 0 : policy.jitter;
  return {
    maxAttempts: policy.maxAttempts,
    backoff: policy.backoff ?? declaredRetryDefaults.backoff,
    delayMs: durationMs(policy.delay) ?? declaredRetryDefaults.delayMs,
    ...(policy.maxDelay === undefined ? {} : { maxDelayMs: durationMs(policy.maxDelay) }),
    jitter,
    ...(policy.on === undefined ? {} : { on: [...policy.on] }),
  };
}

/**
 * A secret field as the graph stores it: `{ $secret: NAME }`, from `${{ env.NAME }}` or
 * `{ secretRef: NAME }`.
 *
 * @example
 * normalizeSecret('${{ env.API_TOKEN }}'); // { $secret: 'API_TOKEN' }
 */
export function normalizeSecret(secret: Secret): SecretRefV1 {
  if (typeof secret === 'string') {
    const name = /env\.([A-Za-z_][A-Za-z0-9_]*)/.exec(secret)?.[1] ?? secret;
    return { $secret: name };
  }
  return { $secret: secret.secretRef };
}

/**
 * Copies only the defined members of an object (for `exactOptionalPropertyTypes`).
 *
 * @example
 * defined({ a: 1, b: undefined }); // { a: 1 }
 */
export function defined<T extends Record<string, unknown>>(
  object: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) if (value !== undefined) out[key] = value;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}
