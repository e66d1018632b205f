import { describe, expect, it } from 'vitest';
import { LocalHashEmbedder } from '../../../runtime/embedders/local-hash-embedder.js';
import { WeftError } from '../../../runtime/errors/weft-error.js';

const cosine = (a: readonly number[], b: readonly number[]) =>
  a.reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);

describe('LocalHashEmbedder (local:hash-<dimension>)', () => {
  const embedder = new LocalHashEmbedder(384);

  it('is named after its dimension and returns unit vectors of that length', async () => {
    expect(embedder).toMatchObject({ specificationVersion: 'v1', name: 'local:hash-384', dimension: 384 });
    const vectors = await embedder.embed(['Refund my order A1', '', '!!!']);
    for (const vector of vectors) {
      expect(vector).toHaveLength(384);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 10);
    }
  });

  it('is deterministic: the same text gives the same vector, across instances', async () => {
    const [first] = await embedder.embed(['Where is my parcel?']);
    const [second] = await new LocalHashEmbedder(384).embed(['Where is my parcel?']);
    expect(second).toEqual(first);
  });

  it('ranks texts that share words (and word fragments) above unrelated ones', async () => {
    const [query, related, inflected, unrelated] = await embedder.embed([
      'what is my favourite colour',
      'My favourite colour is teal.',
      'I have favourites among colours',
      'The invoice for order B2 was paid yesterday.',
    ]);
    if (!query || !related || !inflected || !unrelated) throw new Error('missing vectors');
    expect(cosine(query, related)).toBeGreaterThan(cosine(query, unrelated) + 0.3);
    expect(cosine(query, inflected)).toBeGreaterThan(cosine(query, unrelated));
  });

  it.each([
    ['hash-384', 384],
    ['hash-8', 8],
  ])('builds from the model id %s', (modelId, dimension) => {
    expect(LocalHashEmbedder.fromModelId(modelId).dimension).toBe(dimension);
  });

  it.each(['minilm', 'hash-', 'hash-4', 'hash-100000'])(
    'refuses the model id %s with EMBEDDER_NOT_FOUND',
    (modelId) => {
      let caught: unknown;
      try {
        LocalHashEmbedder.fromModelId(modelId);
      } catch (error) {
        caught = error;
      }
      expect(WeftError.isInstance(caught) && caught.code).toBe('EMBEDDER_NOT_FOUND');
    },
  );

  it('rejects an aborted call', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(embedder.embed(['x'], { signal: controller.signal })).rejects.toThrow('stop');
  });
});
