import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTool } from '../../../runtime/tools/create-tool.js';
import { type ErrorReply, type HostedProject, openHostedProject, send } from './host-test-project.js';

let project: HostedProject;
let baseUrl: string;

beforeAll(async () => {
  project = await openHostedProject();
  project.weft.addTool(
    createTool({
      name: 'hang',
      description: 'Never answers; times out.',
      schema: { type: 'object' },
      timeoutMs: 50,
      executor: () => new Promise(() => {}),
    }),
  );
  baseUrl = await project.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => project.close());

type ToolList = { items: { name: string; description: string; input: unknown; output: unknown }[] };

describe('GET /api/tools', () => {
  it('lists every tool with its schemas, code-first tools included', async () => {
    const { status, body } = await send<ToolList>(project.app, 'GET', '/api/tools');
    expect(status).toBe(200);
    const names = body.items.map((t) => t.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['lookup-order', 'crm.get-customer', 'weather', 'hang']));
    expect(body.items.find((t) => t.name === 'lookup-order')).toMatchObject({
      description: 'Look an order up by its id.',
      input: { required: ['orderId'] },
      output: { required: ['orderId', 'total', 'currency', 'status'] },
    });
  });
});

describe('POST /api/tools/:name/execute', () => {
  it('runs the tool over real HTTP and answers { output }', async () => {
    const response = await fetch(`${baseUrl}/api/tools/lookup-order/execute`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: { orderId: 'o-1' } }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      output: expect.objectContaining({ orderId: 'o-1', total: expect.any(Number) }),
    });
  });

  const bad: [string, unknown, string][] = [
    ['a missing field', { input: {} }, '/input/orderId'],
    ['a wrong type', { input: { orderId: 7 } }, '/input/orderId'],
    ['an unknown field', { input: { orderId: 'o-1', extra: 1 } }, '/input/extra'],
    ['no input', {}, '/input'],
    ['an unknown body key', { input: { orderId: 'o-1' }, wait: true }, '/wait'],
  ];
  it.each(bad)('400 for %s, with the JSON pointer', async (_, body, pointer) => {
    const reply = await send<ErrorReply>(project.app, 'POST', '/api/tools/lookup-order/execute', body);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('VALIDATION_FAILED');
    expect(reply.body.error.details?.pointer).toBe(pointer);
  });

  it('404 for an unknown tool', async () => {
    const reply = await send<ErrorReply>(project.app, 'POST', '/api/tools/no-such-tool/execute', {
      input: {},
    });
    expect([reply.status, reply.body.error.code]).toEqual([404, 'TOOL_NOT_FOUND']);
  });

  it('504 when the tool times out', async () => {
    const reply = await send<ErrorReply>(project.app, 'POST', '/api/tools/hang/execute', { input: {} });
    expect([reply.status, reply.body.error.code]).toEqual([504, 'TOOL_TIMEOUT']);
  });

  it('an integration whose secret is not set answers SECRET_MISSING naming the variable', async () => {
    delete process.env.CRM_TOKEN;
    const reply = await send<ErrorReply>(project.app, 'POST', '/api/tools/crm.get-customer/execute', {
      input: { customerId: 'c-1' },
    });
    expect([reply.status, reply.body.error.code]).toEqual([503, 'SECRET_MISSING']);
    expect(reply.body.error.message).toContain('CRM_TOKEN');
  });
});
