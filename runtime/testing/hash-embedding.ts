function fnv1a(text: string, seed: number): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A deterministic embedding of `text`: each lower-cased word adds +1 or -1 to a bucket chosen
 * by its hash, and the vector is scaled to unit length. Texts that share words are close in
 * cosine similarity, so memory and RAG tests can check recall without a real model; the same
 * text always gives the same vector.
 *
 * @example
 * hashEmbedding('refund order A1', 8).length; // 8
 */
export function hashEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  for (const word of words) {
    const bucket = fnv1a(word, 0) % dimensions;
    vector[bucket] = (vector[bucket] ?? 0) + (fnv1a(word, 1) % 2 === 0 ? 1 : -1);
  }
  if (words.length === 0) vector[0] = 1;
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  // Words can cancel out in one bucket; fall back to the hash of the whole text.
  if (norm === 0) {
    vector[fnv1a(text, 2) % dimensions] = 1;
    return vector;
  }
  return vector.map((value) => value / norm);
}
