import { weftError } from '../errors/create-weft-error.js';
import type { EmbedderV1, EmbedOptionsV1 } from '../spec/v1/embedder.js';

/** The smallest and largest dimension `local:hash-<dimension>` accepts. */
export const localHashDimensionRange = { min: 8, max: 8192 } as const;

/** Very common English words: kept, but weighted down so that they do not dominate the overlap. */
const stopWords = new Set(
  'a an and are as at be but by do does for from has have i in is it its me my of on or our so that the their them they this to was we were what when where which who why will with you your'.split(
    ' ',
  ),
);

const weights = { word: 1, stopWord: 0.25, bigram: 0.5, trigram: 0.35 } as const;

/** FNV-1a (32 bits) over the UTF-16 code units of `text`, with a seed. */
function fnv1a(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Lower-cased NFKC words (letters and digits). */
function wordsOf(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * The lexical vector of one text: signed feature hashing of word unigrams, word bigrams and the
 * character 3-grams of each word (with word-boundary marks), l2-normalised.
 */
function hashVector(text: string, dimension: number): number[] {
  const vector = new Array<number>(dimension).fill(0);
  const add = (feature: string, weight: number): void => {
    const bucket = fnv1a(feature, 0x9e3779b9) % dimension;
    const sign = (fnv1a(feature, 0x85ebca6b) & 1) === 0 ? 1 : -1;
    vector[bucket] = (vector[bucket] ?? 0) + sign * weight;
  };
  const words = wordsOf(text);
  words.forEach((word, index) => {
    const stop = stopWords.has(word);
    add(`w:${word}`, stop ? weights.stopWord : weights.word);
    const next = words[index + 1];
    if (next !== undefined) add(`b:${word} ${next}`, weights.bigram);
    if (stop) return;
    const marked = `<${word}>`;
    const trigrams = Math.max(1, marked.length - 2);
    for (let start = 0; start + 3 <= marked.length; start += 1)
      add(`c:${marked.slice(start, start + 3)}`, weights.trigram / Math.sqrt(trigrams));
  });
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  if (norm === 0) {
    // No word at all (or features that cancelled out): a fixed direction per text, still unit length.
    vector[fnv1a(text, 7) % dimension] = 1;
    return vector;
  }
  return vector.map((value) => value / norm);
}

/**
 * The offline default embedder, `local:hash-<dimension>` (e.g. `local:hash-384`): runs in-process,
 * downloads nothing, and is deterministic (the same text always gives the same vector). It is
 * LEXICAL, not semantic: texts are close when they share words, word pairs or word fragments
 * (signed feature hashing of word unigrams, bigrams and character 3-grams, l2-normalised), so
 * "refund my order" finds "order refund policy" but not "money back for a purchase". Use a model
 * embedder (`openai:text-embedding-3-small`, an openai-compatible server) for meaning.
 *
 * @example
 * const embedder = new LocalHashEmbedder(384);
 * const [vector] = await embedder.embed(['refund order A1']); // 384 numbers, unit length
 */
export class LocalHashEmbedder implements EmbedderV1 {
  readonly specificationVersion = 'v1' as const;
  readonly name: string;
  readonly dimension: number;

  constructor(dimension: number) {
    const { min, max } = localHashDimensionRange;
    if (!Number.isInteger(dimension) || dimension < min || dimension > max) {
      throw weftError('EMBEDDER_NOT_FOUND', {
        message: `The local hash embedder takes a whole dimension from ${min} to ${max} (got ${dimension}).`,
        details: { embedder: `local:hash-${dimension}`, known: ['local:hash-<dimension>'] },
      });
    }
    this.dimension = dimension;
    this.name = `local:hash-${dimension}`;
  }

  /**
   * The embedder for a model id of the `local` provider (`hash-384`); `EMBEDDER_NOT_FOUND` for any
   * other model id.
   *
   * @example
   * LocalHashEmbedder.fromModelId('hash-384').dimension; // 384
   */
  static fromModelId(modelId: string): LocalHashEmbedder {
    const match = /^hash-(\d{1,5})$/.exec(modelId);
    if (match?.[1] === undefined) {
      throw weftError('EMBEDDER_NOT_FOUND', {
        message: `The local embedding provider has no model "${modelId}": use local:hash-<dimension>, e.g. local:hash-384.`,
        details: { embedder: `local:${modelId}`, known: ['local:hash-<dimension>'] },
      });
    }
    return new LocalHashEmbedder(Number(match[1]));
  }

  async embed(texts: readonly string[], options: EmbedOptionsV1 = {}): Promise<number[][]> {
    options.signal?.throwIfAborted();
    return texts.map((text) => hashVector(text, this.dimension));
  }
}
