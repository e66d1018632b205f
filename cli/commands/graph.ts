import { resolve } from 'node:path';
import type { Command } from 'commander';
import { type CliIo, exitCodes } from '../cli-io.js';
import { printDiagnostics } from '../print-diagnostics.js';

/**
 * `weft graph <workflow> [dir]`: prints the workflow's step tree as a Mermaid flowchart. An
 * unknown workflow exits 2 with a did-you-mean; a project with errors exits 1.
 *
 * @example
 * weft graph order-approval definitions > order-approval.mmd
 */
export function register(program: Command, io: CliIo): void {
  program
    .command('graph')
    .description('print a workflow as a Mermaid flowchart')
    .argument('<workflow>', 'the workflow name')
    .argument('[dir]', 'the project folder (where weft.yaml is)', '.')
    .action(async (name: string, dir: string) => {
      const { validateProject } = await import('../../compiler/compile.js');
      const { didYouMean } = await import('../../compiler/suggest.js');
      const root = resolve(io.cwd, dir);
      const result = await validateProject(root);
      if (!result.ok) {
        await printDiagnostics(io, root, result.diagnostics, result.manifestCount);
        process.exitCode = exitCodes.errors;
        return;
      }
      const workflow = result.graph.workflows[name];
      if (workflow === undefined) {
        const names = Object.keys(result.graph.workflows).sort();
        const hint =
          didYouMean(name, names) ??
          (names.length > 0 ? `The workflows are ${names.join(', ')}.` : 'The project has no workflows.');
        io.err(`weft graph: unknown workflow "${name}". ${hint}`);
        process.exitCode = exitCodes.usage;
        return;
      }
      const { workflowMermaid } = await import('../workflow-mermaid.js');
      io.out(workflowMermaid(workflow).trimEnd());
      process.exitCode = exitCodes.ok;
    });
}
