import type { Command } from 'commander';
import type { RunStatus } from '../../runtime/public/api-types.js';
import type { CliIo } from '../cli-io.js';
import { parseJsonOption, parseWait, RunUsageError } from '../parse-run-options.js';
import { withRunTarget } from '../run-command-action.js';
import { ProgressPrinter, printRun } from '../run-output.js';
import { runStatuses } from '../run-target.js';

/**
 * `weft runs list|show|resume|cancel`: the runs stored in a project (or served by its host), with
 * the output conventions of `weft run` (JSON on stdout, progress and errors on stderr).
 *
 * @example
 * weft runs resume 6f1c... definitions --step approve --data '{"approved":true}'
 */
export function register(program: Command, io: CliIo): void {
  const runs = program.command('runs').description('list, show, resume and cancel workflow runs');
  runs
    .command('list')
    .description('list runs, newest first, as { items } JSON')
    .argument('[dir]', 'the project folder', '.')
    .option('--workflow <name>', 'only the runs of this workflow')
    .option('--status <status>', `only runs with this status (${runStatuses.join(', ')})`)
    .option('--limit <n>', 'at most this many runs (1-100)', '20')
    .action(async (dir: string, options: { workflow?: string; status?: string; limit: string }) => {
      const parse = () => ({ status: parseStatus(options.status), limit: parseLimit(options.limit) });
      await withRunTarget(io, 'runs list', dir, parse, async (target, { status, limit }) => {
        const page = await target.list({
          limit,
          ...(options.workflow === undefined ? {} : { workflow: options.workflow }),
          ...(status === undefined ? {} : { status }),
        });
        io.out(JSON.stringify(page));
        process.exitCode = 0;
      });
    });
  runs
    .command('show')
    .description('print a run document (exit code by its status, as weft run)')
    .argument('<runId>', 'the run id')
    .argument('[dir]', 'the project folder', '.')
    .action(async (runId: string, dir: string) => {
      await withRunTarget(io, 'runs show', dir, noOptions, async (target) =>
        printRun(io, await target.show(runId)),
      );
    });
  runs
    .command('resume')
    .description('resume a suspended run with data (validated against the step resume schema)')
    .argument('<runId>', 'the run id')
    .argument('[dir]', 'the project folder', '.')
    .option('--step <path>', 'the suspended step (needed when several are suspended)')
    .requiredOption('--data <json>', 'the resume data as JSON')
    .option('--wait <duration>', 'how long to wait for the run to settle', '30s')
    .action(async (runId: string, dir: string, options: { step?: string; data: string; wait: string }) => {
      const parse = () => ({
        data: parseJsonOption(options.data, '--data'),
        waitMs: parseWait(options.wait),
      });
      await withRunTarget(io, 'runs resume', dir, parse, async (target, { data, waitMs }) => {
        const progress = new ProgressPrinter((line) => io.err(line));
        const request = options.step === undefined ? { data } : { step: options.step, data };
        printRun(io, await target.resume(runId, request, waitMs, (event) => progress.event(event)));
      });
    });
  runs
    .command('cancel')
    .description('cancel a run that has not finished')
    .argument('<runId>', 'the run id')
    .argument('[dir]', 'the project folder', '.')
    .action(async (runId: string, dir: string) => {
      await withRunTarget(io, 'runs cancel', dir, noOptions, async (target) => {
        io.out(JSON.stringify(await target.cancel(runId)));
        process.exitCode = 0;
      });
    });
}

const noOptions = (): Record<string, never> => ({});

function parseLimit(text: string): number {
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new RunUsageError('--limit must be an integer from 1 to 100');
  return limit;
}

function parseStatus(status: string | undefined): RunStatus | undefined {
  if (status === undefined) return undefined;
  const known = runStatuses.find((s) => s === status);
  if (known === undefined)
    throw new RunUsageError(`--status must be one of ${runStatuses.join(', ')} (got "${status}")`);
  return known;
}
