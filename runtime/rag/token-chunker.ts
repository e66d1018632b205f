import type { ChunkSizeOptions, TextPiece } from './chunk-types.js';

interface Tokenizer {
  encode(text: string): number[];
  decode(tokens: readonly number[]): string;
}

let tokenizer: Promise<Tokenizer> | undefined;

/** `gpt-tokenizer` (o200k_base), loaded on first use: its tables take a few hundred ms to load. */
function loadTokenizer(): Promise<Tokenizer> {
  tokenizer ??= import('gpt-tokenizer/encoding/o200k_base').then((module) => ({
    // Text that spells a special token (`<|endoftext|>`) is encoded as plain text.
    encode: (text) => module.encode(text, { disallowedSpecial: new Set() }),
    decode: (tokens) => module.decode(tokens),
  }));
  return tokenizer;
}

/**
 * The `token` chunker: windows of `size` tokens (the o200k_base encoding of `gpt-tokenizer`), each
 * starting `size - overlap` tokens after the previous one, decoded back to text. Use it when an
 * embedder limits its input in tokens.
 *
 * @example
 * await tokenChunks('a long text ...', { size: 256, overlap: 32 });
 */
export async function tokenChunks(text: string, options: ChunkSizeOptions): Promise<TextPiece[]> {
  const { encode, decode } = await loadTokenizer();
  const size = Math.max(1, options.size);
  const overlap = Math.min(Math.max(0, options.overlap), size - 1);
  const tokens = encode(text);
  const chunks: TextPiece[] = [];
  for (let start = 0; start < tokens.length; start += size - overlap) {
    const chunk = decode(tokens.slice(start, start + size)).trim();
    if (chunk !== '') chunks.push({ text: chunk });
    if (start + size >= tokens.length) break;
  }
  return chunks;
}
