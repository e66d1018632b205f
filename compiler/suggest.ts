/**
 * Optimal-string-alignment distance (Damerau-Levenshtein with adjacent transpositions counted
 * as one edit), case-insensitive.
 *
 * @example
 * editDistance('retyr', 'retry'); // 1
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (s === t) return 0;
  const rows: number[][] = [];
  for (let i = 0; i <= s.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= t.length; j++) row.push(i === 0 ? j : 0);
    rows.push(row);
  }
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= s.length; i++) {
    const row = rows[i] as number[];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      row[j] = best;
    }
  }
  return at(s.length, t.length);
}

const maxWordLength = 128;

/**
 * The closest candidate to a misspelt word, or undefined when none is close enough (a distance
 * of at most a third of the word's length, minimum 1; a case-only difference always matches).
 * Ties keep the candidate listed first.
 *
 * @example
 * suggest('retyr', ['retry', 'timeout']); // 'retry'
 * suggest('zzz', ['retry', 'timeout']);   // undefined
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  // Names are short; a huge "word" (a complex YAML key, pasted text) is nobody's typo.
  if (word.length > maxWordLength) return undefined;
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const prefixMatch =
      candidate.length >= 3 && word.length >= 3 && candidate.toLowerCase().startsWith(word.toLowerCase());
    // The distance is at least the difference in length: skip what cannot be close enough.
    if (!prefixMatch && Math.abs(candidate.length - word.length) > limit) continue;
    const distance = editDistance(word, candidate);
    const score = prefixMatch ? Math.min(distance, limit) : distance;
    if (score <= limit && score < bestDistance) {
      best = candidate;
      bestDistance = score;
    }
  }
  return best;
}

/**
 * A ready-made hint for a misspelt name: `Did you mean "retry"?`, or undefined.
 *
 * @example
 * didYouMean('retyr', ['retry']); // 'Did you mean "retry"?'
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const match = suggest(word, candidates);
  return match === undefined ? undefined : `Did you mean "${match}"?`;
}
