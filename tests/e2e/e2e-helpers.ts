import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: child processes run there so `tsx` and the `weft` self-import resolve. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Copies a project folder to a fresh temp folder, without its `.weft` state.
 *
 * @example
 * const dir = copyProject('definitions');
 */
export function copyProject(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'weft-e2e-'));
  cpSync(join(repoRoot, source), dir, {
    recursive: true,
    filter: (path) => !path.split('/').includes('.weft'),
  });
  return dir;
}

/** Removes a temp project folder. */
export function removeProject(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** What a finished child process printed, and how it exited. */
export interface ProcessResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a TypeScript entry (`cli/bin.ts`, a fixture script) as a separate Node process with tsx.
 *
 * @example
 * const { code, stdout } = await runNode(['cli/bin.ts', 'runs', 'list', dir]);
 */
export function runNode(args: readonly string[], env: Record<string, string> = {}): Promise<ProcessResult> {
  const child = spawnNode(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `weft <args>` from the sources. */
export function runWeft(args: readonly string[], env: Record<string, string> = {}): Promise<ProcessResult> {
  return runNode(['cli/bin.ts', ...args], env);
}

/**
 * Spawns a TypeScript entry with tsx, stdout and stderr piped.
 *
 * @example
 * const child = spawnNode(['cli/bin.ts', 'serve', dir, '--port', '0']);
 */
export function spawnNode(args: readonly string[], env: Record<string, string> = {}): ChildProcess {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
  // The child is a plain Node process, not a vitest worker.
  for (const name of Object.keys(childEnv)) if (name.startsWith('VITEST')) delete childEnv[name];
  return spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: repoRoot,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Resolves with the first match of `pattern` in what `child` writes to stream `which`; rejects
 * when the child exits first or after `timeoutMs`.
 *
 * @example
 * const [, url] = await waitForOutput(child, 'stderr', /serving \S+ at (\S+)/);
 */
export function waitForOutput(
  child: ChildProcess,
  which: 'stdout' | 'stderr',
  pattern: RegExp,
  timeoutMs = 30_000,
): Promise<RegExpExecArray> {
  const stream = which === 'stdout' ? child.stdout : child.stderr;
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => finish(new Error(`timed out waiting for ${pattern} in ${which}: ${seen}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match !== null) finish(match);
    };
    const onExit = (code: number | null): void =>
      finish(new Error(`process exited (${code}) before ${pattern}: ${seen}`));
    function finish(result: RegExpExecArray | Error): void {
      clearTimeout(timer);
      stream?.off('data', onData);
      child.off('exit', onExit);
      if (result instanceof Error) reject(result);
      else resolve(result);
    }
    stream?.on('data', onData);
    child.on('exit', onExit);
  });
}

/** Resolves with the exit code (or signal) of a child once it exits. */
export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/**
 * Polls `check` every `everyMs` until it returns a value other than `undefined`; rejects after `timeoutMs`.
 *
 * @example
 * await pollUntil(() => (lines().length >= 20 ? true : undefined), 20_000);
 */
export async function pollUntil<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
