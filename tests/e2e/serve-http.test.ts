import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthStatus, RunDocument } from '../../runtime/public/api-types.js';
import { copyProject, exited, removeProject, runWeft, spawnNode, waitForOutput } from './e2e-helpers.js';

let dir: string;
let server: ChildProcess;
let base: string;
let serverErr = '';

beforeAll(async () => {
  dir = copyProject('definitions');
  // No model credentials: the host must still serve, with a start-up warning naming the variable.
  server = spawnNode(['cli/bin.ts', 'serve', dir, '--port', '0'], { OPENAI_API_KEY: '' });
  server.stderr?.on('data', (chunk: Buffer) => {
    serverErr += chunk.toString();
  });
  const match = await waitForOutput(
    server,
    'stderr',
    /weft: serving support-desk at (http:\/\/127\.0\.0\.1:\d+) \((\d+) routes\)/,
    60_000,
  );
  base = match[1] ?? '';
});
afterAll(async () => {
  if (server.exitCode === null && server.signalCode === null) {
    server.kill('SIGKILL');
    await exited(server);
  }
  removeProject(dir);
});

async function api<T = RunDocument>(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${base}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

describe('weft serve over HTTP (order-approval on PGlite)', () => {
  it('warns at start-up that OPENAI_API_KEY is not set, and answers an agent call with a 503 naming it', async () => {
    for (let i = 0; i < 50 && !serverErr.includes('warning'); i += 1)
      await new Promise((r) => setTimeout(r, 100));
    expect(serverErr).toContain('weft: warning: OPENAI_API_KEY is not set');
    const answer = await api<{ error: { code: string; details: { variable: string } } }>(
      'POST',
      '/api/agents/support/generate',
      { prompt: 'Where is my order o-1?' },
    );
    expect(answer.status).toBe(503);
    expect(answer.body.error).toMatchObject({
      code: 'MODEL_CREDENTIALS_MISSING',
      details: { variable: 'OPENAI_API_KEY' },
    });
  });

  it('answers health over a real socket and records its URL in the storage lock', async () => {
    const { status, body } = await api<HealthStatus>('GET', '/api/health');
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', storage: 'ok' });
    const lock = JSON.parse(readFileSync(join(dir, '.weft', 'lock.json'), 'utf8')) as {
      pid: number;
      url: string;
    };
    expect(lock).toMatchObject({ pid: server.pid, url: base });
  });

  it('suspends and resumes a run over HTTP', async () => {
    const started = await api('POST', '/api/workflows/order-approval/runs', {
      input: { orderId: 'o-1', amount: 120 },
      wait: true,
    });
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('suspended');
    const resumed = await api('POST', `/api/workflows/order-approval/runs/${started.body.runId}/resume`, {
      step: 'approve',
      data: { approved: true },
    });
    expect(resumed.status).toBe(200);
    expect(resumed.body.output).toEqual({ orderId: 'o-1', status: 'charged' });
  });

  it('weft run and weft runs resume in other processes go through the host (same outputs and exit codes)', async () => {
    const run = await runWeft(['run', 'order-approval', dir, '--input', '{"orderId":"o-2","amount":50}']);
    expect(run.stderr).toContain('⏸ approve suspended');
    expect(run.code).toBe(3);
    const suspended = JSON.parse(run.stdout) as RunDocument;
    expect(suspended.status).toBe('suspended');
    // The host owns the storage: the run is visible through its API.
    expect((await api('GET', `/api/workflows/order-approval/runs/${suspended.runId}`)).body.status).toBe(
      'suspended',
    );
    const resume = await runWeft(['runs', 'resume', suspended.runId, dir, '--data', '{"approved":false}']);
    expect(resume.code).toBe(0);
    expect((JSON.parse(resume.stdout) as RunDocument).output).toEqual({ orderId: 'o-2', status: 'rejected' });
    const bad = await runWeft(['run', 'order-approval', dir, '--input', '{"orderId":"o-3","amount":-1}']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('/amount');
  });

  it('shuts down on SIGTERM: exit 0, lock released, runs kept for the next process', async () => {
    server.kill('SIGTERM');
    const { code } = await exited(server);
    expect(code).toBe(0);
    expect(existsSync(join(dir, '.weft', 'lock.json'))).toBe(false);
    const list = await runWeft(['runs', 'list', dir, '--workflow', 'order-approval']);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as { items: RunDocument[] }).items).toHaveLength(2);
  });

  it('refuses to listen on a non-loopback address without API keys (exit 2)', async () => {
    const result = await runWeft(['serve', dir, '--host', '0.0.0.0', '--port', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('refusing to listen on 0.0.0.0 without API keys');
  });
});
