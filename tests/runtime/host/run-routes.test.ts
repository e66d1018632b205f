import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListPage, RunDocument } from '../../../runtime/public/api-types.js';
import { type ErrorReply, type HostedProject, openHostedProject, send } from './host-test-project.js';

let project: HostedProject;
beforeAll(async () => {
  project = await openHostedProject();
});
afterAll(async () => {
  await project.close();
});

const runs = '/api/workflows/order-approval/runs';
const order = { orderId: 'o-1', amount: 120 };

async function suspendedRun(): Promise<RunDocument> {
  const { status, body } = await send(project.app, 'POST', runs, { input: order, wait: true });
  expect(status).toBe(200);
  expect(body.status).toBe('suspended');
  return body;
}

describe('POST /api/workflows/:name/runs', () => {
  it('answers 201 with the run document of the new run', async () => {
    const { status, body } = await send(project.app, 'POST', '/api/workflows/slow-steps/runs', { input: {} });
    expect(status).toBe(201);
    expect(body).toMatchObject({ workflow: 'slow-steps', status: 'running', input: {} });
    expect(typeof body.runId).toBe('string');
    await project.weft.getWorkflow('slow-steps').createRun({ runId: body.runId }).cancel();
  });

  it('with wait: true answers 200 once the run suspends, with its suspension and steps', async () => {
    const run = await suspendedRun();
    expect(run.suspended).toEqual([
      { step: 'approve', payload: { orderId: 'o-1', total: expect.any(Number) } },
    ]);
    expect(run.steps.map((step) => [step.path, step.status])).toEqual([
      ['lookup', 'completed'],
      ['approve', 'suspended'],
    ]);
  });

  it('with wait: true answers the completed run with its output and every attempt', async () => {
    const { status, body } = await send(project.app, 'POST', '/api/workflows/flaky-retry/runs', {
      input: {},
      wait: true,
    });
    expect(status).toBe(200);
    expect(body.status).toBe('completed');
    expect(body.output).toEqual({ attempts: 3 });
    expect(body.steps[0]?.attempts.map((attempt) => attempt.status)).toEqual([
      'failed',
      'failed',
      'completed',
    ]);
  });

  it('answers the current run document when wait: true outlasts the wait bound', async () => {
    const quick = await openHostedProject({ waitTimeoutMs: 100 });
    try {
      const { status, body } = await send(quick.app, 'POST', '/api/workflows/slow-steps/runs', {
        input: {},
        wait: true,
      });
      expect(status).toBe(200);
      expect(body.status).toBe('running');
    } finally {
      await quick.close();
    }
  });

  it('validates the input against the workflow input schema before creating a run (400 with the pointer)', async () => {
    const before = await send<ListPage<RunDocument>>(project.app, 'GET', `${runs}?limit=100`);
    const { status, body } = await send<ErrorReply>(project.app, 'POST', runs, {
      input: { orderId: 'o-1', amount: -3 },
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details?.pointer).toBe('/input/amount');
    const after = await send<ListPage<RunDocument>>(project.app, 'GET', `${runs}?limit=100`);
    expect(after.body.items.length).toBe(before.body.items.length);
  });
});

describe('GET /api/workflows/:name/runs', () => {
  it('lists runs newest first, filtered by status, with a cursor for the next page', async () => {
    const first = await suspendedRun();
    const second = await suspendedRun();
    const page = await send<ListPage<RunDocument>>(project.app, 'GET', `${runs}?status=suspended&limit=1`);
    expect(page.status).toBe(200);
    expect(page.body.items.map((run) => run.runId)).toEqual([second.runId]);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const next = await send<ListPage<RunDocument>>(
      project.app,
      'GET',
      `${runs}?status=suspended&limit=1&cursor=${encodeURIComponent(page.body.nextCursor ?? '')}`,
    );
    expect(next.body.items.map((run) => run.runId)).toEqual([first.runId]);
    const completed = await send<ListPage<RunDocument>>(project.app, 'GET', `${runs}?status=completed`);
    expect(completed.body.items.every((run) => run.status === 'completed')).toBe(true);
  });

  it.each([
    ['status=done', '/status'],
    ['limit=0', '/limit'],
    ['limit=abc', '/limit'],
    ['limit=1000', '/limit'],
    ['sort=asc', '/sort'],
  ])('refuses the query %s with 400 at %s', async (query, pointer) => {
    const { status, body } = await send<ErrorReply>(project.app, 'GET', `${runs}?${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details?.pointer).toBe(pointer);
  });
});

describe('GET /api/workflows/:name/runs/:runId', () => {
  it('answers the run document', async () => {
    const run = await suspendedRun();
    const { status, body } = await send(project.app, 'GET', `${runs}/${run.runId}`);
    expect(status).toBe(200);
    expect(body).toEqual(run);
  });

  it.each([
    ['no-such-run'],
    ['00000000-0000-0000-0000-000000000000'],
    ["x' OR '1'='1"],
    ['%00'],
    ['%E2%9C%93'],
    ['r'.repeat(1000)],
  ])('answers 404 RUN_NOT_FOUND for the unknown id %s', async (runId) => {
    const { status, body } = await send<ErrorReply>(project.app, 'GET', `${runs}/${runId}`);
    expect(status).toBe(404);
    expect(body.error.code).toBe('RUN_NOT_FOUND');
  });

  it('answers 404 for a run of another workflow', async () => {
    const run = await suspendedRun();
    const { status, body } = await send<ErrorReply>(
      project.app,
      'GET',
      `/api/workflows/slow-steps/runs/${run.runId}`,
    );
    expect(status).toBe(404);
    expect(body.error.code).toBe('RUN_NOT_FOUND');
  });
});

describe('POST /api/workflows/:name/runs/:runId/resume', () => {
  it('resumes a suspended run and answers it once it completed', async () => {
    const run = await suspendedRun();
    const { status, body } = await send(project.app, 'POST', `${runs}/${run.runId}/resume`, {
      step: 'approve',
      data: { approved: true },
    });
    expect(status).toBe(200);
    expect(body.status).toBe('completed');
    expect(body.output).toEqual({ orderId: 'o-1', status: 'charged' });
  });

  it('resumes the only suspended step when no step is named', async () => {
    const run = await suspendedRun();
    const { body } = await send(project.app, 'POST', `${runs}/${run.runId}/resume`, {
      data: { approved: false },
    });
    expect(body.output).toEqual({ orderId: 'o-1', status: 'rejected' });
  });

  it('answers 409 RUN_NOT_SUSPENDED for a run that is not suspended', async () => {
    const run = await suspendedRun();
    await send(project.app, 'POST', `${runs}/${run.runId}/resume`, { data: { approved: true } });
    const { status, body } = await send<ErrorReply>(project.app, 'POST', `${runs}/${run.runId}/resume`, {
      data: { approved: true },
    });
    expect(status).toBe(409);
    expect(body.error.code).toBe('RUN_NOT_SUSPENDED');
  });

  it('answers 409 RUN_STEP_NOT_SUSPENDED for a step that does not wait', async () => {
    const run = await suspendedRun();
    const { status, body } = await send<ErrorReply>(project.app, 'POST', `${runs}/${run.runId}/resume`, {
      step: 'lookup',
      data: {},
    });
    expect(status).toBe(409);
    expect(body.error.code).toBe('RUN_STEP_NOT_SUSPENDED');
  });

  it.each([
    ['data of the wrong type', { data: { approved: 'yes' } }, '/approved'],
    ['data missing a required field', { data: {} }, '/approved'],
    ['no data', { step: 'approve' }, '/data'],
    ['an unknown field', { data: { approved: true }, wait: true }, '/wait'],
  ])('answers 400 VALIDATION_FAILED for %s, and the run stays suspended', async (_name, payload, pointer) => {
    const run = await suspendedRun();
    const { status, body } = await send<ErrorReply>(
      project.app,
      'POST',
      `${runs}/${run.runId}/resume`,
      payload,
    );
    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details?.pointer).toBe(pointer);
    expect((await send(project.app, 'GET', `${runs}/${run.runId}`)).body.status).toBe('suspended');
  });

  it('answers 404 for an unknown run', async () => {
    const { status, body } = await send<ErrorReply>(project.app, 'POST', `${runs}/nope/resume`, {
      data: { approved: true },
    });
    expect(status).toBe(404);
    expect(body.error.code).toBe('RUN_NOT_FOUND');
  });
});

describe('POST /api/workflows/:name/runs/:runId/cancel', () => {
  it('cancels a suspended run and answers it', async () => {
    const run = await suspendedRun();
    const { status, body } = await send(project.app, 'POST', `${runs}/${run.runId}/cancel`);
    expect(status).toBe(200);
    expect(body.status).toBe('cancelled');
  });

  it('answers 409 RUN_ALREADY_FINISHED for a finished run', async () => {
    const run = await suspendedRun();
    await send(project.app, 'POST', `${runs}/${run.runId}/cancel`);
    const { status, body } = await send<ErrorReply>(project.app, 'POST', `${runs}/${run.runId}/cancel`);
    expect(status).toBe(409);
    expect(body.error.code).toBe('RUN_ALREADY_FINISHED');
  });

  it('refuses a body with fields (400)', async () => {
    const run = await suspendedRun();
    const { status, body } = await send<ErrorReply>(project.app, 'POST', `${runs}/${run.runId}/cancel`, {
      force: true,
    });
    expect(status).toBe(400);
    expect(body.error.details?.pointer).toBe('/force');
  });
});
