import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repositoryRoot } from './golden-cases.js';

const run = promisify(execFile);

/** The outcome of type-checking a folder of emitted files. */
export interface TypecheckResult {
  readonly exitCode: number;
  readonly output: string;
}

/**
 * Writes `files` to a temporary folder (an ESM package) and runs `tsc --noEmit` over them with
 * the strictest options of this repository, `weft/client` mapped to `runtime/public/client.ts`.
 */
export async function typecheckEmitted(files: Readonly<Record<string, string>>): Promise<TypecheckResult> {
  const dir = await mkdtemp(join(tmpdir(), 'weft-emit-'));
  try {
    const names = Object.keys(files).filter((name) => name.endsWith('.ts'));
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
    const tsconfig = {
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'ES2023',
        lib: ['ES2023'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        types: ['node'],
        typeRoots: [join(repositoryRoot, 'node_modules', '@types')],
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        verbatimModuleSyntax: true,
        skipLibCheck: true,
        paths: { 'weft/client': [join(repositoryRoot, 'runtime', 'public', 'client.ts')] },
      },
      files: names,
    };
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    const tsc = join(repositoryRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    try {
      const { stdout, stderr } = await run(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], {
        cwd: dir,
      });
      return { exitCode: 0, output: stdout + stderr };
    } catch (error) {
      const failure = error as { code?: number; stdout?: string; stderr?: string };
      return {
        exitCode: typeof failure.code === 'number' ? failure.code : 1,
        output: `${failure.stdout ?? ''}${failure.stderr ?? ''}`,
      };
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
