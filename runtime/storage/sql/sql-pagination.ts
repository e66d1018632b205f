import { decodeCursor, encodeCursor } from '../cursor.js';
import type { SqlRow } from './sql-driver.js';

/**
 * Collects statement parameters and names their placeholders (`$1`, `$2`, ...).
 *
 * @example
 * const { params, parameter } = parameterList();
 * const sql = `SELECT * FROM weft_runs WHERE workflow = ${parameter('orders')}`; // ... = $1
 */
export function parameterList(): { params: unknown[]; parameter: (value: unknown) => string } {
  const params: unknown[] = [];
  return {
    params,
    parameter: (value) => {
      params.push(value);
      return `$${params.length}`;
    },
  };
}

/**
 * The `WHERE` clause of a newest-first list: the filters, and the rows strictly after the cursor.
 *
 * @example
 * whereClause(['workflow = $1'], cursor, parameter); // 'WHERE workflow = $1 AND (created_at < $2 OR ...)'
 */
export function whereClause(
  conditions: readonly string[],
  cursorText: string | undefined,
  parameter: (value: unknown) => string,
): string {
  const all = [...conditions];
  const cursor = decodeCursor(cursorText);
  if (cursor !== undefined) {
    const createdAt = parameter(cursor.createdAt);
    all.push(`(created_at < ${createdAt} OR (created_at = ${createdAt} AND id < ${parameter(cursor.id)}))`);
  }
  return all.length === 0 ? '' : `WHERE ${all.join(' AND ')}`;
}

/**
 * A page from `limit + 1` rows: the first `limit` items, and a cursor when there were more.
 *
 * @example
 * pageOf(rows, 50, runFromRow); // { items, nextCursor? }
 */
export function pageOf<T extends { createdAt: number; id: string }>(
  rows: readonly SqlRow[],
  limit: number,
  map: (row: SqlRow) => T,
): { items: T[]; nextCursor?: string } {
  const items = rows.slice(0, limit).map(map);
  const last = items[items.length - 1];
  return rows.length > limit && last !== undefined ? { items, nextCursor: encodeCursor(last) } : { items };
}
