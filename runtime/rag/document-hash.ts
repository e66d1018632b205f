import { createHash } from 'node:crypto';

/**
 * The content hash of a document as it will be indexed: sha256 (hex) of its text, its metadata
 * (keys sorted), the chunking settings and the embedder name. A document whose hash is unchanged
 * needs no new embeddings; changing the chunking or the embedder re-indexes everything.
 *
 * @example
 * documentHash({ text: 'Hi', metadata: { a: 1 } }, { strategy: 'recursive', size: 800, overlap: 100 }, 'local:hash-384');
 */
export function documentHash(
  document: { readonly text: string; readonly metadata?: unknown },
  chunking: unknown,
  embedder: string,
): string {
  return createHash('sha256')
    .update(sortedJson({ text: document.text, metadata: document.metadata ?? null, chunking, embedder }))
    .digest('hex');
}

function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${sortedJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
