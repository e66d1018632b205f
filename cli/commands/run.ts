import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { parseJsonOption, parseWait } from '../parse-run-options.js';
import { withRunTarget } from '../run-command-action.js';
import { ProgressPrinter, printRun } from '../run-output.js';

/**
 * `weft run <workflow> [dir] --input JSON [--wait 30s]`: starts a run, prints one progress line
 * per step on stderr and the run document as compact JSON on stdout. Exit 0 completed, 1 failed,
 * 2 bad input, 3 suspended (or still going past `--wait`: a host or the next command continues it).
 *
 * @example
 * weft run order-approval definitions --input '{"orderId":"o-1","amount":120}'
 */
export function register(program: Command, io: CliIo): void {
  program
    .command('run')
    .description(
      'start a workflow run and print its run document (exit 0 completed, 1 failed, 2 bad input, 3 suspended)',
    )
    .argument('<workflow>', 'the workflow name')
    .argument('[dir]', 'the project folder (where weft.yaml is)', '.')
    .option('--input <json>', 'the workflow input as JSON', '{}')
    .option('--wait <duration>', 'how long to wait for the run to settle', '30s')
    .action(async (workflow: string, dir: string, options: { input: string; wait: string }) => {
      const parse = () => ({
        input: parseJsonOption(options.input, '--input'),
        waitMs: parseWait(options.wait),
      });
      await withRunTarget(io, 'run', dir, parse, async (target, { input, waitMs }) => {
        const progress = new ProgressPrinter((line) => io.err(line));
        printRun(io, await target.start(workflow, input, waitMs, (event) => progress.event(event)));
      });
    });
}
