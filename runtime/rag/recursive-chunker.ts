import type { ChunkSizeOptions, TextPiece } from './chunk-types.js';
import { mergePieces } from './merge-pieces.js';
import { splitSentences } from './split-sentences.js';

type Splitter = (text: string) => string[];

/** Splits after every occurrence of `separator`, keeping it at the end of the piece before. */
const splitAfter =
  (separator: string): Splitter =>
  (text) => {
    const pieces: string[] = [];
    let start = 0;
    for (let at = text.indexOf(separator); at !== -1; at = text.indexOf(separator, start)) {
      pieces.push(text.slice(start, at + separator.length));
      start = at + separator.length;
    }
    if (start < text.length) pieces.push(text.slice(start));
    return pieces;
  };

/** Paragraphs, lines, sentences, words, then (last resort) characters. */
const splitters: readonly Splitter[] = [
  splitAfter('\n\n'),
  splitAfter('\n'),
  splitSentences,
  splitAfter(' '),
  (text) => Array.from(text),
];

/**
 * The `recursive` chunker: splits on paragraphs, then lines, sentences, words and characters, only
 * going finer where a piece is still longer than `size`, and packs the pieces into chunks of at
 * most `size` characters with about `overlap` characters repeated between neighbours.
 *
 * @example
 * recursiveChunks('First paragraph.\n\nSecond one.', { size: 20, overlap: 0 });
 * // [{ text: 'First paragraph.' }, { text: 'Second one.' }]
 */
export function recursiveChunks(text: string, options: ChunkSizeOptions): TextPiece[] {
  const size = Math.max(1, options.size);
  const overlap = Math.min(Math.max(0, options.overlap), size - 1);
  return mergePieces(splitToFit(text, size, 0), size, overlap).map((chunk) => ({ text: chunk }));
}

/** Pieces of `text`, each at most `size` long, split as coarsely as possible. */
function splitToFit(text: string, size: number, level: number): string[] {
  if (text.length <= size) return [text];
  const split = splitters[level];
  if (split === undefined) return [text];
  const pieces = split(text);
  if (pieces.length <= 1) return splitToFit(text, size, level + 1);
  return pieces.flatMap((piece) => (piece.length <= size ? [piece] : splitToFit(piece, size, level + 1)));
}
