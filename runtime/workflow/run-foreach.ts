import { weftError } from '../errors/create-weft-error.js';
import { evaluateCel, evaluateCondition } from '../expressions/index.js';
import type { ForeachStepV1 } from '../spec/v1/graph.js';
import { childFrame, followSignal } from './child-frame.js';
import type { StepRun } from './run-execution.js';
import { RunPause } from './run-pause.js';

/**
 * A `foreach` step: evaluates `items` (CEL, a list), keeps those passing `filter`, and runs the
 * body for each (paths `id[i]/step`, `i` the item's index) with at most `concurrency` at once. The
 * output is the array of each iteration's last output, by index, never by completion order.
 *
 * @example
 * await runForeachStep(run, { kind: 'foreach', id: 'squares', items: 'input.numbers', concurrency: 4, steps, outputSchema: {} });
 */
export async function runForeachStep(run: StepRun, step: ForeachStepV1): Promise<unknown> {
  const { frame } = run;
  const items = evaluateCel(step.items, frame.scope);
  if (!Array.isArray(items)) {
    throw weftError('EXPRESSION_FAILED', {
      message: `The foreach items "${step.items}" did not give a list.`,
      details: { expression: step.items, step: run.path },
    });
  }
  const kept: number[] = [];
  items.forEach((item: unknown, index: number) => {
    if (step.filter === undefined || evaluateCondition(step.filter, { ...frame.scope, item, index }))
      kept.push(index);
  });
  const results: unknown[] = new Array<unknown>(kept.length).fill(null);
  const pauses: { position: number; pause: RunPause }[] = [];
  const group = followSignal(run.signal);
  const sequence = frame.exec.services.runSequence;
  let next = 0;
  let failed = false;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (next < kept.length && !failed) {
      const position = next;
      next += 1;
      const index = kept[position] ?? position;
      const body = childFrame(
        frame,
        `${run.path}[${index}]/`,
        { item: items[index], index },
        group.controller.signal,
      );
      try {
        results[position] = await sequence(body, step.steps);
      } catch (error) {
        if (error instanceof RunPause) pauses.push({ position, pause: error });
        else if (!failed) {
          failed = true;
          failure = error;
          group.controller.abort(weftError('BRANCH_ABORTED', { details: { step: run.path } }));
        }
      }
    }
  };
  const width = step.concurrency > 0 ? Math.min(step.concurrency, kept.length) : kept.length;
  await Promise.all(Array.from({ length: width }, worker));
  group.dispose();
  if (failed) throw failure;
  if (pauses.length > 0)
    throw RunPause.merge(pauses.sort((a, b) => a.position - b.position).map((p) => p.pause));
  return results;
}
