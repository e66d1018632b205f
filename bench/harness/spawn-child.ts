/**
 * Runs one job in a fresh `node --expose-gc --import tsx harness/child.ts ...` process and
 * resolves the numbers it printed (`@@RESULT {json}`), or an error with the tail of its stderr.
 */
import { spawn } from 'node:child_process';
import type { Job } from './jobs.js';

const resultPrefix = '@@RESULT ';

export interface ChildOutcome {
  readonly numbers?: Record<string, unknown>;
  readonly error?: string;
  readonly wall_s: number;
}

export function runChild(
  benchDir: string,
  job: Job,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<ChildOutcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', 'harness/child.ts', job.engine, job.config, job.workload],
      { cwd: benchDir, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wall_s = (Date.now() - started) / 1000;
      const line = stdout.split('\n').find((text) => text.startsWith(resultPrefix));
      if (code === 0 && line !== undefined) {
        resolve({ numbers: JSON.parse(line.slice(resultPrefix.length)) as Record<string, unknown>, wall_s });
        return;
      }
      const why = signal === 'SIGKILL' ? `killed after ${timeoutMs / 1000} s` : `exit ${code}`;
      resolve({ error: `${why}: ${stderr.trim().split('\n').slice(-8).join(' | ')}`, wall_s });
    });
  });
}
