import type { VectorQueryResultV1 } from '../spec/v1/vector-store.js';

/**
 * Sorts query results best first: by score descending, then by id ascending, so ties come out in
 * the same order from every store that uses it. Sorts in place and returns the array.
 *
 * @example
 * sortVectorResults([{ id: 'b', score: 1 }, { id: 'a', score: 1 }]); // a, b
 */
export function sortVectorResults<T extends VectorQueryResultV1>(results: T[]): T[] {
  return results.sort((left, right) =>
    right.score !== left.score
      ? right.score - left.score
      : left.id < right.id
        ? -1
        : left.id > right.id
          ? 1
          : 0,
  );
}
