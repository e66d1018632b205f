import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ErrorReply, type HostedProject, openHostedProject, send } from './host-test-project.js';

let project: HostedProject;

beforeAll(async () => {
  project = await openHostedProject();
});
afterAll(async () => project.close());

type IntegrationList = {
  items: { name: string; baseUrl: string; auth: { type: string }; actions: string[] }[];
};

describe('GET /api/integrations', () => {
  it('lists integrations with base URL, auth type and action names', async () => {
    const { status, body } = await send<IntegrationList>(project.app, 'GET', '/api/integrations');
    expect(status).toBe(200);
    expect(body.items).toEqual([
      expect.objectContaining({
        name: 'crm',
        baseUrl: 'https://api.crm.example.com/v2',
        auth: { type: 'bearer' },
        actions: ['create-ticket', 'get-customer'],
      }),
      expect.objectContaining({
        name: 'status-page',
        auth: { type: 'none' },
        actions: ['get-component', 'list-components', 'list-incidents'],
      }),
    ]);
  });
});

describe('GET /api/integrations/:name', () => {
  it('describes the auth scheme without secrets and each action with its schemas', async () => {
    const { status, body } = await send<Record<string, unknown>>(project.app, 'GET', '/api/integrations/crm');
    expect(status).toBe(200);
    expect(body).toMatchObject({ name: 'crm', auth: { type: 'bearer' }, timeoutMs: 10_000 });
    expect(JSON.stringify(body)).not.toContain('CRM_TOKEN');
    expect(body.actions).toEqual([
      expect.objectContaining({ name: 'create-ticket', tool: 'crm.create-ticket', method: 'POST' }),
      expect.objectContaining({
        name: 'get-customer',
        method: 'GET',
        input: expect.objectContaining({ required: ['customerId'] }),
        output: expect.objectContaining({ required: ['id', 'name'] }),
      }),
    ]);
  });

  it('404 INTEGRATION_NOT_FOUND for an unknown name', async () => {
    const reply = await send<ErrorReply>(project.app, 'GET', '/api/integrations/nope');
    expect([reply.status, reply.body.error.code]).toEqual([404, 'INTEGRATION_NOT_FOUND']);
  });
});
