import type { ModelMessage } from 'ai';
import { WeftError } from '../errors/weft-error.js';
import type { MessageRecordV1 } from '../spec/v1/storage.js';
import type { AgentMemoryStore } from './agent-types.js';

/** Where and when new messages are saved. */
export interface MemoryBinding {
  readonly threadId?: string;
  readonly resourceId?: string;
  readonly now: () => number;
  readonly generateId: () => string;
}

/**
 * Saves the messages of one call (the user's, then the model's: assistant text, tool calls and
 * tool results) to the thread, creating the thread when it is new. Nothing without a thread id or
 * a memory store. Messages get increasing `createdAt` values, after the thread's newest, so they
 * read back in order.
 *
 * @example
 * await saveMemory(storage, { threadId: 't-1', now: Date.now, generateId: randomUUID }, [user, ...response.messages]);
 */
export async function saveMemory(
  memory: AgentMemoryStore | undefined,
  binding: MemoryBinding,
  messages: readonly ModelMessage[],
): Promise<void> {
  const { threadId, resourceId } = binding;
  if (memory === undefined || threadId === undefined || messages.length === 0) return;
  const thread = await memory.getThread(threadId);
  // Strictly after the thread's newest message, so two calls in the same millisecond keep their order.
  const newest = thread === undefined ? undefined : (await memory.getMessages({ threadId, last: 1 }))[0];
  const now = Math.max(binding.now(), (newest?.createdAt ?? Number.NEGATIVE_INFINITY) + 1);
  if (thread === undefined) {
    await memory.saveThread({
      id: threadId,
      ...(resourceId === undefined ? {} : { resourceId }),
      createdAt: now,
      updatedAt: now,
    });
  } else {
    await memory.saveThread({ ...thread, updatedAt: now });
  }
  const records: MessageRecordV1[] = messages.map((message, index) => ({
    id: binding.generateId(),
    threadId,
    ...(resourceId === undefined ? {} : { resourceId }),
    role: message.role,
    content: message.content,
    createdAt: now + index,
  }));
  try {
    await memory.saveMessages(records);
  } catch (error) {
    // Stored, not yet indexed for recall: `weft.memory` logged it and indexes them on a later save.
    if (!(WeftError.isInstance(error) && error.code === 'MEMORY_INDEX_FAILED')) throw error;
  }
}
