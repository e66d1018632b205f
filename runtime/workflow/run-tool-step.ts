import { evaluateValue } from '../expressions/index.js';
import type { ToolStepV1 } from '../spec/v1/graph.js';
import type { StepRun } from './run-execution.js';

/**
 * A `tool` step: evaluates `with` and calls the tool through the checked path, with the
 * idempotency key `runId:stepPath:attempt` and the step's AbortSignal.
 *
 * @example
 * await runToolStep(run, { kind: 'tool', id: 'lookup', tool: 'lookup-order', with: { orderId: 'A1' }, outputSchema: {} });
 */
export function runToolStep(run: StepRun, step: ToolStepV1): Promise<unknown> {
  const exec = run.frame.exec;
  const input = evaluateValue(step.with, run.frame.scope);
  return exec.services.tools.call(step.tool, input, {
    signal: run.signal,
    idempotencyKey: `${exec.runId}:${run.path}:${run.attempt}`,
    runId: exec.runId,
    stepPath: run.path,
    attempt: run.attempt,
  });
}
