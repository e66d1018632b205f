import { resolve } from 'node:path';
import type { CliIo } from './cli-io.js';
import { openRunTarget } from './open-run-target.js';
import { reportRunError } from './report-run-error.js';
import type { RunTarget } from './run-target.js';

/**
 * Runs one run command against a project: parses its options (`parse`; bad options are refused
 * before the project is opened), opens the project (locally or through its host), calls `act`,
 * closes it, and reports errors with the run commands' exit codes.
 *
 * @example
 * await withRunTarget(io, 'runs show', dir, () => ({}), async (target) => printRun(io, await target.show(runId)));
 */
export async function withRunTarget<Options>(
  io: CliIo,
  command: string,
  dir: string,
  parse: () => Options,
  act: (target: RunTarget, options: Options) => Promise<void>,
): Promise<void> {
  let target: RunTarget | undefined;
  try {
    const options = parse();
    target = await openRunTarget(resolve(io.cwd, dir));
    await act(target, options);
  } catch (error) {
    reportRunError(io, command, error);
  } finally {
    await target
      ?.close()
      .catch((error: unknown) => io.err(`weft ${command}: closing the project failed: ${String(error)}`));
  }
}
