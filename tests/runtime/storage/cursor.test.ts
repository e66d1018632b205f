import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageSize } from '../../../runtime/storage/cursor.js';

describe('cursor', () => {
  it('decodes what it encodes, ids with any characters included', () => {
    const position = { createdAt: 1_700_000_000_123, id: 'run/ü 😀"x' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    ['garbage', 'not a cursor'],
    ['empty', ''],
    ['wrong shape', Buffer.from('{"a":1}').toString('base64url')],
  ])('starts from the first page for a %s cursor', (_, cursor) => {
    expect(decodeCursor(cursor)).toBeUndefined();
  });

  it.each([
    [undefined, 50],
    [0, 1],
    [10, 10],
    [2.7, 2],
    [1_000_000, 1000],
  ])('clamps a page size of %s to %s', (given, want) => {
    expect(pageSize(given)).toBe(want);
  });
});
