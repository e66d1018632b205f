import { resolve } from 'node:path';
import type { Command } from 'commander';
import { type CliIo, exitCodes } from '../cli-io.js';
import { printDiagnostics } from '../print-diagnostics.js';

/**
 * `weft validate [dir] [--format text|json]`: checks every manifest (parse, schema, links,
 * references) and prints the diagnostics; exit 1 on any error.
 *
 * @example
 * weft validate definitions --format json
 */
export function register(program: Command, io: CliIo): void {
  program
    .command('validate')
    .description('check every manifest of a project; exit 1 on any error')
    .argument('[dir]', 'the project folder (where weft.yaml is)', '.')
    .option('--format <format>', 'output format: text or json', 'text')
    .action(async (dir: string, options: { format: string }) => {
      if (options.format !== 'text' && options.format !== 'json') {
        io.err(`weft validate: unknown format "${options.format}" (use text or json)`);
        process.exitCode = exitCodes.usage;
        return;
      }
      const { validateProject } = await import('../../compiler/compile.js');
      const root = resolve(io.cwd, dir);
      const result = await validateProject(root);
      if (options.format === 'json')
        io.out(JSON.stringify({ ok: result.ok, diagnostics: result.diagnostics }, null, 2));
      else await printDiagnostics(io, root, result.diagnostics, result.manifestCount);
      process.exitCode = result.ok ? exitCodes.ok : exitCodes.errors;
    });
}
