/**
 * Opaque pagination cursors shared by every storage adapter: the sort key of the last item of a
 * page (`createdAt` and `id`), encoded as base64url JSON. Lists are newest first, so the next page
 * holds the items strictly "older" than the cursor (`createdAt` smaller, or equal with a smaller id).
 *
 * @example
 * const cursor = encodeCursor({ createdAt: 5, id: 'r9' });
 * decodeCursor(cursor); // { createdAt: 5, id: 'r9' }
 */
export interface CursorPosition {
  readonly createdAt: number;
  readonly id: string;
}

/**
 * Encodes a list position as an opaque string.
 *
 * @example
 * encodeCursor({ createdAt: 1700000000000, id: 'run-1' });
 */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id]), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by `encodeCursor`; an unreadable cursor decodes to `undefined` (first page).
 *
 * @example
 * decodeCursor('not-a-cursor'); // undefined
 */
export function decodeCursor(cursor: string | undefined): CursorPosition | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') {
      return { createdAt: value[0], id: value[1] };
    }
  } catch {
    // fall through: an unreadable cursor starts from the first page
  }
  return undefined;
}

/**
 * True when `item` comes after the cursor in newest-first order.
 *
 * @example
 * isAfterCursor({ createdAt: 4, id: 'a' }, { createdAt: 5, id: 'b' }); // true
 */
export function isAfterCursor(item: CursorPosition, cursor: CursorPosition): boolean {
  return item.createdAt < cursor.createdAt || (item.createdAt === cursor.createdAt && item.id < cursor.id);
}

/**
 * Default page size of `listRuns` and `listThreads`.
 *
 * @example
 * storage.listRuns({}); // at most defaultPageSize items
 */
export const defaultPageSize = 50;

/**
 * Largest page size of `listRuns` and `listThreads` (larger limits are clamped).
 *
 * @example
 * storage.listRuns({ limit: 5000 }); // at most maximumPageSize items
 */
export const maximumPageSize = 1000;

/**
 * Clamps a requested page size to `1..maximumPageSize` (default `defaultPageSize`).
 *
 * @example
 * pageSize(undefined); // 50
 */
export function pageSize(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return defaultPageSize;
  return Math.min(maximumPageSize, Math.max(1, Math.floor(limit)));
}
