/**
 * The embedder contract, version 1: turns texts into vectors of a fixed dimension. A plugin
 * registers a factory with `registry.embedder(provider, factory)`; a `provider:model` string
 * (weft.yaml `models.embedding`, a Knowledge `embedder`) resolves through it.
 *
 * @example
 * const embedder: EmbedderV1 = {
 *   specificationVersion: 'v1',
 *   name: 'local:hash-384',
 *   dimension: 384,
 *   async embed(texts) { return texts.map(() => new Array(384).fill(0)); },
 * };
 */
export interface EmbedderV1 {
  readonly specificationVersion: 'v1';
  /** `provider:model`. */
  readonly name: string;
  /** Length of every vector `embed` returns. */
  readonly dimension: number;
  /** The most texts one `embed` call takes; callers split larger batches. Unlimited when absent. */
  readonly maxBatchSize?: number;
  /** One vector per text, in order. */
  embed(texts: readonly string[], options?: EmbedOptionsV1): Promise<number[][]>;
}

export interface EmbedOptionsV1 {
  /** Aborted on timeout or cancel. */
  readonly signal?: AbortSignal;
}
