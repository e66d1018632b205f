/**
 * One piece of a document as a chunker returns it: its text and, for the markdown chunker, the
 * path of headings it sits under.
 *
 * @example
 * const piece: TextPiece = { text: 'Refunds go back to the card.', section: 'Refunds policy' };
 */
export interface TextPiece {
  readonly text: string;
  /** The heading path, `Refunds > Timelines` (markdown only). */
  readonly section?: string;
}

/**
 * The size settings of a chunker: `size` and `overlap` in characters (tokens for the token
 * chunker). `overlap` is clamped below `size`.
 *
 * @example
 * const options: ChunkSizeOptions = { size: 800, overlap: 100 };
 */
export interface ChunkSizeOptions {
  readonly size: number;
  readonly overlap: number;
}
