import type { StepV1 } from '../spec/v1/graph.js';
import type { Frame } from './run-execution.js';
import { runStep } from './run-step.js';

/**
 * The interpreter's driver: runs a sequence of steps in order, making each output visible to the
 * next as `steps.<id>.output`. Resolves the last step's output (`null` for no steps).
 *
 * @example
 * const last = await runSteps(frame, workflow.steps);
 */
export async function runSteps(frame: Frame, steps: readonly StepV1[]): Promise<unknown> {
  let last: unknown = null;
  for (const step of steps) {
    last = await runStep(frame, step);
    frame.steps[step.id] = { output: last };
  }
  return last;
}
