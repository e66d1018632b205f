import type { StepV1 } from '../../runtime/spec/v1/graph.js';
import { errorSchema } from '../expressions/check-scope.js';
import { compileValue } from '../expressions/compile-value.js';
import { anySchema, type DataSchema } from '../expressions/data-schema.js';
import { linkName, linkTool } from '../link/link-index.js';
import type { Step, StepList } from '../manifest-types.js';
import { foreachStep, loopStep, parallelStep, switchStep } from './container-steps.js';
import { agentStep, setStep, sleepStep, suspendStep, toolStep, workflowStep } from './simple-steps.js';
import {
  celAt,
  checkScopeOf,
  nullSchema,
  type SequenceResult,
  type SequenceScope,
  type StepContext,
} from './step-context.js';
import { durationMs, normalizeRetry } from './units.js';

function kindOf(step: Step, pointer: string, scope: SequenceScope, context: StepContext): Omit<StepV1, 'id'> {
  if ('tool' in step) return toolStep(step, pointer, scope, context);
  if ('agent' in step) return agentStep(step, pointer, scope, context);
  if ('workflow' in step) return workflowStep(step, pointer, scope, context);
  if ('parallel' in step) return parallelStep(step, pointer, scope, context, normalizeSequence);
  if ('switch' in step) return switchStep(step, pointer, scope, context, normalizeSequence);
  if ('foreach' in step) return foreachStep(step, pointer, scope, context, normalizeSequence);
  if ('loop' in step) return loopStep(step, pointer, scope, context, normalizeSequence);
  if ('suspend' in step) return suspendStep(step, pointer, scope, context);
  if ('sleep' in step) return sleepStep(step, pointer, scope, context);
  return setStep(step, pointer, scope, context);
}

function compensation(
  step: Step,
  pointer: string,
  scope: SequenceScope,
  output: DataSchema,
  context: StepContext,
): StepV1['compensate'] {
  const compensate = step.compensate;
  if (compensate === undefined) return undefined;
  const withSelf: SequenceScope = { ...scope, steps: new Map([...scope.steps, [step.id, output]]) };
  const input = compileValue(
    compensate.with ?? {},
    `${pointer}/compensate/with`,
    checkScopeOf(withSelf, context),
    context.reporter,
  ).template;
  if ('tool' in compensate) {
    if (
      linkTool(compensate.tool, `${pointer}/compensate/tool`, context.reporter, context.index) !== undefined
    )
      context.uses.tools.add(compensate.tool);
    return { tool: compensate.tool, with: input };
  }
  if (
    linkName(
      'workflow',
      compensate.workflow,
      `${pointer}/compensate/workflow`,
      context.reporter,
      context.index.workflows.keys(),
      context.index.invalid,
    )
  )
    context.uses.workflows.add(compensate.workflow);
  return { workflow: compensate.workflow, with: input };
}

/**
 * Normalises one step: its kind transform, then the fields every step has (`when` checked as a
 * condition, retry filled, timeout in ms, `catch` steps with `error` in scope, `compensate`
 * seeing the step's own output).
 *
 * @example
 * normalizeStep(step, '/spec/steps/0', scope, context).outputSchema;
 */
export function normalizeStep(
  step: Step,
  pointer: string,
  scope: SequenceScope,
  context: StepContext,
): StepV1 {
  const when =
    step.when === undefined ? undefined : celAt(step.when, scope, context, `${pointer}/when`, 'bool').source;
  const kind = kindOf(step, pointer, scope, context);
  const caught =
    step.catch === undefined
      ? undefined
      : normalizeSequence(
          step.catch,
          `${pointer}/catch`,
          {
            ...scope,
            roots: { ...scope.roots, error: errorSchema },
            containers: [...scope.containers, `${step.id}/catch`],
          },
          context,
        );
  const compensate = compensation(step, pointer, scope, kind.outputSchema, context);
  const timeoutMs = durationMs(step.timeout);
  return {
    id: step.id,
    ...(step.description === undefined ? {} : { description: step.description }),
    ...(when === undefined ? {} : { when }),
    ...(step.retry === undefined ? {} : { retry: normalizeRetry(step.retry) }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(caught === undefined ? {} : { catch: caught.steps }),
    ...(compensate === undefined ? {} : { compensate }),
    ...kind,
  } as StepV1;
}

/**
 * Normalises a step list in order: each step sees the outputs of the steps before it (and of the
 * enclosing sequences); returns the steps, the last output schema and the visible steps after.
 *
 * @example
 * normalizeSequence(spec.steps, '/spec/steps', { roots: { input }, steps: new Map(), containers: [] }, context);
 */
export function normalizeSequence(
  list: StepList,
  pointer: string,
  scope: SequenceScope,
  context: StepContext,
): SequenceResult {
  const visible = new Map(scope.steps);
  const steps: StepV1[] = [];
  let last: DataSchema = list.length === 0 ? nullSchema : anySchema;
  list.forEach((step, position) => {
    const normalized = normalizeStep(
      step,
      `${pointer}/${position}`,
      { ...scope, steps: new Map(visible) },
      context,
    );
    steps.push(normalized);
    last = normalized.outputSchema;
    if (!visible.has(step.id)) visible.set(step.id, normalized.outputSchema);
  });
  return { steps, last, visible };
}
