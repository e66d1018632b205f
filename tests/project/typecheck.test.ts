import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

async function exitOf(command: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? 1, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}

describe('the project as a whole', () => {
  it('type-checks, tests included, under the strict tsconfig', async () => {
    const result = await exitOf(process.execPath, [
      'node_modules/typescript/bin/tsc',
      '-p',
      'tsconfig.json',
      '--noEmit',
    ]);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  }, 180_000);

  it('is clean under Biome (lint and format)', async () => {
    const result = await exitOf(process.execPath, [
      'node_modules/@biomejs/biome/bin/biome',
      'check',
      '.',
      '--diagnostic-level=error',
    ]);
    expect(result.code, result.output.slice(0, 4000)).toBe(0);
  }, 120_000);
});
