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

/** The heading of the recalled-messages block of the system prompt. */
export const recallHeading = 'Relevant earlier messages (recalled from memory, oldest first):';

/**
 * Semantic recall for one call (`memory.semanticRecall`): asks the memory store for the `topK`
 * messages most similar to the call's last user message, in the thread (`scope: thread`) or in every
 * thread of the resource (`scope: resource`; the thread's resource when the call names none),
 * leaving out the messages already in the `lastMessages` window, and returns them (with their
 * neighbours) as a block for the system prompt, headed "Relevant earlier messages". A system block
 * rather than replayed messages, so that recalled tool calls never break the call/result pairing
 * of the conversation. Undefined when there is nothing to recall or no recall configured.
 *
 * @example
 * const block = await recallMemory(weft.memory, graph.agents.support, { threadId: 't-1' }, [{ role: 'user', content: 'What is my favourite colour?' }]);
 */
export async function recallMemory(
  memory: AgentMemoryStore | undefined,
  agent: AgentGraphV1,
  binding: { readonly threadId?: string; readonly resourceId?: string; readonly signal?: AbortSignal },
  input: readonly ModelMessage[],
): Promise<string | undefined> {
  const recall = agent.memory?.semanticRecall;
  const { threadId } = binding;
  if (memory?.query === undefined || recall === undefined || threadId === undefined) return undefined;
  const text = lastUserText(input);
  if (text === '') return undefined;
  const resourceId =
    recall.scope === 'resource'
      ? (binding.resourceId ?? (await memory.getThread(threadId))?.resourceId)
      : undefined;
  const lastMessages = agent.memory?.lastMessages ?? 0;
  const window = lastMessages > 0 ? await memory.getMessages({ threadId, last: lastMessages }) : [];
  const { messages } = await memory.query({
    ...(resourceId === undefined ? { threadId } : { resourceId }),
    text,
    topK: recall.topK,
    exclude: window.map((message) => message.id),
    ...(binding.signal === undefined ? {} : { signal: binding.signal }),
  });
  const lines = messages.flatMap((message) => {
    const said = recordText(message.content);
    if (said === '') return [];
    const where = message.threadId === threadId ? '' : ', another conversation';
    return [`- ${message.role} (${new Date(message.createdAt).toISOString()}${where}): ${said}`];
  });
  return lines.length === 0 ? undefined : [recallHeading, ...lines].join('\n');
}

function recordText(content: unknown): string {
  const parts = typeof content === 'string' ? [content] : Array.isArray(content) ? content : [];
  const texts = parts.map((part: unknown) =>
    typeof part === 'string'
      ? part
      : typeof part === 'object' && part !== null && (part as { type?: unknown }).type === 'text'
        ? String((part as { text?: unknown }).text ?? '')
        : '',
  );
  const text = texts.join(' ').replace(/\s+/g, ' ').trim();
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

function lastUserText(input: readonly ModelMessage[]): string {
  const user = [...input].reverse().find((message) => message.role === 'user');
  return user === undefined ? '' : recordText(user.content);
}
