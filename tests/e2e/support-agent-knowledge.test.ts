import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ScriptedOpenAIServer,
  startScriptedOpenAIServer,
} from '../../runtime/testing/scripted-openai-server.js';
import type { ScriptedRequest } from '../../runtime/testing/scripted-reply.js';
import { Weft } from '../../runtime/weft.js';

const definitions = new URL('../../definitions/', import.meta.url).pathname;
const savedEnv = { OPENAI_API_KEY: process.env.OPENAI_API_KEY, OPENAI_BASE_URL: process.env.OPENAI_BASE_URL };

let server: ScriptedOpenAIServer;
let weft: Weft;

/** Searches the help center first, then answers with what the search returned. */
function searchThenAnswer(request: ScriptedRequest) {
  const result = request.messages.find(
    (message) => message.role === 'tool' && message.toolName === 'search_help_center',
  );
  if (result === undefined)
    return { toolCalls: [{ name: 'search_help_center', arguments: { query: 'how long do refunds take' } }] };
  const hits = (result.result as { hits: { text: string }[] }).hits;
  return { text: `From the help center: ${hits[0]?.text.split('\n').at(-1) ?? 'nothing found'}` };
}

beforeAll(async () => {
  server = await startScriptedOpenAIServer({ script: searchThenAnswer });
  process.env.OPENAI_API_KEY = 'sk-test-not-a-real-key';
  process.env.OPENAI_BASE_URL = server.url;
  // Memory storage: the help center is ingested from definitions/ into memory, nothing is written there.
  weft = await Weft.open(definitions, { storage: 'memory' });
  await weft.getKnowledge('help-center').ingest();
});
afterAll(async () => {
  await weft?.close();
  await server?.close();
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('the support agent answers from the help center through its search tool (scripted OpenAI server)', () => {
  it('offers search_help_center, runs it with tool events, and sends the refunds policy back to the model', async () => {
    const events: string[] = [];
    const offStart = weft.on('tool:start', (event) => events.push(`start ${event.tool}`));
    const offComplete = weft.on('tool:complete', (event) => events.push(`complete ${event.tool}`));
    const before = server.requests.length;
    const result = await weft.getAgent('support').generate('How long does a refund take?');
    offStart();
    offComplete();
    const [first, second] = server.requests.slice(before);
    const searchTool = first?.tools.find((tool) => tool.name === 'search_help_center');
    expect(searchTool?.parameters).toMatchObject({
      required: ['query'],
      properties: { query: { type: 'string' } },
    });
    const toolResult = second?.messages.find((message) => message.role === 'tool');
    expect(toolResult?.toolName).toBe('search_help_center');
    const hits = (
      toolResult?.result as { hits?: { text: string; documentId: string; score: number }[] } | undefined
    )?.hits;
    expect(hits?.[0]?.documentId).toBe('help-center/refunds.md');
    expect(JSON.stringify(toolResult?.result)).toContain(
      'Refunds go back to the card that was\\ncharged, usually within 5 business days of our approval.',
    );
    expect(result.text).toMatch(/^From the help center: /);
    expect(result.toolCalls?.map((call) => call.name)).toEqual(['search_help_center']);
    expect(events).toEqual(['start search_help_center', 'complete search_help_center']);
  });
});
