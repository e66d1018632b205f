/**
 * A plain script using `weft.memory` on a project without any configuration (the embedded PGlite
 * default), run as its own process by `memory-script.test.ts`: `write` saves a conversation (twice,
 * to show that saving is idempotent), `read` (a later process) prints what it finds as JSON.
 *
 * @example
 * node --import tsx tests/e2e/memory-script.ts /tmp/project write
 */
import { Weft } from '../../runtime/index.js';

const [dir, phase] = process.argv.slice(2);
if (dir === undefined || (phase !== 'write' && phase !== 'read'))
  throw new Error('usage: memory-script <dir> write|read');

const weft = await Weft.open(dir);
try {
  if (phase === 'write') {
    await weft.memory.createThread({ id: 'thread-1', resourceId: 'user-1', title: 'Colours' });
    const messages = [
      { id: 'm-1', threadId: 'thread-1', role: 'user' as const, content: 'My favourite colour is teal.' },
      { id: 'm-2', threadId: 'thread-1', role: 'assistant' as const, content: 'Teal, noted.' },
      { id: 'm-3', threadId: 'thread-1', role: 'user' as const, content: 'Where is my order A1?' },
    ];
    await weft.memory.saveMessages(messages);
    await weft.memory.saveMessages({ messages });
  } else {
    const messages = await weft.memory.getMessages({ threadId: 'thread-1' });
    const recall = await weft.memory.query({
      resourceId: 'user-1',
      text: 'what is my favourite colour',
      topK: 1,
    });
    const vector = await weft.getVector();
    console.log(
      JSON.stringify({
        storage: weft.storage.name,
        thread: await weft.memory.getThread('thread-1'),
        messages: messages.map((message) => message.id),
        hits: recall.hits.map((hit) => hit.messageId),
        recalled: recall.messages.map((message) => message.content),
        indexes: (await vector.listIndexes()).filter((name) => name.startsWith('weft_memory_')),
      }),
    );
  }
} finally {
  await weft.close();
}
