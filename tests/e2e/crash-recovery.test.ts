import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDocument } from '../../runtime/public/api-types.js';
import { type RunReport, readCrashLog, recoveryViolations } from './crash-log.js';
import {
  copyProject,
  exited,
  pollUntil,
  removeProject,
  repoRoot,
  runNode,
  spawnNode,
  waitForOutput,
} from './e2e-helpers.js';

const fixture = 'tests/fixtures/projects/crash';
const startRuns = `${fixture}/start-runs.ts`;
const waitRuns = `${fixture}/wait-runs.ts`;
const runCount = 21;

/**
 * Starts 21 runs of `slow-steps` in a child process, kills it with SIGKILL once some steps
 * completed, lets a fresh process recover them, and checks the outcome against the step log.
 */
async function crashAndRecover(dir: string, env: Record<string, string>): Promise<void> {
  const log = join(dir, 'crash.log');
  const childEnv = { ...env, CRASH_LOG: log };
  const first = spawnNode([startRuns, dir, String(runCount)], childEnv);
  const ids = JSON.parse(
    (await waitForOutput(first, 'stdout', /^(\[.*\])\n/m, 60_000))[1] ?? '[]',
  ) as string[];
  expect(ids).toHaveLength(runCount);
  // Some steps of every run have started, and some have completed: kill in the middle.
  await pollUntil(() => (readCrashLog(log).length >= runCount * 3 ? true : undefined), 30_000, 20);
  first.kill('SIGKILL');
  expect((await exited(first)).signal).toBe('SIGKILL');
  const beforeRecovery = readCrashLog(log).length;
  expect(beforeRecovery).toBeLessThan(runCount * 10);

  const second = await runNode([waitRuns, dir, '60000'], childEnv);
  expect(second.code, second.stderr).toBe(0);
  const report = JSON.parse(second.stdout) as RunReport;
  expect(report.map((r) => r.run.id).sort()).toEqual([...ids].sort());
  for (const { run } of report) {
    expect(run.status).toBe('completed');
    expect(run.output).toEqual({ count: 10 });
  }
  const executions = readCrashLog(log);
  expect(executions.length).toBeGreaterThan(beforeRecovery);
  expect(recoveryViolations(executions, report)).toEqual([]);
  // Every run executed each of its 10 steps, and at most one step per run ran again.
  for (const id of ids) {
    const paths = new Set(executions.filter((e) => e.runId === id).map((e) => e.path));
    expect(paths.size).toBe(10);
    expect(executions.filter((e) => e.runId === id).length).toBeLessThanOrEqual(11);
  }
}

describe('crash recovery: kill -9 in the middle of 21 runs', () => {
  it('on PGlite on disk: every run completes, no completed step executes again', async () => {
    const dir = copyProject(fixture);
    try {
      await crashAndRecover(dir, {});
    } finally {
      removeProject(dir);
    }
  }, 120_000);

  describe('on Postgres', () => {
    const database = `weft_crash_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    let available = true;
    beforeAll(async () => {
      try {
        await admin.connect();
        await admin.query(`CREATE DATABASE ${database}`);
      } catch {
        available = false;
      }
    });
    afterAll(async () => {
      if (available)
        await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
      await admin.end().catch(() => undefined);
    });

    it('every run completes, no completed step executes again', async () => {
      // Postgres at 127.0.0.1:5432 is part of the machines' setup (STACK.md); its absence is a failure, not a skip.
      expect(available, 'Postgres at 127.0.0.1:5432 is not reachable').toBe(true);
      const dir = copyProject(fixture);
      copyFileSync(
        join(repoRoot, 'tests/fixtures/projects/crash-postgres/weft.yaml'),
        join(dir, 'weft.yaml'),
      );
      try {
        await crashAndRecover(dir, {
          WEFT_TEST_DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${database}`,
        });
      } finally {
        removeProject(dir);
      }
    }, 120_000);
  });
});

describe('crash recovery: weft serve killed with -9 during a run', () => {
  it('the restarted host finishes the run', async () => {
    const dir = copyProject(fixture);
    const log = join(dir, 'crash.log');
    const env = { CRASH_LOG: log };
    const servers = [spawnNode(['cli/bin.ts', 'serve', dir, '--port', '0'], env)];
    try {
      const first = servers[0];
      if (first === undefined) throw new Error('no server');
      const base = (await waitForOutput(first, 'stderr', /serving \S+ at (\S+) /, 60_000))[1] ?? '';
      const started = (await (
        await fetch(`${base}/api/workflows/slow-steps/runs`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"input":{}}',
        })
      ).json()) as RunDocument;
      expect(started.status).toBe('running');
      await pollUntil(() => (readCrashLog(log).length >= 3 ? true : undefined), 20_000, 20);
      first.kill('SIGKILL');
      await exited(first);

      const second = spawnNode(['cli/bin.ts', 'serve', dir, '--port', '0'], env);
      servers.push(second);
      const restarted = (await waitForOutput(second, 'stderr', /serving \S+ at (\S+) /, 60_000))[1] ?? '';
      // The dead host's lease must lapse (30 s by default) before the new one takes the run over.
      const finished = await pollUntil(
        async () => {
          const run = (await (
            await fetch(`${restarted}/api/workflows/slow-steps/runs/${started.runId}`)
          ).json()) as RunDocument;
          return run.status === 'running' ? undefined : run;
        },
        60_000,
        250,
      );
      expect(finished.status).toBe('completed');
      expect(finished.output).toEqual({ count: 10 });
      expect(new Set(readCrashLog(log).map((e) => e.path)).size).toBe(10);
    } finally {
      for (const server of servers)
        if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
      await Promise.all(servers.map((server) => exited(server)));
      removeProject(dir);
    }
  }, 120_000);
});
