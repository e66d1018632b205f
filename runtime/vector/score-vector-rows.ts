import type { VectorMetricV1 } from '../spec/v1/vector-store.js';

/**
 * Vectors stored row by row in one `Float64Array` (row `r` at `r * dimension`), with their L2
 * norms; rows `0..count-1` hold vectors.
 *
 * @example
 * const rows: VectorRows = { dimension: 2, count: 1, values: Float64Array.of(3, 4), norms: Float64Array.of(5) };
 */
export interface VectorRows {
  readonly dimension: number;
  readonly count: number;
  readonly values: Float64Array;
  readonly norms: Float64Array;
}

/**
 * The score of `probe` against each row in `selected` (every row when it is omitted), in that
 * order, with the formulas of `vectorScore` and bit for bit its results: each sum runs over
 * positions `0..dimension-1` in order. Eight rows are summed side by side (eight independent sums,
 * each in its own order), which keeps the processor busy without changing a single bit.
 *
 * @example
 * const rows = { dimension: 2, count: 2, values: Float64Array.of(1, 0, 0, 1), norms: Float64Array.of(1, 1) };
 * scoreVectorRows('cosine', Float64Array.of(1, 0), rows); // Float64Array [1, 0]
 */
export function scoreVectorRows(
  metric: VectorMetricV1,
  probe: Float64Array,
  rows: VectorRows,
  selected?: Int32Array,
): Float64Array {
  const count = selected === undefined ? rows.count : selected.length;
  const scores = new Float64Array(count);
  if (metric === 'euclidean') {
    sumSquaredDifferences(probe, rows.values, selected, scores);
    for (let position = 0; position < count; position += 1)
      scores[position] = 1 / (1 + Math.sqrt(scores[position] as number));
    return scores;
  }
  sumProducts(probe, rows.values, selected, scores);
  if (metric === 'dotproduct') return scores;
  let probeSquares = 0;
  for (let position = 0; position < probe.length; position += 1)
    probeSquares += (probe[position] as number) * (probe[position] as number);
  const probeNorm = Math.sqrt(probeSquares);
  const norms = rows.norms;
  for (let position = 0; position < count; position += 1) {
    const row = selected === undefined ? position : (selected[position] as number);
    const both = probeNorm * (norms[row] as number);
    scores[position] = both === 0 ? 0 : (scores[position] as number) / both;
  }
  return scores;
}

/** `sums[j]` = the sum over `i` of `probe[i] * row[i]`, for the `j`-th selected row. */
function sumProducts(
  probe: Float64Array,
  values: Float64Array,
  selected: Int32Array | undefined,
  sums: Float64Array,
): void {
  const dimension = probe.length;
  const count = sums.length;
  let position = 0;
  for (; position + 7 < count; position += 8) {
    const offset0 = offsetOf(selected, position, dimension);
    const offset1 = offsetOf(selected, position + 1, dimension);
    const offset2 = offsetOf(selected, position + 2, dimension);
    const offset3 = offsetOf(selected, position + 3, dimension);
    const offset4 = offsetOf(selected, position + 4, dimension);
    const offset5 = offsetOf(selected, position + 5, dimension);
    const offset6 = offsetOf(selected, position + 6, dimension);
    const offset7 = offsetOf(selected, position + 7, dimension);
    let sum0 = 0;
    let sum1 = 0;
    let sum2 = 0;
    let sum3 = 0;
    let sum4 = 0;
    let sum5 = 0;
    let sum6 = 0;
    let sum7 = 0;
    for (let index = 0; index < dimension; index += 1) {
      const value = probe[index] as number;
      sum0 += value * (values[offset0 + index] as number);
      sum1 += value * (values[offset1 + index] as number);
      sum2 += value * (values[offset2 + index] as number);
      sum3 += value * (values[offset3 + index] as number);
      sum4 += value * (values[offset4 + index] as number);
      sum5 += value * (values[offset5 + index] as number);
      sum6 += value * (values[offset6 + index] as number);
      sum7 += value * (values[offset7 + index] as number);
    }
    sums[position] = sum0;
    sums[position + 1] = sum1;
    sums[position + 2] = sum2;
    sums[position + 3] = sum3;
    sums[position + 4] = sum4;
    sums[position + 5] = sum5;
    sums[position + 6] = sum6;
    sums[position + 7] = sum7;
  }
  for (; position < count; position += 1) {
    const offset = offsetOf(selected, position, dimension);
    let sum = 0;
    for (let index = 0; index < dimension; index += 1)
      sum += (probe[index] as number) * (values[offset + index] as number);
    sums[position] = sum;
  }
}

/** `sums[j]` = the sum over `i` of `(probe[i] - row[i])²`, for the `j`-th selected row. */
function sumSquaredDifferences(
  probe: Float64Array,
  values: Float64Array,
  selected: Int32Array | undefined,
  sums: Float64Array,
): void {
  const dimension = probe.length;
  const count = sums.length;
  let position = 0;
  for (; position + 7 < count; position += 8) {
    const offset0 = offsetOf(selected, position, dimension);
    const offset1 = offsetOf(selected, position + 1, dimension);
    const offset2 = offsetOf(selected, position + 2, dimension);
    const offset3 = offsetOf(selected, position + 3, dimension);
    const offset4 = offsetOf(selected, position + 4, dimension);
    const offset5 = offsetOf(selected, position + 5, dimension);
    const offset6 = offsetOf(selected, position + 6, dimension);
    const offset7 = offsetOf(selected, position + 7, dimension);
    let sum0 = 0;
    let sum1 = 0;
    let sum2 = 0;
    let sum3 = 0;
    let sum4 = 0;
    let sum5 = 0;
    let sum6 = 0;
    let sum7 = 0;
    for (let index = 0; index < dimension; index += 1) {
      const value = probe[index] as number;
      const difference0 = value - (values[offset0 + index] as number);
      const difference1 = value - (values[offset1 + index] as number);
      const difference2 = value - (values[offset2 + index] as number);
      const difference3 = value - (values[offset3 + index] as number);
      const difference4 = value - (values[offset4 + index] as number);
      const difference5 = value - (values[offset5 + index] as number);
      const difference6 = value - (values[offset6 + index] as number);
      const difference7 = value - (values[offset7 + index] as number);
      sum0 += difference0 * difference0;
      sum1 += difference1 * difference1;
      sum2 += difference2 * difference2;
      sum3 += difference3 * difference3;
      sum4 += difference4 * difference4;
      sum5 += difference5 * difference5;
      sum6 += difference6 * difference6;
      sum7 += difference7 * difference7;
    }
    sums[position] = sum0;
    sums[position + 1] = sum1;
    sums[position + 2] = sum2;
    sums[position + 3] = sum3;
    sums[position + 4] = sum4;
    sums[position + 5] = sum5;
    sums[position + 6] = sum6;
    sums[position + 7] = sum7;
  }
  for (; position < count; position += 1) {
    const offset = offsetOf(selected, position, dimension);
    let sum = 0;
    for (let index = 0; index < dimension; index += 1) {
      const difference = (probe[index] as number) - (values[offset + index] as number);
      sum += difference * difference;
    }
    sums[position] = sum;
  }
}

/** Where the `position`-th selected row starts in the slab. */
function offsetOf(selected: Int32Array | undefined, position: number, dimension: number): number {
  return (selected === undefined ? position : (selected[position] as number)) * dimension;
}
