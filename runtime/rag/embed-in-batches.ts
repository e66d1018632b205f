import { weftError } from '../errors/create-weft-error.js';
import type { EmbedderV1 } from '../spec/v1/embedder.js';

/**
 * The batch size used when the embedder declares no `maxBatchSize`.
 *
 * @example
 * defaultEmbedBatchSize; // 96
 */
export const defaultEmbedBatchSize = 96;

/**
 * Embeds texts in batches of at most `embedder.maxBatchSize` (96 when it declares none), in order,
 * one batch at a time. Any failure rejects the whole call: the caller writes nothing.
 *
 * @example
 * const vectors = await embedInBatches(embedder, chunks.map((chunk) => chunk.text));
 */
export async function embedInBatches(
  embedder: EmbedderV1,
  texts: readonly string[],
  options: { signal?: AbortSignal; onBatch?: (embedded: number) => void } = {},
): Promise<number[][]> {
  const size = Math.max(1, Math.floor(embedder.maxBatchSize ?? defaultEmbedBatchSize));
  const vectors: number[][] = [];
  for (let start = 0; start < texts.length; start += size) {
    options.signal?.throwIfAborted();
    const batch = texts.slice(start, start + size);
    const embedded = await embedder.embed(
      batch,
      options.signal === undefined ? {} : { signal: options.signal },
    );
    if (embedded.length !== batch.length)
      throw weftError('EMBEDDER_FAILED', {
        message: `The embedder "${embedder.name}" returned ${embedded.length} vectors for ${batch.length} texts.`,
        details: { embedder: embedder.name },
      });
    vectors.push(...embedded);
    options.onBatch?.(vectors.length);
  }
  return vectors;
}
