import { weftError } from '../errors/create-weft-error.js';
import type { EmbedderV1, EmbedOptionsV1 } from '../spec/v1/embedder.js';

/**
 * Embeds any number of texts with any `EmbedderV1` (a plugin's too): splits them into calls of at
 * most `embedder.maxBatchSize`, and checks that each call returns one vector per text of
 * `embedder.dimension` numbers (`EMBEDDER_FAILED` / `EMBEDDER_DIMENSION_MISMATCH` otherwise), so
 * callers (memory, knowledge bases) can trust what they store.
 *
 * @example
 * const vectors = await embedTexts(embedder, chunks.map((chunk) => chunk.text), { signal });
 */
export async function embedTexts(
  embedder: EmbedderV1,
  texts: readonly string[],
  options: EmbedOptionsV1 = {},
): Promise<number[][]> {
  const size =
    embedder.maxBatchSize !== undefined && embedder.maxBatchSize > 0 ? embedder.maxBatchSize : texts.length;
  const vectors: number[][] = [];
  for (let start = 0; start < texts.length; start += Math.max(1, size)) {
    const batch = texts.slice(start, start + Math.max(1, size));
    const embedded = await embedder.embed(batch, options);
    if (!Array.isArray(embedded) || embedded.length !== batch.length) {
      throw weftError('EMBEDDER_FAILED', {
        message: `The embedder "${embedder.name}" returned ${Array.isArray(embedded) ? embedded.length : 'no'} vectors for ${batch.length} texts.`,
        details: { embedder: embedder.name, batchSize: batch.length },
        retryable: false,
      });
    }
    for (const vector of embedded) {
      if (!Array.isArray(vector) || vector.length !== embedder.dimension) {
        throw weftError('EMBEDDER_DIMENSION_MISMATCH', {
          message: `The embedder "${embedder.name}" returned a vector of ${Array.isArray(vector) ? vector.length : 0} numbers; ${embedder.dimension} were expected.`,
          details: {
            embedder: embedder.name,
            expected: embedder.dimension,
            actual: Array.isArray(vector) ? vector.length : 0,
            index: vectors.length,
          },
        });
      }
      vectors.push(vector);
    }
  }
  return vectors;
}
