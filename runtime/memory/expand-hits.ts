import type { MemoryHit, MemoryMessage, MessageRange } from './memory-types.js';

/** `messageRange` as before/after counts (a number applies to both sides; negatives count as 0). */
export function normaliseRange(range: MessageRange | undefined): { before: number; after: number } {
  const value = range ?? 1;
  const clamp = (count: number) => (Number.isFinite(count) ? Math.max(0, Math.floor(count)) : 0);
  return typeof value === 'number'
    ? { before: clamp(value), after: clamp(value) }
    : { before: clamp(value.before), after: clamp(value.after) };
}

/**
 * The recalled messages of a query: each hit with up to `range.before` messages before it and
 * `range.after` after it in its thread (`threads` holds each thread's messages, oldest first),
 * keeping only messages `keep` accepts, deduplicated, ordered by `createdAt` then id. A hit whose
 * message is no longer stored is skipped.
 *
 * @example
 * expandHits([{ messageId: 'm2', threadId: 't', score: 0.9 }], new Map([['t', [m1, m2, m3]]]), { before: 1, after: 1 }, () => true); // [m1, m2, m3]
 */
export function expandHits(
  hits: readonly MemoryHit[],
  threads: ReadonlyMap<string, readonly MemoryMessage[]>,
  range: { before: number; after: number },
  keep: (message: MemoryMessage) => boolean,
): MemoryMessage[] {
  const recalled = new Map<string, MemoryMessage>();
  for (const hit of hits) {
    const messages = threads.get(hit.threadId) ?? [];
    const position = messages.findIndex((message) => message.id === hit.messageId);
    if (position < 0) continue;
    const from = Math.max(0, position - range.before);
    for (const message of messages.slice(from, position + range.after + 1))
      if (keep(message)) recalled.set(message.id, message);
  }
  return [...recalled.values()].sort(
    (a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
