import { weftError } from '../errors/create-weft-error.js';
import { evaluateValue } from '../expressions/index.js';
import type { SleepStepV1 } from '../spec/v1/graph.js';
import type { StepRun } from './run-execution.js';
import { RunPause } from './run-pause.js';

/**
 * A `sleep` step: a durable timer. It journals `wakeAt` and pauses the run (status `sleeping`);
 * the scheduler advances the run when the time has come, in this process or another. Output
 * `{ sleptMs }`.
 *
 * @example
 * await runSleepStep(run, { kind: 'sleep', id: 'wait', durationMs: 60_000, outputSchema: {} });
 */
export async function runSleepStep(run: StepRun, step: SleepStepV1): Promise<unknown> {
  const exec = run.frame.exec;
  const now = exec.services.now();
  const continues = run.continues;
  if (continues?.status === 'sleeping') {
    const wakeAt = (continues.output as { wakeAt?: number } | undefined)?.wakeAt ?? now;
    if (wakeAt <= now) return { sleptMs: now - continues.startedAt };
    throw new RunPause([], wakeAt);
  }
  const wakeAt = step.durationMs !== undefined ? now + step.durationMs : wakeTime(run, step);
  if (wakeAt <= now) return { sleptMs: 0 };
  await exec.journalPause(run.frame, {
    runId: exec.runId,
    path: run.path,
    attempt: run.attempt,
    status: 'sleeping',
    output: { wakeAt },
    startedAt: run.startedAt,
  });
  throw new RunPause([], wakeAt);
}

function wakeTime(run: StepRun, step: SleepStepV1): number {
  const value = step.until === undefined ? undefined : evaluateValue(step.until, run.frame.scope);
  const time = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    throw weftError('EXPRESSION_FAILED', {
      message: `The sleep "until" of step "${run.path}" did not give a timestamp.`,
      details: { step: run.path },
    });
  }
  return time;
}
