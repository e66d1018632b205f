import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const tsxLoader = pathToFileURL(join(repo, 'node_modules/tsx/dist/loader.mjs')).href;

/** Runs `weft` from source as a child process. */
function weft(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', tsxLoader, join(repo, 'cli/bin.ts'), ...args],
      { cwd, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
    );
  });
}

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'weft-cli-'));
  await writeFile(
    join(work, 'weft.yaml'),
    'apiVersion: weft/v1\nkind: Project\nmetadata: { name: demo }\nspec: {}\n',
  );
  await writeFile(
    join(work, 'tool.yaml'),
    'apiVersion: weft/v1\nkind: Tool\nmetadata: { name: lookup }\nspec:\n  input: { type: object }\n  output: { type: object }\n  plugin: lookup\n  timout: 5s\n',
  );
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('weft (child process)', () => {
  it('prints help and exits 0', async () => {
    const { code, stdout } = await weft(['--help'], work);
    expect(code).toBe(0);
    expect(stdout).toMatch(/validate \[options\] \[dir\]/);
  });

  it('exits 2 on an unknown command', async () => {
    const { code, stderr } = await weft(['frobnicate'], work);
    expect([code, stderr]).toEqual([2, expect.stringContaining("unknown command 'frobnicate'")]);
  });

  it('validate prints file:line:col, the code, a hint, a code frame and a summary, and exits 1', async () => {
    const { code, stdout } = await weft(['validate'], work);
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        'tool.yaml:8:3: error SCHEMA_UNKNOWN_KEY Unknown key "timout".',
        '  hint: Did you mean "timeout"?',
        '    7 |   plugin: lookup',
        '  > 8 |   timout: 5s',
        '      |   ^',
        '1 error, 0 warnings in 2 manifests',
        '',
      ].join('\n'),
    );
  });

  it('validate --format json prints { ok, diagnostics }', async () => {
    const { code, stdout } = await weft(['validate', '.', '--format', 'json'], work);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as {
      ok: boolean;
      diagnostics: { code: string; line: number; column: number }[];
    };
    expect(report.ok).toBe(false);
    expect(report.diagnostics.map(({ code: c, line, column }) => [c, line, column])).toEqual([
      ['SCHEMA_UNKNOWN_KEY', 8, 3],
    ]);
  });

  it('init writes a starter project and refuses a non-empty folder with exit 2', async () => {
    const target = join(work, 'fresh');
    const first = await weft(['init', target], work);
    expect(first.code).toBe(0);
    expect((await readdir(target)).sort()).toEqual([
      '.gitignore',
      'package.json',
      'plugins',
      'tools',
      'weft.yaml',
      'workflows',
    ]);
    const second = await weft(['init', target], work);
    expect([second.code, second.stderr]).toEqual([2, expect.stringContaining('is not empty')]);
  });
});
