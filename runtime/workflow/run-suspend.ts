import { weftError } from '../errors/create-weft-error.js';
import { evaluateValue } from '../expressions/index.js';
import type { SuspendStepV1 } from '../spec/v1/graph.js';
import type { SuspensionV1 } from '../spec/v1/storage.js';
import type { StepRun } from './run-execution.js';
import { RunPause } from './run-pause.js';

interface SuspendedOutput {
  readonly payload: unknown;
  readonly timeoutAt?: number;
}

/**
 * A `suspend` step: journals its payload (and `timeoutAt`) and pauses the run. Resumed, its
 * output is the resume data. Past its timeout, `onTimeout` applies: `resume` with its `data`, or
 * `fail` (the default) with `SUSPEND_TIMEOUT`.
 *
 * @example
 * await runSuspendStep(run, { kind: 'suspend', id: 'approve', payload: {}, resume: { type: 'object' }, outputSchema: {} });
 */
export async function runSuspendStep(run: StepRun, step: SuspendStepV1): Promise<unknown> {
  const exec = run.frame.exec;
  const now = exec.services.now();
  const continues = run.continues;
  if (continues?.status === 'resumed') return continues.output;
  if (continues?.status === 'suspended') {
    const { payload, timeoutAt } = (continues.output ?? { payload: null }) as SuspendedOutput;
    if (timeoutAt !== undefined && timeoutAt <= now) return timedOut(run, step, timeoutAt);
    throw pause(run.path, payload, timeoutAt);
  }
  const payload = evaluateValue(step.payload, run.frame.scope);
  const timeoutAt = step.suspendTimeoutMs === undefined ? undefined : now + step.suspendTimeoutMs;
  const output: SuspendedOutput = timeoutAt === undefined ? { payload } : { payload, timeoutAt };
  await exec.journalPause(run.frame, {
    runId: exec.runId,
    path: run.path,
    attempt: run.attempt,
    status: 'suspended',
    output,
    startedAt: run.startedAt,
  });
  throw pause(run.path, payload, timeoutAt);
}

function pause(step: string, payload: unknown, timeoutAt: number | undefined): RunPause {
  const suspension: SuspensionV1 = timeoutAt === undefined ? { step, payload } : { step, payload, timeoutAt };
  return new RunPause([suspension], timeoutAt);
}

function timedOut(run: StepRun, step: SuspendStepV1, timeoutAt: number): unknown {
  if (step.onTimeout?.action === 'resume') {
    return step.onTimeout.data === undefined ? null : evaluateValue(step.onTimeout.data, run.frame.scope);
  }
  throw weftError('SUSPEND_TIMEOUT', { details: { step: run.path, timeoutAt } });
}
