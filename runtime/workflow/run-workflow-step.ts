import { evaluateValue } from '../expressions/index.js';
import type { WorkflowStepV1 } from '../spec/v1/graph.js';
import type { StepRun } from './run-execution.js';

/**
 * A `workflow` step: runs the sub-workflow as its own run (linked by `parentRunId`/`parentStep`,
 * id `parentRunId:stepPath:attempt`) and waits for it; a recovered parent re-attaches to the
 * existing child run, never starts a second.
 *
 * @example
 * await runWorkflowStep(run, { kind: 'workflow', id: 'charge', workflow: 'charge-card', with: {}, outputSchema: {} });
 */
export function runWorkflowStep(run: StepRun, step: WorkflowStepV1): Promise<unknown> {
  const exec = run.frame.exec;
  return exec.services.runChild({
    parent: exec,
    workflow: step.workflow,
    input: evaluateValue(step.with, run.frame.scope),
    path: run.path,
    attempt: run.attempt,
    signal: run.signal,
  });
}
