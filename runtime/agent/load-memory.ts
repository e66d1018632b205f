import type { ModelMessage } from 'ai';
import type { AgentGraphV1 } from '../spec/v1/graph.js';
import type { MessageRecordV1 } from '../spec/v1/storage.js';
import type { AgentMemoryStore } from './agent-types.js';

/**
 * Loads the last `memory.lastMessages` messages of the call's thread, oldest first, as model
 * messages. Nothing without a thread id, a memory store, or memory on the agent. Stored messages
 * whose content a model cannot take (a tool message with text content) are left out.
 *
 * @example
 * const history = await loadMemory(storage, graph.agents.support, { threadId: 't-1' });
 */
export async function loadMemory(
  memory: AgentMemoryStore | undefined,
  agent: AgentGraphV1,
  binding: { readonly threadId?: string },
): Promise<ModelMessage[]> {
  if (memory === undefined || binding.threadId === undefined || agent.memory === undefined) return [];
  if (agent.memory.lastMessages <= 0) return [];
  const records = await memory.getMessages({ threadId: binding.threadId, last: agent.memory.lastMessages });
  const messages: ModelMessage[] = [];
  for (const record of records) {
    const message = toModelMessage(record);
    if (message !== undefined) messages.push(message);
  }
  return dropOrphanToolResults(messages);
}

function toModelMessage(record: MessageRecordV1): ModelMessage | undefined {
  const { role, content } = record;
  if (role === 'tool') return Array.isArray(content) ? ({ role, content } as ModelMessage) : undefined;
  if (typeof content === 'string' || Array.isArray(content)) return { role, content } as ModelMessage;
  return undefined;
}

/** The window may start between a tool call and its result: a leading tool message has no call. */
function dropOrphanToolResults(messages: ModelMessage[]): ModelMessage[] {
  let start = 0;
  while (start < messages.length && messages[start]?.role === 'tool') start += 1;
  return start === 0 ? messages : messages.slice(start);
}
