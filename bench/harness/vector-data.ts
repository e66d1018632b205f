/**
 * W8's data: seeded Gaussian vectors (the same for every engine), and the exact cosine top-k in
 * plain JS, used both as the ground truth of recall@10 and as the `js exact` row (the limit).
 */
import type { VectorItem, VectorWorkload } from './data-workloads.js';

/** A seeded generator of standard normal numbers (mulberry32 + Box-Muller). */
export function gaussian(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return () => {
    const u = Math.max(uniform(), Number.EPSILON);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
}

/** `count` vectors of `dimension` float32 values (as numbers), ids `v0`..., metadata `{ i, group }`. */
export function seededVectors(count: number, dimension: number, seed: number): VectorItem[] {
  const next = gaussian(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: `v${i}`,
    vector: Array.from(Float32Array.from({ length: dimension }, next)),
    metadata: { i, group: `g${i % 10}` },
  }));
}

/** Exact cosine search over float32 rows, normalised once at insert. */
export class ExactSearch {
  private rows = new Float32Array(0);
  private ids: string[] = [];
  private dimension = 0;

  reset(dimension: number): void {
    this.dimension = dimension;
    this.rows = new Float32Array(0);
    this.ids = [];
  }

  add(items: readonly VectorItem[]): void {
    const start = this.ids.length;
    const grown = new Float32Array((start + items.length) * this.dimension);
    grown.set(this.rows);
    items.forEach((item, k) => {
      let norm = 0;
      for (const x of item.vector) norm += x * x;
      norm = Math.sqrt(norm) || 1;
      const offset = (start + k) * this.dimension;
      for (let d = 0; d < this.dimension; d += 1) grown[offset + d] = (item.vector[d] as number) / norm;
      this.ids.push(item.id);
    });
    this.rows = grown;
  }

  get size(): number {
    return this.ids.length;
  }

  /** The ids of the `topK` rows of highest cosine similarity to `vector`, best first. */
  top(vector: readonly number[], topK: number): string[] {
    const dim = this.dimension;
    const best: { score: number; index: number }[] = [];
    for (let row = 0; row < this.ids.length; row += 1) {
      let dot = 0;
      const offset = row * dim;
      for (let d = 0; d < dim; d += 1) dot += (this.rows[offset + d] as number) * (vector[d] as number);
      if (best.length < topK || dot > (best[best.length - 1] as { score: number }).score) {
        best.push({ score: dot, index: row });
        best.sort((a, b) => b.score - a.score);
        if (best.length > topK) best.pop();
      }
    }
    return best.map((entry) => this.ids[entry.index] as string);
  }
}

/** The `js exact` engine of W8: ExactSearch behind the VectorWorkload contract (the limit row). */
export function exactSearchWorkload(): VectorWorkload {
  const search = new ExactSearch();
  return {
    createIndex: async (dimension) => search.reset(dimension),
    upsert: async (batch) => search.add(batch),
    count: async () => search.size,
    query: async (vector, topK) => search.top(vector, topK),
    close: async () => {},
  };
}
