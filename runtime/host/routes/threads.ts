import { weftError } from '../../errors/create-weft-error.js';
import type { MessageInput } from '../../memory/memory-types.js';
import type { RouteModule } from '../host-context.js';
import type { HostedMemory } from '../hosted-weft.js';
import { validateRequest } from '../validate-request.js';

type ThreadParams = { Params: { id: string } };

const idSchema = { type: 'string', minLength: 1, maxLength: 256 } as const;

/** Closed: unknown fields are a 400. */
const createThreadBodySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: idSchema,
    resourceId: idSchema,
    title: { type: 'string', maxLength: 1000 },
    metadata: { type: 'object' },
  },
} as const;

const listThreadsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    resourceId: idSchema,
    limit: { type: 'string', pattern: '^(100|[1-9][0-9]?)$' },
    cursor: { type: 'string', minLength: 1, maxLength: 1000 },
  },
} as const;

const getMessagesQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    last: { type: 'string', pattern: '^(0|[1-9][0-9]{0,3})$' },
    before: { type: 'string', pattern: '^[0-9]{1,15}$' },
  },
} as const;

/** Closed at every level the host knows; the content of each message is checked by memory (`MESSAGE_INVALID`). */
const saveMessagesBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['messages'],
  properties: {
    messages: {
      type: 'array',
      minItems: 1,
      maxItems: 1000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['role', 'content'],
        properties: {
          id: idSchema,
          role: { enum: ['system', 'user', 'assistant', 'tool'] },
          content: { anyOf: [{ type: 'string' }, { type: 'array', minItems: 1, items: { type: 'object' } }] },
          createdAt: { type: 'integer', minimum: 0 },
        },
      },
    },
  },
} as const;

interface SaveMessagesBody {
  readonly messages: readonly Omit<MessageInput, 'threadId'>[];
}

/**
 * The memory API (registered when the weft has `memory`): `GET /api/threads?resourceId=&limit=&cursor=`
 * (`{ items, nextCursor? }`, newest first), `POST /api/threads` (`{ id?, resourceId?, title?,
 * metadata? }` -> 201 thread; 409 `THREAD_ALREADY_EXISTS`), `GET /api/threads/:id`,
 * `DELETE /api/threads/:id` (204; the messages and their vectors go too),
 * `GET /api/threads/:id/messages?last=&before=` (`{ items }`, oldest first) and
 * `POST /api/threads/:id/messages` (`{ messages: [{ id?, role, content, createdAt? }] }` -> 201
 * `{ items }`; saving an id again keeps one message). An unknown thread is 404 `THREAD_NOT_FOUND`;
 * a bad body 400 with the JSON pointer. Scopes: `memory:read` for GET, `memory:write` otherwise.
 *
 * @example
 * await app.inject({ method: 'POST', url: '/api/threads/t-1/messages', payload: { messages: [{ role: 'user', content: 'hi' }] } });
 */
export const threadRoutes: RouteModule = (app, { weft }) => {
  const memory = weft.memory;
  if (memory === undefined) return;
  const read = { config: { scope: 'memory:read' as const } };
  const write = { config: { scope: 'memory:write' as const } };

  app.get('/api/threads', { config: { ...read.config, query: true } }, async (request) => {
    const query = validateRequest<{ resourceId?: string; limit?: string; cursor?: string }>(
      listThreadsQuerySchema,
      request.query ?? {},
      'query',
    );
    return memory.listThreads({
      limit: query.limit === undefined ? 20 : Number(query.limit),
      ...(query.resourceId === undefined ? {} : { resourceId: query.resourceId }),
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    });
  });

  app.post('/api/threads', write, async (request, reply) => {
    const body = validateRequest<{
      id?: string;
      resourceId?: string;
      title?: string;
      metadata?: Record<string, unknown>;
    }>(createThreadBodySchema, request.body ?? {}, 'request body');
    return reply.status(201).send(await memory.createThread(body));
  });

  app.get<ThreadParams>('/api/threads/:id', read, async (request) =>
    existingThread(memory, request.params.id),
  );

  app.delete<ThreadParams>('/api/threads/:id', write, async (request, reply) => {
    const thread = await existingThread(memory, request.params.id);
    await memory.deleteThread(thread.id);
    return reply.status(204).send();
  });

  app.get<ThreadParams>(
    '/api/threads/:id/messages',
    { config: { ...read.config, query: true } },
    async (request) => {
      const query = validateRequest<{ last?: string; before?: string }>(
        getMessagesQuerySchema,
        request.query ?? {},
        'query',
      );
      const thread = await existingThread(memory, request.params.id);
      const items = await memory.getMessages({
        threadId: thread.id,
        ...(query.last === undefined ? {} : { last: Number(query.last) }),
        ...(query.before === undefined ? {} : { before: Number(query.before) }),
      });
      return { items };
    },
  );

  app.post<ThreadParams>('/api/threads/:id/messages', write, async (request, reply) => {
    const body = validateRequest<SaveMessagesBody>(saveMessagesBodySchema, request.body, 'request body');
    const thread = await existingThread(memory, request.params.id);
    const items = await memory.saveMessages(
      body.messages.map((message) => ({ ...message, threadId: thread.id })),
    );
    return reply.status(201).send({ items });
  });
};

/** The thread, or 404 `THREAD_NOT_FOUND` whatever the id looks like. */
async function existingThread(memory: HostedMemory, id: string) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  const plausible = id.length > 0 && id.length <= 256 && !/[\u0000-\u001f\u007f]/.test(id);
  const thread = plausible ? await memory.getThread(id) : undefined;
  if (thread !== undefined) return thread;
  throw weftError('THREAD_NOT_FOUND', {
    message: 'No memory thread has this id.',
    details: { threadId: id.slice(0, 200) },
  });
}
