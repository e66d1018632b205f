import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDocument } from '../../runtime/public/api-types.js';
import {
  copyProject,
  exited,
  pollUntil,
  removeProject,
  runWeft,
  spawnNode,
  waitForOutput,
} from './e2e-helpers.js';

const serving = /weft: serving support-desk at (http:\/\/[^\s]+) \((\d+) routes\)/;
const apiKey = 'e2e-production-key-0123456789';
const authBlock =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a weft.yaml env reference, not a JS template.
  '    auth:\n      keys:\n        - name: ci\n          key: ${{ env.WEFT_E2E_API_KEY }}\n          scopes: ["*"]\n';

/** Starts `weft serve` on a project and resolves with the child and its URL. */
async function serve(
  dir: string,
  args: readonly string[] = [],
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; base: string; stderr: () => string }> {
  const child = spawnNode(['cli/bin.ts', 'serve', dir, '--port', '0', ...args], env);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const match = await waitForOutput(child, 'stderr', serving, 300_000);
  return { child, base: match[1] ?? '', stderr: () => stderr };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited(child);
  }
}

async function json<T>(response: Response): Promise<{ status: number; body: T }> {
  return { status: response.status, body: (await response.json()) as T };
}

describe('weft serve refuses unsafe or broken configurations', () => {
  let dir: string;
  beforeAll(() => {
    dir = copyProject('definitions');
  });
  afterAll(() => removeProject(dir));

  it('refuses a non-loopback --host without API keys (exit 2, HOST_AUTH_REQUIRED), unless --insecure-no-auth', async () => {
    const refused = await runWeft(['serve', dir, '--host', '0.0.0.0', '--port', '0']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('HOST_AUTH_REQUIRED');
    expect(refused.stderr).toContain('--insecure-no-auth');
    const insecure = await serve(dir, ['--host', '0.0.0.0', '--insecure-no-auth']);
    try {
      expect(insecure.stderr()).toContain('without API keys (--insecure-no-auth)');
      insecure.child.kill('SIGTERM');
      expect((await exited(insecure.child)).code).toBe(0);
    } finally {
      await stop(insecure.child);
    }
  }, 600_000);

  it('refuses to start when an API key variable is not set, naming the variable (exit 2)', async () => {
    const keyed = copyProject('definitions');
    try {
      const yaml = readFileSync(join(keyed, 'weft.yaml'), 'utf8').replace(
        '    port: 3000\n',
        `    port: 3000\n${authBlock}`,
      );
      writeFileSync(join(keyed, 'weft.yaml'), yaml);
      const missing = await runWeft(['serve', keyed, '--port', '0'], { WEFT_E2E_API_KEY: '' });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('SECRET_MISSING');
      expect(missing.stderr).toContain('WEFT_E2E_API_KEY');
      // With the variable set, it serves on a non-loopback address, and routes need the key.
      const ok = await serve(keyed, ['--host', '0.0.0.0'], { WEFT_E2E_API_KEY: apiKey });
      try {
        const base = ok.base.replace('0.0.0.0', '127.0.0.1');
        expect((await fetch(`${base}/api/health`)).status).toBe(200);
        expect((await fetch(`${base}/api/workflows`)).status).toBe(401);
        const listed = await fetch(`${base}/api/workflows`, {
          headers: { authorization: `Bearer ${apiKey}` },
        });
        expect(listed.status).toBe(200);
        ok.child.kill('SIGTERM');
        expect((await exited(ok.child)).code).toBe(0);
        expect(ok.stderr()).not.toContain(apiKey);
      } finally {
        await stop(ok.child);
      }
    } finally {
      removeProject(keyed);
    }
  }, 600_000);
});

describe('graceful shutdown with a run in flight (PGlite)', () => {
  let dir: string;
  beforeAll(() => {
    dir = copyProject('definitions');
  });
  afterAll(() => removeProject(dir));

  it('drains on SIGTERM (exit 0, in-flight requests answered), and the next process completes the run', async () => {
    const first = await serve(dir);
    let runId: string;
    try {
      const started = await json<RunDocument>(
        await fetch(`${first.base}/api/workflows/slow-steps/runs`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ input: {} }),
        }),
      );
      expect(started.status).toBe(201);
      runId = started.body.runId;
      // A request still waiting on a run when the signal comes is answered, not cut.
      const waiting = fetch(`${first.base}/api/workflows/slow-steps/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ input: {}, wait: true }),
      });
      await pollUntil(async () => {
        const run = await json<RunDocument>(
          await fetch(`${first.base}/api/workflows/slow-steps/runs/${runId}`),
        );
        return run.body.steps.some((step) => step.status === 'completed') ? true : undefined;
      }, 120_000);
      first.child.kill('SIGTERM');
      const answered = await json<RunDocument>(await waiting);
      expect(answered.status).toBe(200);
      expect(answered.body.status).toBe('running');
      const { code } = await exited(first.child);
      expect(code, first.stderr()).toBe(0);
      expect(first.stderr()).toContain('weft: shutting down');
    } finally {
      await stop(first.child);
    }

    const second = await serve(dir);
    try {
      const done = await pollUntil(async () => {
        const run = await json<RunDocument>(
          await fetch(`${second.base}/api/workflows/slow-steps/runs/${runId}`),
        );
        return run.body.status === 'completed' ? run.body : undefined;
      }, 300_000);
      expect(done.output).toEqual({ count: 10 });
      second.child.kill('SIGTERM');
      expect((await exited(second.child)).code).toBe(0);
    } finally {
      await stop(second.child);
    }
  }, 600_000);
});
