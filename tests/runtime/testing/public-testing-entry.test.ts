import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createModelResolver } from 'weft';
import {
  callToolThenAnswer,
  delayReply,
  hashEmbedding,
  mockTextModel,
  replyQueue,
  startScriptedOpenAIServer,
} from 'weft/testing';

describe('weft/testing public entry', () => {
  it('serves a scripted model that the public model resolver reaches through OPENAI_BASE_URL', async () => {
    const server = await startScriptedOpenAIServer({
      script: replyQueue([delayReply(1, { text: 'Hello' })]),
    });
    try {
      const models = createModelResolver({
        project: { providers: [], models: {} },
        registry: { model: () => undefined },
        env: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: server.url },
      });
      expect((await generateText({ model: models.resolve('openai:gpt-4o-mini'), prompt: 'Hi' })).text).toBe(
        'Hello',
      );
    } finally {
      await server.close();
    }
    expect(typeof callToolThenAnswer).toBe('function');
    expect(hashEmbedding('a b', 4)).toHaveLength(4);
    expect((await generateText({ model: mockTextModel('ok'), prompt: 'Hi' })).text).toBe('ok');
  });
});
