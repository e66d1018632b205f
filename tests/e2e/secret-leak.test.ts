import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost } from '../../runtime/host/index.js';
import type { LoggerV1 } from '../../runtime/spec/v1/tool-executor.js';
import { MemoryStorage } from '../../runtime/storage/memory-storage.js';
import { Weft } from '../../runtime/weft.js';
import { fixtureGraph } from '../runtime/integrations/tools-fixture.js';
import { startUpstream, type Upstream } from '../runtime/integrations/tools-test-server.js';

/** Special characters, so that the raw, base64 and URL-encoded forms all differ. */
const secret = 'leak+T0ken/with=&?chars';
const forms: [string, string][] = [
  ['raw', secret],
  ['base64', Buffer.from(secret).toString('base64')],
  ['base64 without padding', Buffer.from(secret).toString('base64').replace(/=+$/, '')],
  ['URL-encoded', encodeURIComponent(secret)],
  ['form-encoded', new URLSearchParams({ v: secret }).toString().slice(2)],
];

let upstream: Upstream;
let weft: Weft;
let storage: MemoryStorage;
let baseUrl: string;
let app: ReturnType<typeof createHost>;
/** Every text the process wrote out: log lines, events, errors, stored records, API responses. */
const written: { where: string; text: string }[] = [];
const write = (where: string, value: unknown): void => {
  written.push({ where, text: typeof value === 'string' ? value : JSON.stringify(value) });
};

beforeAll(async () => {
  process.env.TOOLS_TEST_LEAK_TOKEN = secret;
  upstream = await startUpstream();
  storage = new MemoryStorage();
  const line =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void =>
      write(`log ${level}`, `${message} ${JSON.stringify(fields ?? {})}`);
  const logger: LoggerV1 = {
    debug: line('debug'),
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
  };
  weft = new Weft({ graph: await fixtureGraph(upstream.port), storage, logger });
  await weft.whenReady();
  for (const event of ['tool:start', 'tool:complete', 'tool:error'] as const)
    weft.tools.on(event, (e) => write(event, e));
  for (const event of ['step:complete', 'step:error', 'run:failed'] as const)
    weft.on(event, (e) => write(event, e));
  app = createHost(weft);
  baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await app.close();
  await weft.close();
  await upstream.close();
  delete process.env.TOOLS_TEST_LEAK_TOKEN;
});

async function api(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; text: string }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  write(`${method} ${path}`, text);
  return { status: response.status, text };
}

describe('a failing integration never leaks its token', () => {
  it('through a workflow, a direct call and the API, in every form', async () => {
    const started = await api('POST', '/api/workflows/leak-flow/runs', { input: {}, wait: true });
    const run = JSON.parse(started.text) as { runId: string; status: string; error?: { code: string } };
    expect([run.status, run.error?.code]).toEqual(['failed', 'INTEGRATION_CLIENT_ERROR']);
    await api('GET', `/api/workflows/leak-flow/runs/${run.runId}`);
    const events = await fetch(`${baseUrl}/api/workflows/leak-flow/runs/${run.runId}/events`, {
      signal: AbortSignal.timeout(5_000),
    });
    write('run events', await events.text());
    write('stored run', await storage.getRun(run.runId));
    write('stored journal', await storage.getJournal(run.runId));

    const direct = await api('POST', '/api/tools/leaky.explode/execute', { input: { note: 'direct' } });
    expect(direct.status).toBe(502);
    const thrown = await weft
      .getTool('leaky.explode')
      .execute({ note: 'script' })
      .catch((e: unknown) => e);
    write('thrown error', { json: thrown, message: (thrown as Error).message, string: String(thrown) });

    // The upstream echoed the token into its error body: it reached the error details, masked.
    expect(direct.text).toContain('Bearer ***');
    expect(upstream.state.requests.filter((r) => r === 'POST /api/explode').length).toBeGreaterThanOrEqual(3);
    expect(written.some((w) => w.where.startsWith('tool:error'))).toBe(true);
    expect(
      written.some((w) => w.where === 'stored journal' && w.text.includes('INTEGRATION_CLIENT_ERROR')),
    ).toBe(true);
    // A step whose output echoes the token is stored masked; a direct call gets the real value.
    expect(
      written.some((w) => w.where === 'stored journal' && w.text.includes('"youSent":"Bearer ***"')),
    ).toBe(true);
    const whoami = (await weft.getTool('leaky.whoami').execute({})) as { youSent: string };
    expect(whoami.youSent).toBe(`Bearer ${secret}`);
    for (const [form, value] of forms) {
      const leaks = written.filter((w) => w.text.includes(value)).map((w) => w.where);
      expect(leaks, `the ${form} form leaked`).toEqual([]);
    }
  });
});
