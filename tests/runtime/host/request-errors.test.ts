import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ErrorReply, type HostedProject, openHostedProject } from './host-test-project.js';

let project: HostedProject;
beforeAll(async () => {
  project = await openHostedProject();
});
afterAll(async () => {
  await project.close();
});

const runs = '/api/workflows/order-approval/runs';
const json = { 'content-type': 'application/json' };

async function post(url: string, payload: string, headers: Record<string, string>) {
  const response = await project.app.inject({ method: 'POST', url, payload, headers });
  return { status: response.statusCode, body: JSON.parse(response.body) as ErrorReply };
}

describe('bad request bodies', () => {
  it.each([
    ['malformed JSON', '{"input": {', json, 400, 'REQUEST_MALFORMED_JSON'],
    ['an empty JSON body', '', json, 400, 'REQUEST_MALFORMED_JSON'],
    ['a prototype-poisoning key', '{"input":{},"__proto__":{"x":1}}', json, 400, 'REQUEST_MALFORMED_JSON'],
    ['plain text', 'input=1', { 'content-type': 'text/plain' }, 415, 'REQUEST_UNSUPPORTED_MEDIA_TYPE'],
    [
      'a form',
      'input=1',
      { 'content-type': 'application/x-www-form-urlencoded' },
      415,
      'REQUEST_UNSUPPORTED_MEDIA_TYPE',
    ],
    ['a JSON array', '[]', json, 400, 'VALIDATION_FAILED'],
    ['a JSON string', '"hello"', json, 400, 'VALIDATION_FAILED'],
    ['null', 'null', json, 400, 'VALIDATION_FAILED'],
    ['no input', '{"wait":true}', json, 400, 'VALIDATION_FAILED'],
    ['an unknown field', '{"input":{"orderId":"o","amount":1},"extra":1}', json, 400, 'VALIDATION_FAILED'],
    [
      'a wait that is not a boolean',
      '{"input":{"orderId":"o","amount":1},"wait":"yes"}',
      json,
      400,
      'VALIDATION_FAILED',
    ],
    ['input of the wrong type', '{"input":{"orderId":1,"amount":1}}', json, 400, 'VALIDATION_FAILED'],
    [
      'input with an unknown field',
      '{"input":{"orderId":"o","amount":1,"coupon":"x"}}',
      json,
      400,
      'VALIDATION_FAILED',
    ],
  ])('answers %s with %i %s', async (_name, payload, headers, status, code) => {
    const reply = await post(runs, payload, headers);
    expect(reply.status).toBe(status);
    expect(reply.body.error.code).toBe(code);
    expect(typeof reply.body.error.message).toBe('string');
  });

  it.each([
    ['an unknown field', '{"input":{"orderId":"o","amount":1},"extra":1}', '/extra'],
    ['input of the wrong type', '{"input":{"orderId":1,"amount":1}}', '/input/orderId'],
    ['a missing required input field', '{"input":{"orderId":"o"}}', '/input/amount'],
  ])('points at the field for %s', async (_name, payload, pointer) => {
    const reply = await post(runs, payload, json);
    expect(reply.body.error.details?.pointer).toBe(pointer);
  });

  it('answers 413 REQUEST_TOO_LARGE for a body over the 1 MB limit', async () => {
    const big = JSON.stringify({ input: { orderId: 'x'.repeat(1_100_000), amount: 1 } });
    const reply = await post(runs, big, json);
    expect(reply.status).toBe(413);
    expect(reply.body.error.code).toBe('REQUEST_TOO_LARGE');
  });

  it('never answers 5xx, whatever the JSON body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue(),
        fc.constantFrom(runs, `${runs}/some-id/resume`, '/api/workflows/slow-steps/runs'),
        async (value, url) => {
          const response = await project.app.inject({
            method: 'POST',
            url,
            payload: JSON.stringify(value),
            headers: json,
          });
          expect(response.statusCode).toBeLessThan(500);
          const body = JSON.parse(response.body) as Partial<ErrorReply>;
          if (response.statusCode >= 400) expect(typeof body.error?.code).toBe('string');
          else {
            const runId = (body as { runId?: string }).runId;
            if (runId !== undefined)
              await project.app.inject({ method: 'POST', url: `${url}/${runId}/cancel` });
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('query strings', () => {
  it.each([
    ['a start with ?wait=true (wait belongs in the body)', 'POST', `${runs}?wait=true`, '/wait'],
    ['a run read with an unknown parameter', 'GET', `${runs}/some-id?verbose=1`, '/verbose'],
    ['the workflow list with a parameter', 'GET', '/api/workflows?limit=5', '/limit'],
    ['a health check with a parameter', 'GET', '/api/health?full=1', '/full'],
  ])('answers %s with 400 VALIDATION_FAILED at the parameter', async (_name, method, url, pointer) => {
    const response = await project.app.inject({
      method: method as 'GET' | 'POST',
      url,
      ...(method === 'POST' ? { payload: '{"input":{"orderId":"o-1","amount":1}}', headers: json } : {}),
    });
    expect(response.statusCode).toBe(400);
    const body = JSON.parse(response.body) as ErrorReply & { error: { details: { pointer: string } } };
    expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { pointer } });
    expect(body.error.message).toBe(`The query is invalid: ${pointer} must NOT have additional properties.`);
  });

  it('keeps the parameters of the routes that take them: a run list with status and limit', async () => {
    const response = await project.app.inject({ method: 'GET', url: `${runs}?status=completed&limit=5` });
    expect(response.statusCode).toBe(200);
  });

  it('starts no run for a refused start', async () => {
    const before = JSON.parse(
      (await project.app.inject({ method: 'GET', url: `${runs}?limit=100` })).body,
    ) as {
      items: unknown[];
    };
    await project.app.inject({
      method: 'POST',
      url: `${runs}?wait=true`,
      payload: '{"input":{"orderId":"o-1","amount":1}}',
      headers: json,
    });
    const after = JSON.parse(
      (await project.app.inject({ method: 'GET', url: `${runs}?limit=100` })).body,
    ) as {
      items: unknown[];
    };
    expect(after.items.length).toBe(before.items.length);
  });
});
