/** A candidate of a query: its id, its score, and what the store keeps with it. */
export interface ScoredCandidate<T> {
  readonly id: string;
  readonly score: number;
  readonly item: T;
}

/**
 * The best `topK` candidates, best first: score descending, then id ascending (the order of
 * `sortVectorResults`). Keeps a sorted window of `topK` while scanning, so a query over many
 * vectors does not sort them all.
 *
 * @example
 * const top = selectTopScored(candidates, 10);
 */
export function selectTopScored<T>(
  candidates: Iterable<ScoredCandidate<T>>,
  topK: number,
): ScoredCandidate<T>[] {
  const window: ScoredCandidate<T>[] = [];
  for (const candidate of candidates) {
    if (window.length === topK) {
      const worst = window[topK - 1];
      if (worst !== undefined && !isBetter(candidate, worst)) continue;
      window.pop();
    }
    window.splice(insertionPoint(window, candidate), 0, candidate);
  }
  return window;
}

function isBetter(left: ScoredCandidate<unknown>, right: ScoredCandidate<unknown>): boolean {
  return left.score !== right.score ? left.score > right.score : left.id < right.id;
}

function insertionPoint(
  window: readonly ScoredCandidate<unknown>[],
  candidate: ScoredCandidate<unknown>,
): number {
  let low = 0;
  let high = window.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const current = window[middle];
    if (current !== undefined && isBetter(current, candidate)) low = middle + 1;
    else high = middle;
  }
  return low;
}
