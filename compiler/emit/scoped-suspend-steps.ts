import type { JsonSchemaV1, StepV1, SuspendStepV1, WorkflowGraphV1 } from '../../runtime/spec/v1/graph.js';
import { inferTemplateSchema, type TemplateScope } from './infer-template-schema.js';
import { allSteps } from './walk-steps.js';

/** A suspend step with what its payload's references can see. */
export interface ScopedSuspendStep {
  readonly step: SuspendStepV1;
  readonly scope: TemplateScope;
}

const SIMPLE_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * Every suspend step of a workflow with its template scope: the workflow input, every step output
 * by id, and inside a `foreach` whose `items` is a plain path (`input.orderIds`) the element schema.
 *
 * @example
 * scopedSuspendSteps(workflow).map(({ step }) => step.id); // ['approve']
 */
export function scopedSuspendSteps(workflow: WorkflowGraphV1): ScopedSuspendStep[] {
  const steps = new Map(allSteps(workflow).map((step) => [step.id, step.outputSchema] as const));
  const base: TemplateScope = { input: workflow.input, steps };
  const found: ScopedSuspendStep[] = [];
  const visit = (sequence: readonly StepV1[], scope: TemplateScope): void => {
    for (const step of sequence) {
      if (step.kind === 'suspend') found.push({ step, scope });
      if (step.catch !== undefined) visit(step.catch, scope);
      if (step.kind === 'foreach') visit(step.steps, withItem(scope, itemSchema(step.items, scope)));
      else if (step.kind === 'loop') visit(step.steps, scope);
      else if (step.kind === 'parallel') for (const branch of step.branches) visit(branch.steps, scope);
      else if (step.kind === 'switch') {
        for (const branchCase of step.cases) visit(branchCase.steps, scope);
        if (step.default !== undefined) visit(step.default, scope);
      }
    }
  };
  visit(workflow.steps, base);
  if (workflow.onError !== undefined && 'steps' in workflow.onError) visit(workflow.onError.steps, base);
  return found;
}

function withItem(scope: TemplateScope, item: JsonSchemaV1 | undefined): TemplateScope {
  return item === undefined
    ? { input: scope.input, steps: scope.steps }
    : { input: scope.input, steps: scope.steps, item };
}

function itemSchema(items: string, scope: TemplateScope): JsonSchemaV1 | undefined {
  const source = items.trim();
  if (!SIMPLE_PATH.test(source)) return undefined;
  const list = inferTemplateSchema({ $ref: source.split('.') }, scope);
  const element = list.items;
  return typeof element === 'object' && element !== null && !Array.isArray(element)
    ? (element as JsonSchemaV1)
    : undefined;
}
