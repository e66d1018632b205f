import { weftError } from '../errors/create-weft-error.js';
import { evaluateCondition } from '../expressions/index.js';
import type { LoopStepV1 } from '../spec/v1/graph.js';
import { childFrame } from './child-frame.js';
import type { StepRun } from './run-execution.js';

/**
 * A `loop` step: runs its body (paths `loop[i]/step`) while `while` holds (checked before each
 * iteration) or until `until` holds (checked after); more than `maxIterations` iterations is
 * `LOOP_LIMIT_EXCEEDED`. Its output is the last iteration's last output.
 *
 * @example
 * await runLoopStep(run, { kind: 'loop', id: 'poll', until: 'steps.check.output.done', maxIterations: 5, steps, outputSchema: {} });
 */
export async function runLoopStep(run: StepRun, step: LoopStepV1): Promise<unknown> {
  const { frame } = run;
  const sequence = frame.exec.services.runSequence;
  let last: unknown = null;
  let previous = frame.steps;
  for (let iteration = 0; ; iteration += 1) {
    if (step.while !== undefined) {
      const scope = { ...frame.scope, steps: previous, iteration };
      if (!evaluateCondition(step.while, scope)) return last;
    }
    if (iteration >= step.maxIterations) {
      throw weftError('LOOP_LIMIT_EXCEEDED', {
        details: { step: run.path, maxIterations: step.maxIterations },
      });
    }
    const body = childFrame(frame, `${run.path}[${iteration}]/`, { iteration }, run.signal);
    last = await sequence(body, step.steps);
    previous = body.steps;
    if (step.until !== undefined && evaluateCondition(step.until, body.scope)) return last;
  }
}
