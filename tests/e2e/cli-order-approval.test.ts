import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListPage, RunDocument } from '../../runtime/public/api-types.js';
import { copyProject, removeProject, runWeft } from './e2e-helpers.js';

let dir: string;
beforeAll(() => {
  dir = copyProject('definitions');
});
afterAll(() => {
  removeProject(dir);
});

describe('weft run / weft runs across separate processes (order-approval on PGlite)', () => {
  let runId = '';

  it('weft run suspends at approve: exit 3, progress on stderr, the run document on stdout', async () => {
    const result = await runWeft(['run', 'order-approval', dir, '--input', '{"orderId":"o-1","amount":120}']);
    expect(result.stderr).toMatch(/ {2}✓ lookup \(\d+ ms\)/);
    expect(result.stderr).toContain('  ⏸ approve suspended');
    expect(result.code).toBe(3);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const run = JSON.parse(lines[0] ?? '') as RunDocument;
    expect(run).toMatchObject({
      workflow: 'order-approval',
      status: 'suspended',
      input: { orderId: 'o-1', amount: 120 },
    });
    expect(run.suspended).toEqual([
      { step: 'approve', payload: { orderId: 'o-1', total: expect.any(Number) } },
    ]);
    runId = run.runId;
  });

  it('weft runs resume in another process completes the run: exit 0 and the output', async () => {
    const result = await runWeft([
      'runs',
      'resume',
      runId,
      dir,
      '--step',
      'approve',
      '--data',
      '{"approved":true}',
    ]);
    expect(result.code).toBe(0);
    const run = JSON.parse(result.stdout) as RunDocument;
    expect(run.status).toBe('completed');
    expect(run.output).toEqual({ orderId: 'o-1', status: 'charged' });
    expect(result.stderr).toContain('✓ decide/charge');
  });

  it('weft runs show prints every step with its attempts', async () => {
    const result = await runWeft(['runs', 'show', runId, dir]);
    expect(result.code).toBe(0);
    const run = JSON.parse(result.stdout) as RunDocument;
    expect(run.steps.map((step) => step.path)).toEqual(['lookup', 'approve', 'decide', 'decide/charge']);
    for (const step of run.steps) {
      expect(step.attempts.length).toBeGreaterThan(0);
      expect(step.attempts[0]).toMatchObject({ attempt: 1, startedAt: expect.any(String) });
    }
    expect(run.steps.find((step) => step.path === 'approve')?.attempts[0]?.output).toEqual({
      approved: true,
    });
  });

  it('weft runs list finds the run by workflow and status', async () => {
    const result = await runWeft([
      'runs',
      'list',
      dir,
      '--workflow',
      'order-approval',
      '--status',
      'completed',
    ]);
    expect(result.code).toBe(0);
    const page = JSON.parse(result.stdout) as ListPage<RunDocument>;
    expect(page.items.map((run) => run.runId)).toContain(runId);
  });

  it('refuses to resume a run that is not suspended: exit 2', async () => {
    const result = await runWeft(['runs', 'resume', runId, dir, '--data', '{"approved":true}']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('RUN_NOT_SUSPENDED');
    expect(result.stdout).toBe('');
  });

  it.each([
    [
      'input that violates the schema',
      ['run', 'order-approval', '--input', '{"orderId":"o-2","amount":-1}'],
      '/amount',
    ],
    ['input that is not JSON', ['run', 'order-approval', '--input', '{orderId'], '--input is not valid JSON'],
    ['an unknown workflow', ['run', 'no-such-workflow', '--input', '{}'], 'WORKFLOW_NOT_FOUND'],
    ['an unknown run id', ['runs', 'show', 'no-such-run'], 'RUN_NOT_FOUND'],
    [
      'a bad --wait',
      ['run', 'order-approval', '--input', '{}', '--wait', 'soon'],
      '--wait must be a duration',
    ],
  ])('exits 2 for %s, saying why on stderr', async (_name, args, message) => {
    const [command, ...rest] = args;
    const position = command === 'runs' ? 3 : 2;
    const withDir = [...args.slice(0, position), dir, ...args.slice(position)];
    expect(rest.length).toBeGreaterThan(0);
    const result = await runWeft(withDir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });
});
