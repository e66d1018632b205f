import { extname } from 'node:path';
import { weftError } from '../errors/create-weft-error.js';
import type { VectorMetadataV1 } from '../spec/v1/vector-store.js';
import { htmlToText } from './html-to-text.js';
import { jsonToText } from './json-to-text.js';
import type { KnowledgeDocument } from './knowledge-types.js';

/**
 * How files are read, by extension; any other extension is read as plain text.
 *
 * @example
 * documentTypes['.md']; // 'markdown'
 */
export const documentTypes: Readonly<Record<string, 'markdown' | 'html' | 'json' | 'text'>> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.mdx': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.json': 'json',
  '.txt': 'text',
};

/**
 * Reads one source file as a document, by extension: Markdown and text as they are, HTML as its
 * text (headings kept as Markdown headings, the `<title>` in metadata `title`), JSON as its string
 * leaves (see `jsonToText`). The id is `path` (relative to the manifest's folder, `/`
 * separators), and `path` is also in the metadata. A file that is not UTF-8 text (or holds NUL
 * bytes), or invalid JSON, is `DOCUMENT_PARSE_FAILED` naming the file.
 *
 * @example
 * loadFileDocument('help-center/refunds.md', await readFile(file), { source: 'help-center' });
 */
export function loadFileDocument(
  path: string,
  bytes: Uint8Array,
  metadata?: VectorMetadataV1,
): KnowledgeDocument {
  const type = documentTypes[extname(path).toLowerCase()] ?? 'text';
  const raw = decodeUtf8(path, bytes);
  let text = raw;
  let extra: VectorMetadataV1 = {};
  if (type === 'html') {
    const page = htmlToText(raw);
    text = page.text;
    if (page.title !== undefined) extra = { title: page.title };
  } else if (type === 'json') {
    text = jsonToText(parseJson(path, raw));
  }
  return { id: path, text, metadata: { ...metadata, ...extra, path } };
}

function decodeUtf8(path: string, bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw parseFailed(path, 'it is not UTF-8 text', error);
  }
  if (text.includes('\u0000')) throw parseFailed(path, 'it holds NUL bytes (a binary file?)');
  return text.startsWith('\ufeff') ? text.slice(1) : text;
}

function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw parseFailed(
      path,
      `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      error,
    );
  }
}

function parseFailed(path: string, reason: string, cause?: unknown) {
  return weftError('DOCUMENT_PARSE_FAILED', {
    message: `The file "${path}" cannot be read as a document: ${reason}.`,
    details: { file: path },
    ...(cause === undefined ? {} : { cause }),
  });
}
