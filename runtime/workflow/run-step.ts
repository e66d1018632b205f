import { weftError } from '../errors/create-weft-error.js';
import type { WeftError } from '../errors/weft-error.js';
import { evaluateCondition } from '../expressions/index.js';
import type { RetryPolicyV1, StepV1 } from '../spec/v1/graph.js';
import type { JournalEntryV1 } from '../spec/v1/storage.js';
import { raceAbort } from '../tools/race-abort.js';
import { abortableDelay } from './abortable-delay.js';
import { checkOutputSize } from './output-size.js';
import { fromRunError, retryDelayMs, shouldRetry, toRunError, toWeftError } from './retry-policy.js';
import type { Frame, RunExecution } from './run-execution.js';
import { RunPause } from './run-pause.js';
import { runStepKind } from './step-kinds.js';

const leafKinds = new Set<StepV1['kind']>(['tool', 'agent', 'workflow']);
const retriesOnReplay = new Set<StepV1['kind']>(['tool', 'agent', 'set', 'sleep', 'suspend']);
const noRetry: RetryPolicyV1 = { maxAttempts: 1, backoff: 'constant', delayMs: 0, jitter: 0 };

/**
 * Runs one step with its policies: replay (a completed step is never executed again), `when`,
 * `retry`, `timeout`, `catch`; every transition is journaled before the run moves on.
 *
 * @example
 * const output = await runStep(frame, { kind: 'set', id: 'total', value: 1, outputSchema: {} });
 */
export async function runStep(frame: Frame, step: StepV1): Promise<unknown> {
  const exec = frame.exec;
  const path = frame.prefix + step.id;
  exec.checkBoundary(frame.signal);
  const prior = exec.replay?.get(path);
  let attempt = 1;
  let continues: JournalEntryV1 | undefined;
  if (prior !== undefined) {
    switch (prior.status) {
      case 'completed':
        noteCompensable(frame, step, path, prior);
        return prior.output;
      case 'compensated':
        return prior.output;
      case 'skipped':
        return null;
      case 'started':
        // In flight at a crash or a pause. A tool or agent runs again with the next attempt
        // (at-least-once); a sub-workflow re-attaches to its child run (same attempt, same child
        // id) and a container continues (its children have their own journal entries).
        if (retriesOnReplay.has(step.kind)) {
          attempt = prior.attempt + 1;
        } else {
          attempt = prior.attempt;
          continues = prior;
        }
        break;
      case 'failed': {
        attempt = prior.attempt + 1;
        if (attempt > policyOf(exec, step).maxAttempts) {
          const error = fromRunError(prior.error ?? { code: 'STEP_FAILED', message: 'The step failed.' });
          return afterFailure(frame, step, path, prior.attempt, error, prior.startedAt);
        }
        break;
      }
      default:
        // suspended, resumed, sleeping: the step kind continues the same attempt.
        attempt = prior.attempt;
        if (step.kind === 'suspend' || step.kind === 'sleep') continues = prior;
        else if (prior.status === 'suspended')
          throw new RunPause([{ step: path, payload: payloadOf(prior) }]);
    }
  } else {
    if (exec.suspendRequested) return pauseManually(frame, path);
    if (step.when !== undefined && !evaluateCondition(step.when, frame.scope)) {
      const now = exec.services.now();
      await exec.journal({
        runId: exec.runId,
        path,
        attempt: 1,
        status: 'skipped',
        startedAt: now,
        endedAt: now,
      });
      return null;
    }
  }
  return runAttempts(frame, step, path, attempt, continues);
}

async function runAttempts(
  frame: Frame,
  step: StepV1,
  path: string,
  firstAttempt: number,
  firstContinues: JournalEntryV1 | undefined,
): Promise<unknown> {
  const exec = frame.exec;
  const { services } = exec;
  const policy = policyOf(exec, step);
  let attempt = firstAttempt;
  let continues = firstContinues;
  for (;;) {
    const startedAt = continues?.startedAt ?? services.now();
    if (continues === undefined) {
      await exec.journal({ runId: exec.runId, path, attempt, status: 'started', startedAt });
      if (services.events.has('step:start')) {
        services.events.emit('step:start', {
          runId: exec.runId,
          workflow: exec.workflow.name,
          path,
          attempt,
        });
      }
    }
    try {
      const output = await executeAttempt(frame, step, path, attempt, startedAt, continues);
      checkOutputSize(output, services.stepOutputLimitBytes, path);
      const endedAt = services.now();
      const entry: JournalEntryV1 = {
        runId: exec.runId,
        path,
        attempt,
        status: 'completed',
        output,
        startedAt,
        endedAt,
      };
      exec.journalWithNext(entry);
      if (services.events.has('step:complete')) {
        services.events.emit('step:complete', {
          runId: exec.runId,
          workflow: exec.workflow.name,
          path,
          attempt,
          output,
        });
      }
      noteCompensable(frame, step, path, entry);
      return output;
    } catch (thrown) {
      if (thrown instanceof RunPause) throw thrown;
      if (exec.stopReason !== undefined) throw exec.stopReason;
      if (exec.signal.aborted) throw exec.signal.reason;
      const error = toWeftError(thrown);
      exec.markFailedAt(error, path);
      const branchAborted = frame.signal.aborted;
      const willRetry = !branchAborted && shouldRetry(policy, error, attempt);
      const runError = toRunError(error, exec.failedStep(error));
      const endedAt = services.now();
      await exec.journal({
        runId: exec.runId,
        path,
        attempt,
        status: 'failed',
        error: runError,
        startedAt,
        endedAt,
      });
      if (services.events.has('step:error')) {
        services.events.emit('step:error', {
          runId: exec.runId,
          workflow: exec.workflow.name,
          path,
          attempt,
          error: runError,
          willRetry,
        });
      }
      if (!willRetry) {
        if (branchAborted) throw error;
        return afterFailure(frame, step, path, attempt, error, startedAt);
      }
      await abortableDelay(retryDelayMs(policy, attempt, services.random), frame.signal);
      attempt += 1;
      continues = undefined;
    }
  }
}

async function executeAttempt(
  frame: Frame,
  step: StepV1,
  path: string,
  attempt: number,
  startedAt: number,
  continues: JournalEntryV1 | undefined,
): Promise<unknown> {
  const timeoutMs =
    step.timeoutMs ?? (leafKinds.has(step.kind) ? frame.exec.services.defaultStepTimeoutMs : undefined);
  if (timeoutMs === undefined) {
    const pending = runStepKind({ frame, step, path, attempt, startedAt, signal: frame.signal, continues });
    // A run already aborted here runs its onError steps on a fresh signal: do not guard those.
    return leafKinds.has(step.kind) && !frame.exec.signal.aborted ? frame.exec.guard(pending) : pending;
  }
  const controller = new AbortController();
  const parent = frame.signal;
  const follow = (): void => controller.abort(parent.reason);
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener('abort', follow, { once: true });
  const timer = setTimeout(
    () => controller.abort(weftError('STEP_TIMEOUT', { details: { step: path, timeoutMs } })),
    timeoutMs,
  );
  try {
    const pending = runStepKind({
      frame,
      step,
      path,
      attempt,
      startedAt,
      signal: controller.signal,
      continues,
    });
    return await raceAbort(pending, controller.signal);
  } finally {
    clearTimeout(timer);
    parent.removeEventListener('abort', follow);
  }
}

/** The step failed for good: run its `catch` steps (their last output is the step's), or throw. */
async function afterFailure(
  frame: Frame,
  step: StepV1,
  path: string,
  attempt: number,
  error: WeftError,
  startedAt: number,
): Promise<unknown> {
  const exec = frame.exec;
  if (step.catch === undefined || step.catch.length === 0) throw error;
  const failedStep = exec.failedStep(error) ?? path;
  const steps = { ...frame.steps };
  const scope = {
    ...frame.scope,
    steps,
    error: { code: error.code, message: error.message, step: failedStep },
  };
  const output = await exec.services.runSequence(
    { exec, scope, steps, prefix: `${path}/`, signal: frame.signal },
    step.catch,
  );
  const endedAt = exec.services.now();
  const runError = toRunError(error, failedStep);
  await exec.journal({
    runId: exec.runId,
    path,
    attempt,
    status: 'completed',
    output,
    error: runError,
    startedAt,
    endedAt,
  });
  if (exec.services.events.has('step:complete')) {
    exec.services.events.emit('step:complete', {
      runId: exec.runId,
      workflow: exec.workflow.name,
      path,
      attempt,
      output,
    });
  }
  return output;
}

async function pauseManually(frame: Frame, path: string): Promise<never> {
  const exec = frame.exec;
  exec.suspendRequested = false;
  const payload = { reason: 'suspend() was called' };
  const now = exec.services.now();
  await exec.journalPause(frame, {
    runId: exec.runId,
    path,
    attempt: 1,
    status: 'suspended',
    output: { payload },
    startedAt: now,
  });
  throw new RunPause([{ step: path, payload }]);
}

function policyOf(exec: RunExecution, step: StepV1): RetryPolicyV1 {
  if (step.retry !== undefined) return step.retry;
  if (!leafKinds.has(step.kind)) return noRetry;
  return exec.workflow.retries ?? exec.services.defaultRetry;
}

function noteCompensable(frame: Frame, step: StepV1, path: string, entry: JournalEntryV1): void {
  if (step.compensate === undefined) return;
  frame.exec.compensables.push({
    step,
    path,
    attempt: entry.attempt,
    output: entry.output,
    startedAt: entry.startedAt,
    endedAt: entry.endedAt ?? entry.startedAt,
    scope: frame.scope,
  });
}

function payloadOf(entry: JournalEntryV1): unknown {
  const output = entry.output as { payload?: unknown } | undefined;
  return output?.payload ?? null;
}
