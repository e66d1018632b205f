/** Nearest-rank percentile (`p` in 0..100) of `values`; NaN for an empty list. */
export function nearestRank(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

/** Nearest-rank median (50th percentile). */
export function median(values: readonly number[]): number {
  return nearestRank(values, 50);
}

/** Nearest-rank 95th percentile. */
export function p95(values: readonly number[]): number {
  return nearestRank(values, 95);
}

/** A number rounded to `digits` decimals (for the JSON lines and the tables). */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
