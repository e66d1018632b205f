import type { ForeachStepV1, LoopStepV1, ParallelStepV1, SwitchStepV1 } from '../../runtime/spec/v1/graph.js';
import { elementSchema } from '../expressions/check-cel.js';
import { counterSchema } from '../expressions/check-scope.js';
import type { DataSchema } from '../expressions/data-schema.js';
import type { ForeachStep, LoopStep, ParallelStep, SwitchStep } from '../manifest-types.js';
import { celAt, nullSchema, type RunSequence, type SequenceScope, type StepContext } from './step-context.js';

type Kind<T> = Omit<T, 'id' | 'description' | 'when' | 'retry' | 'timeoutMs' | 'catch' | 'compensate'>;

function distinct(schemas: readonly DataSchema[]): DataSchema {
  const unique = [...new Map(schemas.map((schema) => [JSON.stringify(schema), schema])).values()];
  return unique.length === 1 && unique[0] !== undefined ? unique[0] : { anyOf: unique };
}

/** A `parallel` step: branches in their own containers; output `{ <branch>: last }` or `{ branch, output }`. */
export function parallelStep(
  step: ParallelStep,
  pointer: string,
  scope: SequenceScope,
  context: StepContext,
  run: RunSequence,
): Kind<ParallelStepV1> {
  const mode = step.parallel.mode ?? 'all';
  const branches = step.parallel.branches.map((branch, position) => {
    const result = run(
      branch.steps,
      `${pointer}/parallel/branches/${position}/steps`,
      { ...scope, containers: [...scope.containers, `${step.id}/${branch.id}`] },
      context,
    );
    return { id: branch.id, steps: result.steps, last: result.last };
  });
  const outputSchema: DataSchema =
    mode === 'all'
      ? {
          type: 'object',
          properties: Object.fromEntries(branches.map((b) => [b.id, b.last])),
          required: branches.map((b) => b.id),
          additionalProperties: false,
        }
      : {
          type: 'object',
          properties: {
            branch: { type: 'string', enum: branches.map((b) => b.id) },
            output: distinct(branches.map((b) => b.last)),
          },
          required: ['branch', 'output'],
          additionalProperties: false,
        };
  return {
    kind: 'parallel',
    mode,
    branches: branches.map((b) => ({ id: b.id, steps: b.steps })),
    outputSchema,
  };
}

/** A `switch` step: CEL cases in order and a default; output the branch output (or null without default). */
export function switchStep(
  step: SwitchStep,
  pointer: string,
  scope: SequenceScope,
  context: StepContext,
  run: RunSequence,
): Kind<SwitchStepV1> {
  const cases: { when: string; steps: SwitchStepV1['cases'][number]['steps'] }[] = [];
  const outputs: DataSchema[] = [];
  let defaultSteps: SwitchStepV1['default'];
  step.switch.forEach((branch, position) => {
    const branchPointer = `${pointer}/switch/${position}`;
    if ('default' in branch) {
      const result = run(
        branch.default,
        `${branchPointer}/default`,
        { ...scope, containers: [...scope.containers, `${step.id}/default`] },
        context,
      );
      defaultSteps = result.steps;
      outputs.push(result.last);
      return;
    }
    const when = celAt(branch.when, scope, context, `${branchPointer}/when`, 'bool').source;
    const result = run(
      branch.steps,
      `${branchPointer}/steps`,
      { ...scope, containers: [...scope.containers, `${step.id}/${position}`] },
      context,
    );
    cases.push({ when, steps: result.steps });
    outputs.push(result.last);
  });
  if (defaultSteps === undefined) outputs.push(nullSchema);
  return {
    kind: 'switch',
    cases,
    ...(defaultSteps === undefined ? {} : { default: defaultSteps }),
    outputSchema: distinct(outputs),
  };
}

/** A `foreach` step: `items` must be a list; body and filter see `item` and `index`; output the array of body outputs. */
export function foreachStep(
  step: ForeachStep,
  pointer: string,
  scope: SequenceScope,
  context: StepContext,
  run: RunSequence,
): Kind<ForeachStepV1> {
  const items = celAt(step.foreach.items, scope, context, `${pointer}/foreach/items`, 'list');
  const inner: SequenceScope = {
    ...scope,
    roots: {
      ...scope.roots,
      item: items.checked === undefined ? {} : elementSchema(items.checked.schema),
      index: counterSchema,
    },
    containers: [...scope.containers, step.id],
  };
  const filter =
    step.foreach.filter === undefined
      ? undefined
      : celAt(step.foreach.filter, inner, context, `${pointer}/foreach/filter`, 'bool').source;
  const body = run(step.foreach.steps, `${pointer}/foreach/steps`, inner, context);
  return {
    kind: 'foreach',
    items: items.source,
    ...(filter === undefined ? {} : { filter }),
    concurrency: step.foreach.concurrency ?? 1,
    steps: body.steps,
    outputSchema: { type: 'array', items: body.last },
  };
}

/** A `loop` step: needs maxIterations and until/while; `until` also sees the body's steps. */
export function loopStep(
  step: LoopStep,
  pointer: string,
  scope: SequenceScope,
  context: StepContext,
  run: RunSequence,
): Kind<LoopStepV1> {
  const loop = step.loop;
  if (loop.maxIterations === undefined) {
    context.reporter.error(
      'GRAPH_LOOP_WITHOUT_MAX',
      `${pointer}/loop`,
      `The loop "${step.id}" has no maxIterations.`,
      'Add maxIterations: a loop must be bounded.',
      { key: true },
    );
  }
  if (loop.until === undefined && loop.while === undefined) {
    context.reporter.error(
      'GRAPH_LOOP_WITHOUT_CONDITION',
      `${pointer}/loop`,
      `The loop "${step.id}" has neither until nor while.`,
      'Add `until: <cel>` (checked after each iteration) or `while: <cel>`.',
      { key: true },
    );
  }
  const inner: SequenceScope = {
    ...scope,
    roots: { ...scope.roots, iteration: counterSchema },
    containers: [...scope.containers, step.id],
  };
  const whileSource =
    loop.while === undefined
      ? undefined
      : celAt(loop.while, inner, context, `${pointer}/loop/while`, 'bool').source;
  const body = run(loop.steps, `${pointer}/loop/steps`, inner, context);
  const untilSource =
    loop.until === undefined
      ? undefined
      : celAt(loop.until, { ...inner, steps: body.visible }, context, `${pointer}/loop/until`, 'bool').source;
  return {
    kind: 'loop',
    ...(untilSource === undefined ? {} : { until: untilSource }),
    ...(whileSource === undefined ? {} : { while: whileSource }),
    maxIterations: loop.maxIterations ?? 1,
    steps: body.steps,
    outputSchema: body.last,
  };
}
