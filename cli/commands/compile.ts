import { resolve } from 'node:path';
import type { Command } from 'commander';
import { type CliIo, displayPath, exitCodes } from '../cli-io.js';
import { printDiagnostics } from '../print-diagnostics.js';

/**
 * `weft compile [dir] [--out DIR]`: validates the project and writes the artefacts (types.ts,
 * client.ts, graph.json, openapi.json) to `--out` (default `<dir>/.weft/`); exit 1 on errors.
 *
 * @example
 * weft compile definitions --out build/weft
 */
export function register(program: Command, io: CliIo): void {
  program
    .command('compile')
    .description('validate a project and write its artefacts (default into <dir>/.weft/)')
    .argument('[dir]', 'the project folder (where weft.yaml is)', '.')
    .option('--out <dir>', 'where to write the artefacts')
    .action(async (dir: string, options: { out?: string }) => {
      const { compile } = await import('../../compiler/compile.js');
      const root = resolve(io.cwd, dir);
      const out = options.out === undefined ? undefined : resolve(io.cwd, options.out);
      const result = await compile(root, out === undefined ? { write: true } : { write: true, out });
      if (result.diagnostics.length > 0 || !result.ok)
        await printDiagnostics(io, root, result.diagnostics, result.manifestCount);
      if (!result.ok) {
        process.exitCode = exitCodes.errors;
        return;
      }
      for (const path of result.written ?? []) io.out(`wrote ${displayPath(io.cwd, path)}`);
      io.out(`compiled ${result.manifestCount} manifests`);
      process.exitCode = exitCodes.ok;
    });
}
