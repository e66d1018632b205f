import type { VectorMetadataV1 } from '../spec/v1/vector-store.js';
import { type ChunkingOptions, chunkText } from './chunk-text.js';
import type { KnowledgeDocument } from './knowledge-types.js';

/**
 * One chunk of a document, ready to embed and store.
 *
 * @example
 * const chunk: DocumentChunk = { id: 'refunds#0', embedText: 'Refunds\n\n# Refunds ...', metadata: { documentId: 'refunds', chunkIndex: 0, text: '# Refunds ...' } };
 */
export interface DocumentChunk {
  /** `<documentId>#<chunkIndex>`. */
  readonly id: string;
  /** What is embedded: the section path (markdown) and the chunk text. */
  readonly embedText: string;
  /** The document's metadata, plus `documentId`, `chunkIndex`, `text` and `section` (markdown). */
  readonly metadata: VectorMetadataV1;
}

/**
 * Splits a document with the knowledge base's chunking and gives each chunk its id
 * (`<documentId>#<n>`) and metadata. A document whose chunker finds no text (a Markdown file of
 * headings only) becomes one chunk of its whole text.
 *
 * @example
 * const chunks = await chunkDocument({ id: 'refunds', text: '# Refunds\n\nWithin 30 days.' }, chunking);
 * chunks[0]?.metadata; // { documentId: 'refunds', chunkIndex: 0, text: '# Refunds\n\nWithin 30 days.', section: 'Refunds' }
 */
export async function chunkDocument(
  document: KnowledgeDocument,
  chunking: ChunkingOptions,
): Promise<DocumentChunk[]> {
  const pieces = await chunkText(document.text, chunking);
  const chosen = pieces.length > 0 ? pieces : [{ text: document.text.trim() }];
  return chosen.map((piece, chunkIndex) => ({
    id: `${document.id}#${chunkIndex}`,
    embedText: piece.section === undefined ? piece.text : `${piece.section}\n\n${piece.text}`,
    metadata: {
      ...document.metadata,
      ...(piece.section === undefined ? {} : { section: piece.section }),
      documentId: document.id,
      chunkIndex,
      text: piece.text,
    },
  }));
}
