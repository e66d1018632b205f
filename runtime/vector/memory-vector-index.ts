import type { VectorMetadataV1, VectorMetricV1 } from '../spec/v1/vector-store.js';
import type { VectorRows } from './score-vector-rows.js';

const initialCapacity = 8;

/**
 * One index of `MemoryVectorStore`, stored as a slab: the vectors row by row in one growable
 * `Float64Array` (its capacity doubles), their L2 norms, and the id and metadata of each row,
 * with a map from id to row. An upsert overwrites its row in place or appends one; a delete moves
 * the last row into the hole, so rows `0..count-1` are always the live vectors, in no particular
 * order. It stores what it is given: callers validate and copy.
 *
 * @example
 * const index = new MemoryVectorIndex(2, 'cosine');
 * index.upsert('a', [3, 4], { lang: 'en' });
 * index.count; // 1
 * index.vectorAt(0); // [3, 4]
 */
export class MemoryVectorIndex implements VectorRows {
  readonly dimension: number;
  readonly metric: VectorMetricV1;
  #values: Float64Array;
  #norms: Float64Array;
  readonly #ids: string[] = [];
  readonly #metadata: (VectorMetadataV1 | undefined)[] = [];
  readonly #rows = new Map<string, number>();

  constructor(dimension: number, metric: VectorMetricV1) {
    this.dimension = dimension;
    this.metric = metric;
    this.#values = new Float64Array(initialCapacity * dimension);
    this.#norms = new Float64Array(initialCapacity);
  }

  /** How many vectors the index holds (rows `0..count-1`). */
  get count(): number {
    return this.#ids.length;
  }

  /** The vectors, row `r` at `r * dimension`; rows past `count` are spare capacity. */
  get values(): Float64Array {
    return this.#values;
  }

  /** The L2 norm of each row, computed once at upsert. */
  get norms(): Float64Array {
    return this.#norms;
  }

  /** The id of each row. */
  get ids(): readonly string[] {
    return this.#ids;
  }

  /** Writes `vector` and `metadata` under `id`: over its row if it has one, else in a new last row. */
  upsert(id: string, vector: readonly number[], metadata: VectorMetadataV1 | undefined): void {
    let row = this.#rows.get(id);
    if (row === undefined) {
      row = this.#ids.length;
      if (row === this.#norms.length) this.#grow();
      this.#ids.push(id);
      this.#metadata.push(metadata);
      this.#rows.set(id, row);
    } else {
      this.#metadata[row] = metadata;
    }
    const values = this.#values;
    const offset = row * this.dimension;
    let squares = 0;
    for (let position = 0; position < this.dimension; position += 1) {
      const value = vector[position] as number;
      values[offset + position] = value;
      squares += value * value;
    }
    this.#norms[row] = Math.sqrt(squares);
  }

  /** Deletes `id` (an unknown id is ignored), moving the last row into its place. */
  delete(id: string): void {
    const row = this.#rows.get(id);
    if (row !== undefined) this.#removeRow(row);
  }

  /** Deletes every vector whose metadata `matches`. */
  deleteWhere(matches: (metadata: VectorMetadataV1 | undefined) => boolean): void {
    // From the last row down: a row moved into a hole has been looked at already.
    for (let row = this.#ids.length - 1; row >= 0; row -= 1) {
      if (matches(this.#metadata[row])) this.#removeRow(row);
    }
  }

  /** The rows whose metadata `matches`, in row order. */
  rowsWhere(matches: (metadata: VectorMetadataV1 | undefined) => boolean): Int32Array {
    const rows: number[] = [];
    for (let row = 0; row < this.#ids.length; row += 1) if (matches(this.#metadata[row])) rows.push(row);
    return Int32Array.from(rows);
  }

  /** The metadata of row `row` (the stored object itself, not a copy). */
  metadataAt(row: number): VectorMetadataV1 | undefined {
    return this.#metadata[row];
  }

  /** A copy of the vector of row `row`. */
  vectorAt(row: number): number[] {
    const offset = row * this.dimension;
    return Array.from(this.#values.subarray(offset, offset + this.dimension));
  }

  #removeRow(row: number): void {
    const last = this.#ids.length - 1;
    const id = this.#ids[row] as string;
    if (row !== last) {
      const movedId = this.#ids[last] as string;
      const dimension = this.dimension;
      this.#values.copyWithin(row * dimension, last * dimension, (last + 1) * dimension);
      this.#norms[row] = this.#norms[last] as number;
      this.#ids[row] = movedId;
      this.#metadata[row] = this.#metadata[last];
      this.#rows.set(movedId, row);
    }
    this.#ids.pop();
    this.#metadata.pop();
    this.#rows.delete(id);
  }

  #grow(): void {
    const capacity = this.#norms.length * 2;
    const values = new Float64Array(capacity * this.dimension);
    values.set(this.#values);
    const norms = new Float64Array(capacity);
    norms.set(this.#norms);
    this.#values = values;
    this.#norms = norms;
  }
}
