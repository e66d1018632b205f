import type { RunDocument, RunEvent } from '../runtime/public/api-types.js';
import type { CliIo } from './cli-io.js';

/**
 * Exit codes of the run commands: 0 completed, 1 failed (or cancelled), 2 bad input or a refused
 * command, 3 not finished (suspended, sleeping, or still running past `--wait`).
 */
export const runExitCodes = { completed: 0, failed: 1, refused: 2, pending: 3 } as const;

/**
 * The exit code a run's status gives.
 *
 * @example
 * exitCodeOfStatus('suspended'); // 3
 */
export function exitCodeOfStatus(status: RunDocument['status']): number {
  if (status === 'completed') return runExitCodes.completed;
  if (status === 'failed' || status === 'cancelled') return runExitCodes.failed;
  return runExitCodes.pending;
}

/**
 * Prints a run document as one line of compact JSON on stdout (the API's run shape) and sets the
 * exit code from its status.
 *
 * @example
 * printRun(io, document); // {"runId":"...","status":"completed",...}
 */
export function printRun(io: CliIo, document: RunDocument): void {
  io.out(JSON.stringify(document));
  process.exitCode = exitCodeOfStatus(document.status);
}

/**
 * Turns run events into progress lines (`  ✓ lookup (12 ms)`, `  ✗ call attempt 1: ...`,
 * `  ⏸ approve suspended`), timing each step from its `step:start`.
 *
 * @example
 * const progress = new ProgressPrinter((line) => io.err(line));
 * progress.event({ type: 'step:complete', runId, step: 'lookup', attempt: 1, at });
 */
export class ProgressPrinter {
  private readonly started = new Map<string, number>();

  constructor(private readonly write: (line: string) => void) {}

  event(event: RunEvent): void {
    for (const line of this.linesOf(event)) this.write(line);
  }

  private linesOf(event: RunEvent): string[] {
    const key = `${event.step ?? ''}#${event.attempt ?? 0}`;
    const at = Date.parse(event.at);
    switch (event.type) {
      case 'step:start':
        this.started.set(key, at);
        return [];
      case 'step:complete': {
        if (event.status === 'skipped') return [`  - ${event.step} skipped`];
        const start = this.started.get(key);
        return [`  ✓ ${event.step}${start === undefined ? '' : ` (${Math.max(0, at - start)} ms)`}`];
      }
      case 'step:error':
        return [`  ✗ ${event.step} attempt ${event.attempt ?? 1}: ${event.error?.message ?? 'failed'}`];
      case 'run:suspended':
        return suspensionsOf(event.output).map((step) => `  ⏸ ${step} suspended`);
      case 'run:sleeping':
        return ['  ⏾ sleeping'];
      case 'run:failed':
        return [`  ✗ run failed: ${event.error?.code ?? 'ERROR'} ${event.error?.message ?? ''}`.trimEnd()];
      case 'run:cancelled':
        return ['  ✗ run cancelled'];
      default:
        return [];
    }
  }
}

function suspensionsOf(output: unknown): string[] {
  if (!Array.isArray(output)) return [];
  return output.flatMap((item: unknown) =>
    typeof item === 'object' && item !== null && 'step' in item && typeof item.step === 'string'
      ? [item.step]
      : [],
  );
}
