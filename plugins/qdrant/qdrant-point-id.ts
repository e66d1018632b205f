import { createHash } from 'node:crypto';

/** The namespace of weft's point ids (a fixed random UUID, so ids are stable across releases). */
const weftNamespace = Buffer.from('3d0b4c6e8f7a4b1c9e2d5f6a7b8c9d0e', 'hex');

/**
 * The Qdrant point id of a weft vector id: a name-based UUID (RFC 9562 version 5: SHA-1 of a
 * fixed namespace and the id), because Qdrant accepts only unsigned integers and UUIDs. The same
 * id always maps to the same point, so upserts replace; the original id is kept in the payload
 * (`_weft_id`) and read back from there.
 *
 * @example
 * qdrantPointId('chunk-1'); // 'xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx', the same on every call
 */
export function qdrantPointId(id: string): string {
  const hash = createHash('sha1').update(weftNamespace).update(id, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The payload key that holds the weft id of a point.
 *
 * @example
 * point.payload[weftIdKey]; // 'chunk-1'
 */
export const weftIdKey = '_weft_id';
