import type { RecordMetadata } from '@pinecone-database/pinecone';
import { weftError } from '../../runtime/errors/create-weft-error.js';
import type { VectorMetadataV1 } from '../../runtime/spec/v1/vector-store.js';
import { flattenMetadata, nestMetadata } from '../../runtime/vector/hosted/flatten-metadata.js';

/**
 * Pinecone metadata is flat (string, number, boolean, list of strings). Nested objects are
 * flattened to dotted keys (`{ author: { name: 'Ada' } }` -> `{ 'author.name': 'Ada' }`), so a
 * filter on the dotted path `author.name` works unchanged; `null` values are dropped (a missing
 * field and `null` mean the same in weft filters). Lists of numbers, booleans or objects cannot be
 * stored: `VALIDATION_FAILED` naming the field.
 *
 * @example
 * toPineconeMetadata('docs', 'a', { author: { name: 'Ada' }, tags: ['x'], draft: null });
 * // { 'author.name': 'Ada', tags: ['x'] }
 */
export function toPineconeMetadata(index: string, id: string, metadata: VectorMetadataV1): RecordMetadata {
  return flattenMetadata(metadata, (key, list) => {
    if (list.every((item) => typeof item === 'string')) return;
    throw weftError('VALIDATION_FAILED', {
      message: `Pinecone cannot store the metadata field "${key}" of vector "${id}" in "${index}": lists may only hold strings.`,
      details: { store: 'pinecone', index, id, field: key },
    });
  }) as RecordMetadata;
}

/**
 * The weft metadata of a Pinecone record: dotted keys are nested again.
 *
 * @example
 * fromPineconeMetadata({ 'author.name': 'Ada', lang: 'en' }); // { author: { name: 'Ada' }, lang: 'en' }
 */
export function fromPineconeMetadata(metadata: RecordMetadata): VectorMetadataV1 {
  return nestMetadata(metadata);
}
