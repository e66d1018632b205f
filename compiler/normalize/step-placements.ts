import type { Reporter } from '../check/reporter.js';
import type { StepPlacement } from '../expressions/check-scope.js';
import type { Step, StepList, WorkflowSpec } from '../manifest-types.js';

/** The step lists nested in a step, each with its pointer suffix and container key. */
export function nestedLists(step: Step): { list: StepList; pointer: string; container: string }[] {
  const out: { list: StepList; pointer: string; container: string }[] = [];
  if (step.catch !== undefined)
    out.push({ list: step.catch, pointer: '/catch', container: `${step.id}/catch` });
  if ('parallel' in step) {
    step.parallel.branches.forEach((branch, position) => {
      out.push({
        list: branch.steps,
        pointer: `/parallel/branches/${position}/steps`,
        container: `${step.id}/${branch.id}`,
      });
    });
  }
  if ('switch' in step) {
    step.switch.forEach((branch, position) => {
      if ('default' in branch)
        out.push({
          list: branch.default,
          pointer: `/switch/${position}/default`,
          container: `${step.id}/default`,
        });
      else
        out.push({
          list: branch.steps,
          pointer: `/switch/${position}/steps`,
          container: `${step.id}/${position}`,
        });
    });
  }
  if ('foreach' in step)
    out.push({ list: step.foreach.steps, pointer: '/foreach/steps', container: step.id });
  if ('loop' in step) out.push({ list: step.loop.steps, pointer: '/loop/steps', container: step.id });
  return out;
}

function collect(
  list: StepList,
  pointer: string,
  containers: readonly string[],
  out: Map<string, StepPlacement>,
  reporter: Reporter,
): void {
  if (list.length === 0)
    reporter.error(
      'GRAPH_EMPTY_STEPS',
      pointer,
      'This step list is empty.',
      'Add a step, or remove the list.',
    );
  list.forEach((step, position) => {
    const stepPointer = `${pointer}/${position}`;
    if (out.has(step.id)) {
      reporter.error(
        'GRAPH_DUPLICATE_STEP_ID',
        `${stepPointer}/id`,
        `The step id "${step.id}" is already used in this workflow.`,
        'Step ids are unique within a workflow, nested steps included.',
      );
    } else out.set(step.id, { containers });
    for (const nested of nestedLists(step))
      collect(
        nested.list,
        `${stepPointer}${nested.pointer}`,
        [...containers, nested.container],
        out,
        reporter,
      );
  });
}

/**
 * Every step of a workflow with the containers that enclose it; reports duplicate ids
 * (`GRAPH_DUPLICATE_STEP_ID`, at the second one) and empty step lists (`GRAPH_EMPTY_STEPS`).
 *
 * @example
 * stepPlacements(spec, reporter).get('charge'); // { containers: ['decide/0'] }
 */
export function stepPlacements(spec: WorkflowSpec, reporter: Reporter): Map<string, StepPlacement> {
  const out = new Map<string, StepPlacement>();
  collect(spec.steps, '/spec/steps', [], out, reporter);
  if (spec.onError !== undefined && 'steps' in spec.onError)
    collect(spec.onError.steps, '/spec/onError/steps', ['#onError'], out, reporter);
  return out;
}
