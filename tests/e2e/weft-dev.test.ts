import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListPage, RunDocument } from '../../runtime/public/api-types.js';
import { copyProject, exited, removeProject, spawnNode, waitForOutput } from './e2e-helpers.js';

let dir: string;
let child: ChildProcess;
let base: string;
/** Generous: a loaded machine takes long to start a child with tsx and to open PGlite (never a speed assertion). */
const slowMs = 300_000;

const helloWorkflow = (greeting: string): string => `apiVersion: weft/v1
kind: Workflow
metadata:
  name: hello
spec:
  input:
    type: object
  steps:
    - id: greet
      set:
        greeting: ${greeting}
  output:
    greeting: "\${{ steps.greet.output.greeting }}"
`;

async function workflowNames(): Promise<string[]> {
  const response = await fetch(`${base}/api/workflows`);
  const page = (await response.json()) as ListPage<{ name: string }>;
  return page.items.map((item) => item.name);
}

async function startRun(workflow: string, input: unknown): Promise<RunDocument> {
  const response = await fetch(`${base}/api/workflows/${workflow}/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ input, wait: true }),
  });
  return (await response.json()) as RunDocument;
}

beforeAll(async () => {
  dir = copyProject('definitions');
  child = spawnNode(['cli/bin.ts', 'dev', dir, '--port', '0', '--debounce', '50']);
  const [, url] = await waitForOutput(child, 'stderr', /serving \S+ at (\S+) /, slowMs);
  base = url ?? '';
}, slowMs);
afterAll(async () => {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    await exited(child);
  }
  removeProject(dir);
});

describe('weft dev', () => {
  it(
    'serves the project, and a new workflow appears after a good edit',
    async () => {
      expect(await workflowNames()).not.toContain('hello');
      const reloaded = waitForOutput(child, 'stderr', /reloaded \(\d+ workflows/, slowMs);
      writeFileSync(join(dir, 'workflows', 'hello.yaml'), helloWorkflow('hello'));
      await reloaded;
      expect(await workflowNames()).toContain('hello');
      const run = await startRun('hello', {});
      expect(run).toMatchObject({ status: 'completed', output: { greeting: 'hello' } });
    },
    slowMs,
  );

  it(
    'keeps the last good version serving after a bad edit, printing diagnostics on stderr',
    async () => {
      const kept = waitForOutput(child, 'stderr', /the last good version keeps serving/, slowMs);
      const diagnostics = waitForOutput(child, 'stderr', /hello\.yaml:\d+:\d+: error \S+/, slowMs);
      writeFileSync(
        join(dir, 'workflows', 'hello.yaml'),
        'apiVersion: weft/v1\nkind: Workflow\nmetadata: {}\n',
      );
      await Promise.all([kept, diagnostics]);
      expect(await workflowNames()).toContain('hello');
      expect(await startRun('hello', {})).toMatchObject({
        status: 'completed',
        output: { greeting: 'hello' },
      });
    },
    slowMs,
  );

  it(
    'keeps a suspended run resumable across a reload that changes its workflow',
    async () => {
      const suspended = await startRun('order-approval', { orderId: 'A1', amount: 20 });
      expect(suspended.status).toBe('suspended');
      const reloaded = waitForOutput(child, 'stderr', /reloaded \(\d+ workflows/, slowMs);
      writeFileSync(join(dir, 'workflows', 'hello.yaml'), helloWorkflow('bonjour'));
      await reloaded;
      expect(await startRun('hello', {})).toMatchObject({ output: { greeting: 'bonjour' } });
      const resumed = await fetch(`${base}/api/workflows/order-approval/runs/${suspended.runId}/resume`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ data: { approved: false } }),
      });
      expect(resumed.status).toBe(200);
      expect(await resumed.json()).toMatchObject({ status: 'completed', output: { status: 'rejected' } });
    },
    slowMs,
  );
});
