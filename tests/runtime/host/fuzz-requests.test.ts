import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCatalogue } from '../../../runtime/errors/catalogue.js';
import { createHost, type ServedRoute, servedRoutesOf } from '../../../runtime/host/index.js';
import { mockScriptedModel } from '../../../runtime/testing/mock-models.js';
import { Weft } from '../../../runtime/weft.js';
import { configuredHost } from './configured-host.js';

/**
 * Thousands of random and mutated requests at every route of the example project (memory storage,
 * a scripted model so agents answer without network): none may answer 5xx, pollute prototypes or
 * take the host down. Tools that fail by design (`flaky`) or call the network (`weather`,
 * integration actions) are only named by wrong names here: a 502 from them is an upstream failure,
 * not a bad request.
 */
const definitions = new URL('../../../definitions/', import.meta.url).pathname;
const model = mockScriptedModel(() => ({ text: 'scripted answer' }));
const localTools = ['charge-card', 'lookup-order', 'refund', 'slow-step', 'square'];

let weft: Weft;
let app: FastifyInstance;
/** The same project with API keys and a (high) rate limit, to fuzz authentication too. */
let secured: FastifyInstance;
const fuzzKey = 'fuzz-key-value-0123456789';
let routes: readonly ServedRoute[];
let knownRunIds: string[];
beforeAll(async () => {
  weft = await Weft.open(definitions, { storage: 'memory', resolveModel: () => model });
  app = createHost(weft, { waitTimeoutMs: 20 });
  await app.ready();
  secured = configuredHost(
    weft,
    {
      auth: {
        keys: [{ name: 'fuzz', key: { $secret: 'FUZZ_KEY' }, scopes: ['workflows:*', 'agents:invoke'] }],
      },
      rateLimit: { max: 1_000_000, windowMs: 60_000 },
    },
    { env: { FUZZ_KEY: fuzzKey }, waitTimeoutMs: 20 },
  );
  await secured.ready();
  routes = servedRoutesOf(app).filter((route) => route.method !== 'OPTIONS');
  const suspended = await weft
    .getWorkflow('order-approval')
    .createRun()
    .start({ orderId: 'o-1', amount: 120 });
  const completed = await weft.getWorkflow('fan-out-sum').createRun().start({ n: 3 });
  knownRunIds = [suspended.runId, completed.runId];
});
afterAll(async () => {
  await app.close();
  await secured.close();
  await weft.close();
});

const weirdSegments = [
  '',
  '%00',
  '%',
  '%ZZ',
  '%2e%2e%2f%2e%2e',
  '..',
  '__proto__',
  'constructor',
  'prototype',
  '%F0%9F%98%80',
  '%C0%AE',
  '%E2%80%AE',
  'a'.repeat(300),
  'x'.repeat(5_000),
  'name;drop',
  "it's",
  '0',
  '-1',
  'null',
  '%20',
  'a%2Fb',
];

function segmentFor(route: ServedRoute, parameter: string): fc.Arbitrary<string> {
  const area = route.url.split('/')[2] ?? '';
  const names: Record<string, readonly string[]> = {
    workflows: Object.keys(weft.graph.workflows),
    agents: Object.keys(weft.graph.agents),
    tools: localTools,
    integrations: Object.keys(weft.graph.integrations),
    knowledge: Object.keys(weft.graph.knowledge),
  };
  const real = parameter === ':runId' ? knownRunIds : parameter === ':name' ? (names[area] ?? []) : [];
  return fc.oneof(
    { weight: 5, arbitrary: real.length > 0 ? fc.constantFrom(...real) : fc.constant('none') },
    { weight: 2, arbitrary: fc.constantFrom(...weirdSegments) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }).map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }).map(encodeURIComponent) },
  );
}

const query = fc.oneof(
  { weight: 6, arbitrary: fc.constant('') },
  {
    weight: 3,
    arbitrary: fc
      .dictionary(
        fc.constantFrom(
          'status',
          'limit',
          'cursor',
          'resourceId',
          '__proto__',
          'constructor',
          'x',
          'status[]',
        ),
        fc.oneof(
          fc.constantFrom('running', 'suspended,completed', '0', '101', '1e309', '-5', 'NaN'),
          fc.string(),
        ),
        { maxKeys: 3 },
      )
      .map((entries) => `?${new URLSearchParams(entries).toString()}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('?%', '?a=%ZZ', '?status=a&status=b', '?&&&', '?limit[$gt]=1') },
);

function pathFor(route: ServedRoute): fc.Arbitrary<string> {
  const parts = route.url.split('/');
  const segments = parts.map((part) =>
    part.startsWith(':') || part === '*' ? segmentFor(route, part) : fc.constant(part),
  );
  return fc.tuple(fc.tuple(...segments), query).map(([chosen, search]) => `${chosen.join('/')}${search}`);
}

const seeds: readonly Record<string, unknown>[] = [
  { input: {} },
  { input: { orderId: 'o-1', amount: 12 }, wait: true },
  { input: { n: 2 }, wait: false },
  { input: { orderId: 'A1' } },
  { input: { n: 3 } },
  { step: 'approve', data: { approved: true } },
  { data: { approved: false } },
  { prompt: 'Where is order A1?' },
  { messages: [{ role: 'user', content: 'hello' }], threadId: 't-1', resourceId: 'r-1' },
  { text: 'refund policy', topK: 2, minScore: 0.1 },
  { documents: [{ id: 'doc-1', text: 'Refunds take 5 days.', metadata: { lang: 'en' } }] },
  { resourceId: 'r-1', title: 'A thread', metadata: { a: 1 } },
  {},
];

/** A seed with one change: an unknown field, a field of another type, a field removed. */
const mutated = fc
  .tuple(fc.constantFrom(...seeds), fc.nat(), fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 12 }))
  .map(([seed, pick, value, field]) => {
    const keys = Object.keys(seed);
    const copy: Record<string, unknown> = { ...seed };
    const key = keys.length > 0 ? keys[pick % keys.length] : undefined;
    const action = pick % 3;
    if (action === 0 || key === undefined) copy[field === '' ? 'extra' : field] = value;
    else if (action === 1) copy[key] = value;
    else delete copy[key];
    return JSON.stringify(copy);
  });

const pollution = fc.constantFrom(
  '{"__proto__":{"polluted":true},"input":{}}',
  '{"input":{"__proto__":{"polluted":true}}}',
  '{"constructor":{"prototype":{"polluted":true}},"input":{}}',
  '{"input":{"constructor":{"prototype":{"polluted":true}}},"prompt":"x"}',
  '{"messages":[{"role":"user","content":"x","__proto__":{"polluted":true}}]}',
);

const malformed = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constantFrom(
    '{',
    '{"input":',
    '[',
    '{"a":1,}',
    'nul',
    '"\\ud800"',
    '{"input":{}}garbage',
    '\u0000',
    'NaN',
    '1e999',
  ),
  fc.constantFrom(...seeds).map((seed) => JSON.stringify(seed).slice(0, -1)),
);

const deep = fc.nat({ max: 3 }).map((n) => {
  const depth = [10, 1_000, 5_000, 20_000][n] ?? 10;
  return `{"input":${'['.repeat(depth)}${']'.repeat(depth)}}`;
});

const body = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...seeds).map((seed) => JSON.stringify(seed)) },
  { weight: 4, arbitrary: mutated },
  { weight: 2, arbitrary: pollution },
  { weight: 3, arbitrary: malformed },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'application/json; charset=latin1',
      'APPLICATION/JSON',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/vnd.api+json',
      'application/json ; x=',
      '',
      '*/*',
      ';;;',
      'application/octet-stream',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

const lastEventId = fc.option(
  fc.oneof(
    fc.constantFrom('0', '-1', 'abc', '99999999999999999999', '1:2:3', '', 'step-1:1', '\u00e9'),
    fc.string({ maxLength: 50 }),
  ),
  { nil: undefined },
);

const request = fc.integer({ min: 0, max: 10_000 }).chain((index) => {
  const route = routes[index % routes.length] as ServedRoute;
  return fc.record({
    method: fc.oneof(
      { weight: 8, arbitrary: fc.constant(route.method) },
      { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS') },
    ),
    url: fc.oneof(
      { weight: 9, arbitrary: pathFor(route) },
      { weight: 1, arbitrary: fc.webPath().map((path) => (path.startsWith('/') ? path : `/${path}`)) },
    ),
    body,
    contentType,
    lastEventId,
    authorization: fc.option(
      fc.constantFrom('Bearer x', 'Basic abc', 'Bearer', '', `Bearer ${fuzzKey}`, `bearer  ${fuzzKey} `),
      { nil: undefined },
    ),
    secured: fc.boolean(),
  });
});

/**
 * What is wrong with an answer: a 5xx, or an error that is not `{ error: { code, message } }`
 * with a catalogue code (HEAD answers have no body).
 */
function problemOf(method: string, status: number, body: string): string | undefined {
  if (status >= 500) return `${status} ${body.slice(0, 300)}`;
  if (status < 400 || method === 'HEAD') return undefined;
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
    const code = parsed.error?.code;
    if (typeof code === 'string' && code in errorCatalogue && typeof parsed.error?.message === 'string')
      return undefined;
  } catch {
    // not JSON: reported below
  }
  return `${status} without an error code: ${body.slice(0, 300)}`;
}

/** Visible header characters only: the HTTP layer itself refuses others before any route runs. */
const headerSafe = (value: string): string => value.replace(/[^\x20-\x7e]/g, '?');

describe('fuzzing every route of the example project', () => {
  it('never answers 5xx to thousands of random and mutated requests, and stays up', async () => {
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const hasBody = r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD';
        const headers: Record<string, string> = {};
        if (hasBody) headers['content-type'] = headerSafe(r.contentType);
        if (r.lastEventId !== undefined) headers['last-event-id'] = headerSafe(r.lastEventId);
        if (r.authorization !== undefined) headers.authorization = r.authorization;
        const response = await (r.secured ? secured : app).inject({
          method: r.method as 'GET',
          url: r.url,
          headers,
          ...(hasBody && r.body !== undefined ? { payload: r.body } : {}),
        });
        const problem = problemOf(r.method, response.statusCode, response.body);
        if (problem !== undefined)
          failures.push(
            `${r.method} ${r.url.slice(0, 200)} [${r.contentType}] ${String(r.body).slice(0, 200)}: ${problem}`,
          );
        return problem === undefined;
      }),
      { seed: 20_251_204, numRuns: 3_000, endOnFailure: true },
    );
    expect(failures).toEqual([]);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  }, 600_000);

  it('answers bodies far over the limit with 413 on every route that takes a body', async () => {
    const huge = JSON.stringify({ input: { padding: 'x'.repeat(1_100_000) } });
    for (const route of routes.filter((r) => r.method === 'POST')) {
      const url = route.url.replace(/:[a-zA-Z]+/g, 'x');
      const response = await app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        payload: huge,
      });
      expect(response.statusCode, url).toBe(413);
    }
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});
