import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDocument } from '../../runtime/public/api-types.js';
import { copyProject, exited, removeProject, runWeft, spawnNode, waitForOutput } from './e2e-helpers.js';

const key = 'weft-test-key-5f1c2e9a';
let dir: string;
let server: ChildProcess;

beforeAll(async () => {
  dir = copyProject('definitions');
  const manifest = join(dir, 'weft.yaml');
  writeFileSync(
    manifest,
    readFileSync(manifest, 'utf8').replace(
      '  server:\n',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: weft's `${{ }}` manifest expression, not a JS template
      '  server:\n    auth:\n      keys:\n        - name: cli\n          key: ${{ env.WEFT_TEST_HOST_KEY }}\n          scopes: [workflows:run, workflows:read]\n',
    ),
  );
  server = spawnNode(['cli/bin.ts', 'serve', dir, '--port', '0'], {
    WEFT_TEST_HOST_KEY: key,
    OPENAI_API_KEY: '',
  });
  await waitForOutput(server, 'stderr', /weft: serving support-desk at http:\/\/127\.0\.0\.1:\d+/, 60_000);
});
afterAll(async () => {
  if (server.exitCode === null && server.signalCode === null) {
    server.kill('SIGKILL');
    await exited(server);
  }
  removeProject(dir);
});

describe('run commands through a host that requires API keys', () => {
  it('are refused with 401 and a pointer to WEFT_API_KEY when it is not set', async () => {
    const list = await runWeft(['runs', 'list', dir], { WEFT_API_KEY: '' });
    expect(list.code).toBe(2);
    expect(list.stderr).toContain('AUTH_MISSING');
    expect(list.stderr).toContain('set WEFT_API_KEY');
  });

  it('send WEFT_API_KEY as the bearer key: run, resume and list work, and the key is never printed', async () => {
    const env = { WEFT_API_KEY: key };
    const run = await runWeft(
      ['run', 'order-approval', dir, '--input', '{"orderId":"o-9","amount":10}'],
      env,
    );
    expect(run.code).toBe(3);
    const suspended = JSON.parse(run.stdout) as RunDocument;
    const resume = await runWeft(
      ['runs', 'resume', suspended.runId, dir, '--data', '{"approved":true}'],
      env,
    );
    expect(resume.code).toBe(0);
    expect((JSON.parse(resume.stdout) as RunDocument).output).toEqual({ orderId: 'o-9', status: 'charged' });
    const list = await runWeft(['runs', 'list', dir, '--workflow', 'order-approval'], env);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as { items: RunDocument[] }).items.map((item) => item.runId)).toEqual([
      suspended.runId,
    ]);
    for (const output of [run, resume, list]) expect(output.stdout + output.stderr).not.toContain(key);
  });

  it('are refused with 401 for a wrong key', async () => {
    const list = await runWeft(['runs', 'list', dir], { WEFT_API_KEY: 'not-the-key' });
    expect(list.code).toBe(2);
    expect(list.stderr).toContain('AUTH_INVALID');
  });
});
