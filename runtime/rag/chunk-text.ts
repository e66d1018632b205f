import type { KnowledgeGraphV1 } from '../spec/v1/graph.js';
import type { TextPiece } from './chunk-types.js';
import { markdownChunks } from './markdown-chunker.js';
import { recursiveChunks } from './recursive-chunker.js';
import { sentenceChunks } from './sentence-chunker.js';
import { tokenChunks } from './token-chunker.js';

/**
 * The chunking settings of a knowledge base (`spec.chunking`, defaults applied by the compiler).
 *
 * @example
 * const chunking: ChunkingOptions = { strategy: 'markdown', size: 800, overlap: 100 };
 */
export type ChunkingOptions = KnowledgeGraphV1['chunking'];

/**
 * Splits a document's text with the knowledge base's strategy (`recursive`, `markdown`,
 * `sentence` or `token`).
 *
 * @example
 * await chunkText('# Refunds\n\nWithin 30 days.', { strategy: 'markdown', size: 800, overlap: 100 });
 */
export async function chunkText(text: string, options: ChunkingOptions): Promise<TextPiece[]> {
  const size = { size: options.size, overlap: options.overlap };
  switch (options.strategy) {
    case 'markdown':
      return markdownChunks(text, size);
    case 'sentence':
      return sentenceChunks(text, size);
    case 'token':
      return tokenChunks(text, size);
    case 'recursive':
      return recursiveChunks(text, size);
  }
}
