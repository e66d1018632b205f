/**
 * Packs consecutive pieces (each with its trailing separator) into chunks of at most `size`
 * characters; each new chunk starts with the last pieces of the previous one, up to `overlap`
 * characters. A piece longer than `size` becomes a chunk of its own (the caller splits it further
 * first). Chunks are trimmed; blank ones are dropped.
 *
 * @example
 * mergePieces(['One. ', 'Two. ', 'Three.'], 12, 5); // ['One. Two.', 'Two. Three.']
 */
export function mergePieces(pieces: readonly string[], size: number, overlap: number): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let length = 0;
  const flush = () => {
    const text = current.join('').trim();
    if (text !== '') chunks.push(text);
  };
  for (const piece of pieces) {
    // A trailing separator does not count: chunks are trimmed.
    if (length + piece.trimEnd().length > size && current.length > 0) {
      flush();
      // Keep the tail of the chunk as the overlap, dropping pieces from the front.
      while (current.length > 0 && (length > overlap || length + piece.trimEnd().length > size)) {
        length -= current[0]?.length ?? 0;
        current = current.slice(1);
      }
    }
    current.push(piece);
    length += piece.length;
  }
  flush();
  return chunks;
}
