import { weftError } from '../errors/create-weft-error.js';
import type { StorageV1 } from '../spec/v1/storage.js';
import type { MemoryMessage, MessageInput } from './memory-types.js';
import { validateMessage } from './validate-message.js';

/** What {@link prepareMessages} reads and writes. */
export interface PrepareMessagesContext {
  readonly storage: Pick<StorageV1, 'getThread' | 'saveThread' | 'getMessages'>;
  readonly now: () => number;
  readonly generateId: () => string;
}

/**
 * Turns messages to save into stored records: validates every one first (`MESSAGE_INVALID` with
 * the pointer `/messages/<i>/...`, nothing written), keeps the last of two with the same id,
 * generates missing ids, creates threads that do not exist (with the first message's
 * `resourceId`) and touches the others' `updatedAt`. A message without `createdAt` keeps the time
 * it was stored with when its id was saved before (so a retried save changes nothing), else gets
 * a time after the thread's newest message, in array order. `resourceId` defaults to the thread's.
 *
 * @example
 * const records = await prepareMessages([{ threadId: 't-1', role: 'user', content: 'hi' }], { storage, now: Date.now, generateId: randomUUID });
 * await storage.saveMessages(records);
 */
export async function prepareMessages(
  input: unknown,
  context: PrepareMessagesContext,
): Promise<MemoryMessage[]> {
  if (!Array.isArray(input)) {
    throw weftError('MESSAGE_INVALID', {
      message: 'The messages must be an array.',
      details: { pointer: '/messages', issues: [{ pointer: '/messages', message: 'must be an array' }] },
    });
  }
  const valid = input.map((message, index) => validateMessage(message, `/messages/${index}`));
  const byThread = new Map<string, MessageInput[]>();
  for (const message of valid) {
    const list = byThread.get(message.threadId) ?? [];
    list.push(message);
    byThread.set(message.threadId, list);
  }
  const records = new Map<string, MemoryMessage>();
  for (const [threadId, messages] of byThread) {
    for (const record of await prepareThread(threadId, messages, context)) {
      records.delete(record.id);
      records.set(record.id, record);
    }
  }
  return [...records.values()];
}

async function prepareThread(
  threadId: string,
  messages: readonly MessageInput[],
  { storage, now: clock, generateId }: PrepareMessagesContext,
): Promise<MemoryMessage[]> {
  const now = clock();
  const thread = await storage.getThread(threadId);
  const resourceId = thread?.resourceId ?? messages.find((message) => message.resourceId)?.resourceId;
  if (thread === undefined) {
    await storage.saveThread({
      id: threadId,
      ...(resourceId === undefined ? {} : { resourceId }),
      createdAt: now,
      updatedAt: now,
    });
  } else {
    await storage.saveThread({ ...thread, updatedAt: Math.max(now, thread.updatedAt) });
  }
  const needsStoredTimes =
    thread !== undefined && messages.some((m) => m.id !== undefined && m.createdAt === undefined);
  const stored = needsStoredTimes ? await storage.getMessages({ threadId }) : [];
  const storedTimes = new Map(stored.map((message) => [message.id, message.createdAt]));
  const newest =
    thread === undefined
      ? undefined
      : (stored.at(-1) ?? (await storage.getMessages({ threadId, last: 1 }))[0]);
  let next = Math.max(now, (newest?.createdAt ?? Number.NEGATIVE_INFINITY) + 1);
  return messages.map((message) => {
    const id = message.id ?? generateId();
    const createdAt = message.createdAt ?? storedTimes.get(id) ?? next++;
    const owner = message.resourceId ?? resourceId;
    return {
      id,
      threadId,
      ...(owner === undefined ? {} : { resourceId: owner }),
      role: message.role,
      content: message.content,
      createdAt,
    };
  });
}
