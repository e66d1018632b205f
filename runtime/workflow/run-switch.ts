import { evaluateCondition } from '../expressions/index.js';
import type { SwitchStepV1 } from '../spec/v1/graph.js';
import { childFrame } from './child-frame.js';
import type { StepRun } from './run-execution.js';

/**
 * A `switch` step: runs the steps of the first case whose CEL condition holds (else `default`);
 * its output is the last output of that branch, `null` when none ran.
 *
 * @example
 * await runSwitchStep(run, { kind: 'switch', id: 'decide', cases: [{ when: 'input.ok', steps }], outputSchema: {} });
 */
export async function runSwitchStep(run: StepRun, step: SwitchStepV1): Promise<unknown> {
  const { frame } = run;
  const sequence = frame.exec.services.runSequence;
  for (const branch of step.cases) {
    if (evaluateCondition(branch.when, frame.scope)) {
      return sequence(childFrame(frame, `${run.path}/`, undefined, run.signal), branch.steps);
    }
  }
  if (step.default !== undefined)
    return sequence(childFrame(frame, `${run.path}/`, undefined, run.signal), step.default);
  return null;
}
