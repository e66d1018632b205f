import type { VectorMetricV1 } from '../spec/v1/vector-store.js';

/**
 * The score of `candidate` for `query` under `metric`; for every metric a higher score is closer:
 * - `cosine`: the cosine similarity, in [-1, 1] (1 - pgvector's `<=>`); 0 when either vector is all zeros.
 * - `euclidean`: `1 / (1 + d)` with `d` the Euclidean (L2, not squared) distance, in (0, 1], 1 for
 *   identical vectors (from pgvector's `<->`; from Pinecone's squared distance `s`, `1 / (1 + sqrt(s))`).
 * - `dotproduct`: the inner product (-(pgvector's `<#>`)), unbounded.
 *
 * @example
 * vectorScore('cosine', [1, 0], [0, 1]); // 0
 * vectorScore('euclidean', [0, 0], [3, 4]); // 1 / 6
 */
export function vectorScore(
  metric: VectorMetricV1,
  query: readonly number[],
  candidate: readonly number[],
): number {
  if (metric === 'dotproduct') return dotProduct(query, candidate);
  if (metric === 'euclidean') return 1 / (1 + euclideanDistance(query, candidate));
  const norms = Math.sqrt(dotProduct(query, query)) * Math.sqrt(dotProduct(candidate, candidate));
  return norms === 0 ? 0 : dotProduct(query, candidate) / norms;
}

/**
 * The inner product of two vectors of the same length.
 *
 * @example
 * dotProduct([1, 2], [3, 4]); // 11
 */
export function dotProduct(left: readonly number[], right: readonly number[]): number {
  let sum = 0;
  for (let index = 0; index < left.length; index += 1) sum += (left[index] ?? 0) * (right[index] ?? 0);
  return sum;
}

/**
 * The Euclidean (L2) distance of two vectors of the same length.
 *
 * @example
 * euclideanDistance([0, 0], [3, 4]); // 5
 */
export function euclideanDistance(left: readonly number[], right: readonly number[]): number {
  let sum = 0;
  for (let index = 0; index < left.length; index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    sum += difference * difference;
  }
  return Math.sqrt(sum);
}
