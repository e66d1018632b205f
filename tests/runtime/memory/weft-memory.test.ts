import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LanguageModelV3Prompt } from '@ai-sdk/provider';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { mockScriptedModel } from '../../../runtime/testing/mock-models.js';
import { Weft } from '../../../runtime/weft.js';

const project = (storage: string) => `apiVersion: weft/v1
kind: Project
metadata:
  name: memory-test
spec:
${storage}`;

const agents = ['concierge:resource', 'forgetful:thread']
  .map((entry) => {
    const [name, scope] = entry.split(':');
    return `apiVersion: weft/v1
kind: Agent
metadata:
  name: ${name}
spec:
  model: openai:gpt-4o-mini
  instructions: You are a concierge.
  memory:
    lastMessages: 2
    semanticRecall: { topK: 2, scope: ${scope} }
`;
  })
  .join('---\n');

function tempProject(storage = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'weft-memory-'));
  writeFileSync(join(dir, 'weft.yaml'), project(storage || '  models: { embedding: local:hash-384 }\n'));
  writeFileSync(join(dir, 'agents.yaml'), agents);
  return dir;
}

const systemOf = (prompt: LanguageModelV3Prompt | undefined): string => {
  const first = prompt?.[0];
  return first?.role === 'system' ? first.content : '';
};

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('agent memory through weft.memory, on the embedded PGlite default', () => {
  it('remembers across calls and after a restart, and recalls an older fact by meaning within its scope', async () => {
    const dir = tempProject();
    dirs.push(dir);
    const firstModel = mockScriptedModel(() => ({ text: 'Noted.' }));
    const first = await Weft.open(dir, { resolveModel: () => firstModel });
    const concierge = first.getAgent('concierge');
    const binding = { threadId: 't-1', resourceId: 'user-1' };
    await concierge.generate('My favourite colour is teal.', binding);
    await concierge.generate('Where is my order A1?', binding);
    const secondCall = firstModel.doGenerateCalls[1]?.prompt ?? [];
    expect(JSON.stringify(secondCall)).toContain('My favourite colour is teal.');
    await concierge.generate('The invoice for B2 is wrong.', binding);
    await first.close();

    const model = mockScriptedModel(() => ({ text: 'Teal.' }));
    const second = await Weft.open(dir, { resolveModel: () => model });
    try {
      expect(await second.memory.getMessages({ threadId: 't-1' })).toHaveLength(6);
      await second.getAgent('concierge').generate('What is my favourite colour?', binding);
      const [call] = model.doGenerateCalls;
      const system = systemOf(call?.prompt);
      expect(system).toContain('Relevant earlier messages');
      expect(system).toContain('user');
      expect(system).toContain('My favourite colour is teal.');
      // The lastMessages window (the B2 exchange) is replayed as messages, not recalled again.
      expect(system).not.toContain('invoice');
      expect(JSON.stringify(call?.prompt.slice(1))).toContain('The invoice for B2 is wrong.');

      // Resource scope: a new thread of the same user recalls the fact from the first thread.
      await second.getAgent('concierge').generate('Remind me of my favourite colour', {
        threadId: 't-2',
        resourceId: 'user-1',
      });
      const other = systemOf(model.doGenerateCalls[1]?.prompt);
      expect(other).toContain('My favourite colour is teal.');
      expect(other).toContain('another conversation');

      // Thread scope: a new thread recalls nothing from the others.
      await second.getAgent('forgetful').generate('Remind me of my favourite colour', {
        threadId: 't-3',
        resourceId: 'user-1',
      });
      expect(systemOf(model.doGenerateCalls[2]?.prompt)).not.toContain('Relevant earlier messages');
      // Another user's thread never sees it.
      await second.getAgent('concierge').generate('Remind me of my favourite colour', {
        threadId: 't-4',
        resourceId: 'user-2',
      });
      expect(systemOf(model.doGenerateCalls[3]?.prompt)).not.toContain('teal');
    } finally {
      await second.close();
    }
  }, 300_000);
});

const postgresUrl = process.env.WEFT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('weft.memory on real Postgres (a schema of its own)', () => {
  const schema = `weft_memory_test_${process.pid}_${Date.now()}`;
  afterAll(async () => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  });

  it('saves idempotently, recalls, and deletes a thread with its vectors', async () => {
    process.env.WEFT_MEMORY_TEST_DATABASE_URL = postgresUrl;
    const dir = tempProject(
      `  storage:\n    adapter: postgres\n    url: \${{ env.WEFT_MEMORY_TEST_DATABASE_URL }}\n    config: { schema: ${schema} }\n`,
    );
    dirs.push(dir);
    const weft = await Weft.open(dir);
    try {
      expect(weft.storage.name).toBe('postgres');
      const thread = await weft.memory.createThread({ resourceId: 'user-1' });
      const messages = [
        {
          id: `${schema}-1`,
          threadId: thread.id,
          role: 'user' as const,
          content: 'My favourite colour is teal.',
        },
        { id: `${schema}-2`, threadId: thread.id, role: 'assistant' as const, content: 'Noted.' },
        { id: `${schema}-3`, threadId: thread.id, role: 'user' as const, content: 'Where is order A1?' },
      ];
      await weft.memory.saveMessages(messages);
      await weft.memory.saveMessages({ messages });
      expect(await weft.memory.getMessages({ threadId: thread.id })).toHaveLength(3);
      const { hits, messages: recalled } = await weft.memory.query({
        resourceId: 'user-1',
        text: 'favourite colour',
        topK: 1,
      });
      expect(hits.map((hit) => hit.messageId)).toEqual([`${schema}-1`]);
      expect(recalled.map((message) => message.content)).toEqual(['My favourite colour is teal.', 'Noted.']);
      const store = await weft.getVector();
      expect((await store.describeIndex('weft_memory_local_hash_384')).count).toBeGreaterThanOrEqual(3);
      await weft.memory.deleteThread(thread.id);
      expect(
        (await weft.memory.query({ resourceId: 'user-1', text: 'favourite colour', topK: 3 })).hits,
      ).toEqual([]);
    } finally {
      await weft.close();
    }
  }, 300_000);
});
