import { hashEmbedding } from './hash-embedding.js';

/** One recorded `POST /v1/embeddings` call. */
export interface RecordedEmbeddingRequest {
  readonly model: string;
  readonly input: readonly string[];
  readonly dimensions: number;
}

/**
 * The answer to a `POST /v1/embeddings` body: one {@link hashEmbedding} per input, of the
 * requested `dimensions` (else `defaultDimensions`), with usage; and what to record of the call.
 *
 * @example
 * embeddingsReply({ model: 'text-embedding-3-small', input: ['hi'], dimensions: 8 }, 1536).json.data[0].embedding.length; // 8
 */
export function embeddingsReply(
  body: Readonly<Record<string, unknown>>,
  defaultDimensions: number,
): { record: RecordedEmbeddingRequest; json: Record<string, unknown> } {
  const input = (Array.isArray(body.input) ? body.input : [body.input]).map(String);
  const dimensions =
    typeof body.dimensions === 'number' && body.dimensions > 0 ? body.dimensions : defaultDimensions;
  const model = String(body.model);
  const data = input.map((text, index) => ({
    object: 'embedding',
    index,
    embedding: hashEmbedding(text, dimensions),
  }));
  const tokens = input.reduce((sum, text) => sum + Math.max(1, Math.ceil(text.length / 4)), 0);
  return {
    record: { model, input, dimensions },
    json: { object: 'list', data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } },
  };
}
