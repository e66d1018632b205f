import { weftError } from '../errors/create-weft-error.js';
import type { KnowledgeDocument } from './knowledge-types.js';

/**
 * Metadata keys weft sets on every chunk; documents cannot set them.
 *
 * @example
 * reservedMetadataKeys.includes('text'); // true
 */
export const reservedMetadataKeys: readonly string[] = ['text', 'documentId', 'chunkIndex'];

/**
 * The longest document id accepted.
 *
 * @example
 * maxDocumentIdLength; // 512
 */
export const maxDocumentIdLength = 512;

/**
 * Checks the documents given to `rag.add()`: an array of `{ id, text, metadata? }` with no other
 * keys, a non-empty id (at most 512 characters, unique in the call), a text with some non-blank
 * character, metadata a JSON object without the reserved keys (`text`, `documentId`,
 * `chunkIndex`). A problem is `DOCUMENT_INVALID` with the JSON pointer (`/documents/2/text`).
 *
 * @example
 * validateDocuments([{ id: 'refunds', text: 'Within 30 days.' }]);
 */
export function validateDocuments(documents: unknown): KnowledgeDocument[] {
  if (!Array.isArray(documents)) throw invalid('/documents', 'must be an array of { id, text, metadata? }');
  const seen = new Set<string>();
  documents.forEach((document: unknown, index) => {
    const at = `/documents/${index}`;
    if (!isPlainObject(document)) throw invalid(at, 'must be an object { id, text, metadata? }');
    for (const key of Object.keys(document))
      if (key !== 'id' && key !== 'text' && key !== 'metadata')
        throw invalid(`${at}/${key}`, 'is not allowed');
    const { id, text, metadata } = document;
    if (typeof id !== 'string' || id.trim() === '') throw invalid(`${at}/id`, 'must be a non-empty string');
    if (id.length > maxDocumentIdLength)
      throw invalid(`${at}/id`, `must be at most ${maxDocumentIdLength} characters`);
    if (seen.has(id)) throw invalid(`${at}/id`, `repeats the id "${id}" of an earlier document`);
    seen.add(id);
    if (typeof text !== 'string' || text.trim() === '')
      throw invalid(`${at}/text`, 'must be a string with some text');
    if (metadata === undefined) return;
    if (!isPlainObject(metadata)) throw invalid(`${at}/metadata`, 'must be an object');
    for (const key of reservedMetadataKeys)
      if (Object.hasOwn(metadata, key))
        throw invalid(`${at}/metadata/${key}`, 'is set by weft on every chunk');
    checkJson(metadata, `${at}/metadata`);
  });
  return documents as KnowledgeDocument[];
}

function checkJson(value: unknown, at: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalid(at, 'must be a finite number');
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item: unknown, index) => {
      checkJson(item, `${at}/${index}`);
    });
    return;
  }
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value))
      checkJson(item, `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    return;
  }
  throw invalid(at, 'must be JSON (a string, number, boolean, null, array or object)');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function invalid(pointer: string, problem: string) {
  return weftError('DOCUMENT_INVALID', {
    message: `Invalid document: ${pointer} ${problem}.`,
    details: { pointer },
  });
}
