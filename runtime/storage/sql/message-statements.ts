import type { MessageRecordV1 } from '../../spec/v1/storage.js';
import { jsonParam } from './row-mappers.js';
import type { SqlStatement } from './run-update-statement.js';

/** The columns of a message row as `messageFromRow` reads them. */
export const messageColumns = 'id, thread_id, resource_id, role, content::text AS content, created_at';

/**
 * The one upsert of `saveMessages`: insert or replace by message id (a repeated id in the same
 * call keeps the last).
 *
 * @example
 * const { sql, params } = saveMessagesStatement([{ id: 'm1', threadId: 't1', role: 'user', content: 'hi', createdAt: 1 }]);
 */
export function saveMessagesStatement(messages: readonly MessageRecordV1[]): SqlStatement {
  const byId = new Map<string, MessageRecordV1>();
  for (const message of messages) byId.set(message.id, message);
  const list = [...byId.values()];
  return {
    sql: `INSERT INTO weft_messages (id, thread_id, resource_id, role, content, created_at)
       SELECT id, thread_id, resource_id, role, content::jsonb, created_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[]) AS batch(id, thread_id, resource_id, role, content, created_at)
       ON CONFLICT (id) DO UPDATE SET thread_id = excluded.thread_id, resource_id = excluded.resource_id, role = excluded.role,
         content = excluded.content, created_at = excluded.created_at`,
    params: [
      list.map((message) => message.id),
      list.map((message) => message.threadId),
      list.map((message) => message.resourceId ?? null),
      list.map((message) => message.role),
      list.map((message) => jsonParam(message.content)),
      list.map((message) => message.createdAt),
    ],
  };
}

/**
 * The query of `getMessages`: a thread's messages in `createdAt` order (then id), only those older
 * than `before`, and with `last` only the newest N (still oldest first).
 *
 * @example
 * const { sql, params } = getMessagesStatement({ threadId: 't1', last: 20 });
 */
export function getMessagesStatement(query: {
  threadId: string;
  last?: number;
  before?: number;
}): SqlStatement {
  const params: unknown[] = [query.threadId];
  const before = query.before === undefined ? '' : ` AND created_at < $${params.push(query.before)}`;
  const select = `SELECT ${messageColumns} FROM weft_messages WHERE thread_id = $1${before}`;
  if (query.last === undefined) return { sql: `${select} ORDER BY created_at, id`, params };
  const limit = `$${params.push(Math.max(0, Math.floor(query.last)))}`;
  return {
    sql: `SELECT * FROM (${select} ORDER BY created_at DESC, id DESC LIMIT ${limit}) AS newest ORDER BY created_at, id`,
    params,
  };
}
