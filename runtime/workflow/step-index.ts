import type { StepV1, WorkflowGraphV1 } from '../spec/v1/graph.js';

const indexes = new WeakMap<WorkflowGraphV1, Map<string, StepV1>>();

/**
 * Finds a step of a workflow by its path (`approve`, `review[2]/approve`, `fan/left`): step ids
 * are unique within a workflow, so the last segment names it. Indexed once per workflow graph.
 *
 * @example
 * findStep(workflow, 'review[2]/approve')?.kind; // 'suspend'
 */
export function findStep(workflow: WorkflowGraphV1, path: string): StepV1 | undefined {
  let index = indexes.get(workflow);
  if (index === undefined) {
    index = new Map();
    addSteps(index, workflow.steps);
    if (workflow.onError !== undefined && 'steps' in workflow.onError)
      addSteps(index, workflow.onError.steps);
    indexes.set(workflow, index);
  }
  const segments = path.split('/');
  const last = segments[segments.length - 1] ?? path;
  return index.get(last.replace(/\[\d+\]$/, ''));
}

function addSteps(index: Map<string, StepV1>, steps: readonly StepV1[]): void {
  for (const step of steps) {
    index.set(step.id, step);
    if (step.catch !== undefined) addSteps(index, step.catch);
    switch (step.kind) {
      case 'parallel':
        for (const branch of step.branches) addSteps(index, branch.steps);
        break;
      case 'switch':
        for (const branch of step.cases) addSteps(index, branch.steps);
        if (step.default !== undefined) addSteps(index, step.default);
        break;
      case 'foreach':
      case 'loop':
        addSteps(index, step.steps);
        break;
      default:
        break;
    }
  }
}
