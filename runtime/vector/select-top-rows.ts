/**
 * A row among the best of a query, with its score.
 *
 * @example
 * const best: TopRow = { row: 3, score: 0.92 };
 */
export interface TopRow {
  readonly row: number;
  readonly score: number;
}

/**
 * The best `topK` of scored rows, best first: score descending, then id ascending (the order of
 * `sortVectorResults`). `scores[j]` is the score of row `selected[j]` (of row `j` when `selected`
 * is omitted) and `ids[row]` its id. Keeps a sorted window of `topK` while scanning: a row that
 * does not beat the worst of a full window costs one comparison and allocates nothing.
 *
 * @example
 * selectTopRows({ scores: Float64Array.of(0.5, 0.9, 0.9), ids: ['a', 'c', 'b'], topK: 2 });
 * // [{ row: 2, score: 0.9 }, { row: 1, score: 0.9 }]
 */
export function selectTopRows(input: {
  readonly scores: Float64Array;
  readonly ids: readonly string[];
  readonly topK: number;
  readonly selected?: Int32Array;
}): TopRow[] {
  const { scores, ids, selected } = input;
  const size = Math.min(input.topK, scores.length);
  const windowScores = new Float64Array(size);
  const windowRows = new Float64Array(size);
  let length = 0;
  for (let position = 0; position < scores.length; position += 1) {
    const score = scores[position] as number;
    const row = selected === undefined ? position : (selected[position] as number);
    if (length === size) {
      const worst = windowScores[size - 1] as number;
      const better =
        score !== worst
          ? score > worst
          : (ids[row] as string) < (ids[windowRows[size - 1] as number] as string);
      if (!better) continue;
      length -= 1;
    }
    // Binary search for the first place whose entry is not better than the candidate.
    let low = 0;
    let high = length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const current = windowScores[middle] as number;
      const currentIsBetter =
        current !== score
          ? current > score
          : (ids[windowRows[middle] as number] as string) < (ids[row] as string);
      if (currentIsBetter) low = middle + 1;
      else high = middle;
    }
    windowScores.copyWithin(low + 1, low, length);
    windowRows.copyWithin(low + 1, low, length);
    windowScores[low] = score;
    windowRows[low] = row;
    length += 1;
  }
  const top: TopRow[] = [];
  for (let position = 0; position < length; position += 1)
    top.push({ row: windowRows[position] as number, score: windowScores[position] as number });
  return top;
}
