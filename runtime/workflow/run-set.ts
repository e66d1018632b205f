import { evaluateValue } from '../expressions/index.js';
import type { SetStepV1 } from '../spec/v1/graph.js';
import type { StepRun } from './run-execution.js';

/**
 * A `set` step: its output is its value, evaluated in the step's scope.
 *
 * @example
 * await runSetStep(run, { kind: 'set', id: 'status', value: { status: 'rejected' }, outputSchema: {} });
 */
export function runSetStep(run: StepRun, step: SetStepV1): Promise<unknown> {
  return Promise.resolve(evaluateValue(step.value, run.frame.scope));
}
