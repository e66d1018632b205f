import type { Reporter } from '../check/reporter.js';
import type { Step, StepList, WorkflowSpec } from '../manifest-types.js';
import type { ParsedManifest } from '../model.js';
import { nestedLists } from '../normalize/step-placements.js';

interface Call {
  readonly workflow: string;
  readonly pointer: string;
}

function callsOf(list: StepList, pointer: string, out: Call[]): void {
  list.forEach((step: Step, position) => {
    const stepPointer = `${pointer}/${position}`;
    if ('workflow' in step) out.push({ workflow: step.workflow, pointer: `${stepPointer}/workflow` });
    if (step.compensate !== undefined && 'workflow' in step.compensate)
      out.push({ workflow: step.compensate.workflow, pointer: `${stepPointer}/compensate/workflow` });
    for (const nested of nestedLists(step)) callsOf(nested.list, `${stepPointer}${nested.pointer}`, out);
  });
}

/**
 * The sub-workflows a workflow calls (workflow steps and workflow compensations), with pointers.
 *
 * @example
 * workflowCalls(spec); // [{ workflow: 'charge', pointer: '/spec/steps/2/workflow' }]
 */
export function workflowCalls(spec: WorkflowSpec): Call[] {
  const out: Call[] = [];
  callsOf(spec.steps, '/spec/steps', out);
  if (spec.onError !== undefined && 'steps' in spec.onError)
    callsOf(spec.onError.steps, '/spec/onError/steps', out);
  return out;
}

/**
 * Orders workflows so that every workflow comes after the ones it calls, and reports each cycle
 * once (`LINK_WORKFLOW_CYCLE`, at the call that closes it). Workflows in a cycle still appear.
 *
 * @example
 * orderWorkflows(workflows, reporterOf).map((w) => w.name); // callees first
 */
export function orderWorkflows(
  workflows: readonly ParsedManifest<WorkflowSpec>[],
  reporterOf: (manifest: ParsedManifest) => Reporter,
): ParsedManifest<WorkflowSpec>[] {
  const byName = new Map(workflows.map((workflow) => [workflow.name, workflow]));
  const state = new Map<string, 'visiting' | 'done'>();
  const order: ParsedManifest<WorkflowSpec>[] = [];
  const visit = (workflow: ParsedManifest<WorkflowSpec>, path: readonly string[]): void => {
    state.set(workflow.name, 'visiting');
    for (const call of workflowCalls(workflow.value.spec)) {
      const callee = byName.get(call.workflow);
      if (callee === undefined) continue;
      const seen = state.get(callee.name);
      if (seen === 'visiting') {
        const from = path.indexOf(callee.name);
        const cycle =
          from < 0 ? [workflow.name, callee.name] : [...path.slice(from), workflow.name, callee.name];
        reporterOf(workflow).error(
          'LINK_WORKFLOW_CYCLE',
          call.pointer,
          `The workflows call each other in a cycle: ${cycle.join(' -> ')}.`,
          'A workflow cannot run itself, directly or through others.',
        );
      } else if (seen === undefined) visit(callee, [...path, workflow.name]);
    }
    state.set(workflow.name, 'done');
    order.push(workflow);
  };
  for (const workflow of [...workflows].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!state.has(workflow.name)) visit(workflow, []);
  }
  return order;
}
