import { evaluateValue } from '../expressions/index.js';
import type { RunErrorV1 } from '../spec/v1/storage.js';
import { toRunError, toWeftError } from './retry-policy.js';
import type { Compensable, RunExecution } from './run-execution.js';

/**
 * Runs the `compensate` actions of the completed steps in reverse order of completion, after the
 * run failed. Each is journaled on its step with status `compensated` (a failing compensation is
 * journaled with its error and the others still run).
 *
 * @example
 * await runCompensations(exec); // refund, then release, for charge then reserve
 */
export async function runCompensations(exec: RunExecution): Promise<void> {
  const ordered = exec.compensables
    .map((compensable, order) => ({ compensable, order }))
    .sort((a, b) => b.compensable.endedAt - a.compensable.endedAt || b.order - a.order);
  const signal = new AbortController().signal;
  for (const { compensable } of ordered) {
    let error: RunErrorV1 | undefined;
    try {
      await compensateOne(exec, compensable, signal);
    } catch (thrown) {
      error = toRunError(toWeftError(thrown), compensable.path);
    }
    await exec.journal({
      runId: exec.runId,
      path: compensable.path,
      attempt: compensable.attempt,
      status: 'compensated',
      output: compensable.output,
      ...(error === undefined ? {} : { error }),
      startedAt: compensable.startedAt,
      endedAt: exec.services.now(),
    });
  }
}

async function compensateOne(
  exec: RunExecution,
  compensable: Compensable,
  signal: AbortSignal,
): Promise<void> {
  const action = compensable.step.compensate;
  if (action === undefined) return;
  const scope = {
    ...compensable.scope,
    steps: { ...compensable.scope.steps, [compensable.step.id]: { output: compensable.output } },
  };
  const input = evaluateValue(action.with, scope);
  const path = `${compensable.path}/compensate`;
  if ('tool' in action) {
    await exec.services.tools.call(action.tool, input, {
      signal,
      idempotencyKey: `${exec.runId}:${path}:${compensable.attempt}`,
      runId: exec.runId,
      stepPath: path,
      attempt: compensable.attempt,
    });
  } else {
    await exec.services.runChild({
      parent: exec,
      workflow: action.workflow,
      input,
      path,
      attempt: compensable.attempt,
      signal,
    });
  }
}
