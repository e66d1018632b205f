import type { StepV1, WorkflowGraphV1 } from '../../runtime/spec/v1/graph.js';

/**
 * Every step of a workflow in a deterministic pre-order: the sequence, then nested bodies
 * (branches, cases, default, loop and foreach bodies), `catch` steps and `onError` steps.
 *
 * @example
 * allSteps(workflow).filter((step) => step.kind === 'suspend').map((step) => step.id); // ['approve']
 */
export function allSteps(workflow: WorkflowGraphV1): StepV1[] {
  const found: StepV1[] = [];
  const visit = (steps: readonly StepV1[]): void => {
    for (const step of steps) {
      found.push(step);
      for (const body of childSequences(step)) visit(body);
    }
  };
  visit(workflow.steps);
  if (workflow.onError !== undefined && 'steps' in workflow.onError) visit(workflow.onError.steps);
  return found;
}

function childSequences(step: StepV1): (readonly StepV1[])[] {
  const nested: (readonly StepV1[])[] = [];
  switch (step.kind) {
    case 'parallel':
      for (const branch of step.branches) nested.push(branch.steps);
      break;
    case 'switch':
      for (const branchCase of step.cases) nested.push(branchCase.steps);
      if (step.default !== undefined) nested.push(step.default);
      break;
    case 'foreach':
    case 'loop':
      nested.push(step.steps);
      break;
    default:
      break;
  }
  if (step.catch !== undefined) nested.push(step.catch);
  return nested;
}
