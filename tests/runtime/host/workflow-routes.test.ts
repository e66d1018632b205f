import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthStatus } from '../../../runtime/public/api-types.js';
import { type ErrorReply, type HostedProject, openHostedProject, send } from './host-test-project.js';

let project: HostedProject;
beforeAll(async () => {
  project = await openHostedProject();
});
afterAll(async () => {
  await project.close();
});

describe('GET /api/health', () => {
  it('reports the host and its storage as ok', async () => {
    const { status, body } = await send<HealthStatus>(project.app, 'GET', '/api/health');
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', storage: 'ok' });
  });
});

describe('GET /api/workflows', () => {
  it('lists every workflow of the project with its name, description and hash', async () => {
    const { status, body } = await send<{
      items: { name: string; description?: string; version?: string; hash: string }[];
    }>(project.app, 'GET', '/api/workflows');
    expect(status).toBe(200);
    const names = body.items.map((item) => item.name);
    expect(names).toEqual(
      expect.arrayContaining(['order-approval', 'fan-out-sum', 'flaky-retry', 'slow-steps']),
    );
    expect(names).toEqual([...names].sort());
    const orderApproval = body.items.find((item) => item.name === 'order-approval');
    expect(orderApproval).toMatchObject({
      version: '1.0.0',
      description: expect.stringContaining('ask a human'),
    });
    expect(orderApproval?.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('GET /api/workflows/:name', () => {
  it('describes a workflow with its input schema, output schema and step graph', async () => {
    const { status, body } = await send<{
      name: string;
      input: { required: string[] };
      outputSchema: object;
      steps: { id: string; kind: string }[];
    }>(project.app, 'GET', '/api/workflows/order-approval');
    expect(status).toBe(200);
    expect(body.name).toBe('order-approval');
    expect(body.input.required).toEqual(['orderId', 'amount']);
    expect(body.outputSchema).toMatchObject({ type: 'object' });
    expect(body.steps.map((step) => [step.id, step.kind])).toEqual([
      ['lookup', 'tool'],
      ['approve', 'suspend'],
      ['decide', 'switch'],
    ]);
  });

  it.each([['no-such-workflow'], ['__proto__'], ['constructor'], ['%F0%9F%92%A5'], ['a'.repeat(2000)]])(
    'answers 404 WORKFLOW_NOT_FOUND for the unknown name %s',
    async (name) => {
      const { status, body } = await send<ErrorReply>(
        project.app,
        'GET',
        `/api/workflows/${name.slice(0, 2000)}`,
      );
      expect(status).toBe(404);
      expect(body.error.code).toBe('WORKFLOW_NOT_FOUND');
    },
  );
});

describe('unknown routes', () => {
  it('answer 404 ROUTE_NOT_FOUND in the error format', async () => {
    const { status, body } = await send<ErrorReply>(project.app, 'GET', '/api/nothing-here');
    expect(status).toBe(404);
    expect(body.error.code).toBe('ROUTE_NOT_FOUND');
    expect(body.error.message).toContain('/api/nothing-here');
  });
});
