import { expect } from 'vitest';
import type { ErrorCode } from '../../../runtime/errors/catalogue.js';
import { WeftError } from '../../../runtime/errors/weft-error.js';

/**
 * The capabilities a vector store may lack. A case needing a missing `filter:*` capability
 * asserts the store throws `VECTOR_FILTER_UNSUPPORTED` naming the operator; a case needing a
 * missing `metadata:*` or `metric:*` capability is skipped, the capability in its name.
 *
 * @example
 * const unsupported: VectorCapability[] = ['filter:$not', 'metadata:nested'];
 */
export type VectorCapability =
  | 'filter:$not'
  | 'filter:$exists'
  | 'filter:string-range'
  | 'metadata:nested'
  | 'metadata:array'
  | 'metric:euclidean'
  | 'metric:dotproduct';

/**
 * Awaits `action` and checks it rejects with a `WeftError` of `code`; returns the error.
 *
 * @example
 * const error = await expectWeftError(store.query({ index: 'nope', vector: [1], topK: 1 }), 'VECTOR_INDEX_NOT_FOUND');
 */
export async function expectWeftError(action: Promise<unknown>, code: ErrorCode): Promise<WeftError> {
  let caught: unknown;
  try {
    await action;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected ${code}, but the call succeeded`).toBeDefined();
  expect(WeftError.isInstance(caught), `expected a WeftError ${code}, got ${String(caught)}`).toBe(true);
  const error = caught as WeftError;
  expect(error.code, error.message).toBe(code);
  return error;
}

/**
 * Checks that an error names one of `operators` (in `details.operator` or its message).
 *
 * @example
 * expectNamesOperator(error, ['$not']);
 */
export function expectNamesOperator(error: WeftError, operators: readonly string[]): void {
  const named = error.details?.operator;
  const ok = operators.some((operator) => named === operator || error.message.includes(operator));
  expect(
    ok,
    `"${error.message}" (operator ${String(named)}) should name one of ${operators.join(', ')}`,
  ).toBe(true);
}

/**
 * A seeded pseudo-random generator (mulberry32): the same seed gives the same numbers in [0, 1).
 *
 * @example
 * const random = seededRandom(42);
 * random(); // 0.6011037519201636
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random vector with components in [-1, 1) (never all zeros in practice).
 *
 * @example
 * randomVector(seededRandom(1), 8);
 */
export function randomVector(random: () => number, dimension: number): number[] {
  return Array.from({ length: dimension }, () => random() * 2 - 1);
}

/**
 * Retries `check` until it passes or `timeoutMs` has passed (0: one attempt), for stores whose
 * reads may lag their writes. It never asserts on time: it only gives a lagging store a chance.
 *
 * @example
 * await eventually(0, async () => expect((await store.describeIndex(name)).count).toBe(3));
 */
export async function eventually(timeoutMs: number, check: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
