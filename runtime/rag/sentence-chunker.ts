import type { ChunkSizeOptions, TextPiece } from './chunk-types.js';
import { mergePieces } from './merge-pieces.js';
import { recursiveChunks } from './recursive-chunker.js';
import { splitSentences } from './split-sentences.js';

/**
 * The `sentence` chunker: whole sentences packed into chunks of at most `size` characters, the
 * last sentences of a chunk (up to `overlap` characters) repeated at the start of the next. A
 * sentence longer than `size` is split with the recursive chunker.
 *
 * @example
 * sentenceChunks('One. Two. Three.', { size: 10, overlap: 0 });
 * // [{ text: 'One. Two.' }, { text: 'Three.' }]
 */
export function sentenceChunks(text: string, options: ChunkSizeOptions): TextPiece[] {
  const size = Math.max(1, options.size);
  const overlap = Math.min(Math.max(0, options.overlap), size - 1);
  const pieces = splitSentences(text).flatMap((sentence) =>
    sentence.length <= size
      ? [sentence]
      : recursiveChunks(sentence, { size, overlap: 0 }).map((chunk) => `${chunk.text} `),
  );
  return mergePieces(pieces, size, overlap).map((chunk) => ({ text: chunk }));
}
