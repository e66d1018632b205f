import { weftError } from '../errors/create-weft-error.js';
import type { ParallelStepV1 } from '../spec/v1/graph.js';
import { childFrame, followSignal } from './child-frame.js';
import type { StepRun } from './run-execution.js';
import { RunPause } from './run-pause.js';

/**
 * A `parallel` step. `all`: every branch runs; the output is `{ <branchId>: <last output> }` in
 * branch order; the first failure stops the others. `race`: the first branch to finish wins
 * (`{ branch, output }`) and the losers' signals are aborted.
 *
 * @example
 * await runParallelStep(run, { kind: 'parallel', id: 'fan', mode: 'all', branches, outputSchema: {} });
 */
export function runParallelStep(run: StepRun, step: ParallelStepV1): Promise<unknown> {
  return step.mode === 'race' ? runRace(run, step) : runAll(run, step);
}

async function runAll(run: StepRun, step: ParallelStepV1): Promise<unknown> {
  const sequence = run.frame.exec.services.runSequence;
  const group = followSignal(run.signal);
  let failure: unknown;
  let failed = false;
  const settled = await Promise.allSettled(
    step.branches.map((branch) =>
      sequence(childFrame(run.frame, `${run.path}/`, undefined, group.controller.signal), branch.steps).catch(
        (error: unknown) => {
          if (!(error instanceof RunPause) && !failed) {
            failed = true;
            failure = error;
            group.controller.abort(weftError('BRANCH_ABORTED', { details: { step: run.path } }));
          }
          throw error;
        },
      ),
    ),
  );
  group.dispose();
  if (failed) throw failure;
  const output: Record<string, unknown> = {};
  const pauses: RunPause[] = [];
  settled.forEach((result, index) => {
    const id = step.branches[index]?.id ?? String(index);
    if (result.status === 'fulfilled') output[id] = result.value;
    else if (result.reason instanceof RunPause) pauses.push(result.reason);
  });
  if (pauses.length > 0) throw RunPause.merge(pauses);
  return output;
}

function runRace(run: StepRun, step: ParallelStepV1): Promise<unknown> {
  const sequence = run.frame.exec.services.runSequence;
  const branches = step.branches.map(() => followSignal(run.signal));
  return new Promise((resolve, reject) => {
    let done = false;
    let pending = step.branches.length;
    const pauses: RunPause[] = [];
    let firstError: unknown;
    const finish = (): void => {
      for (const branch of branches) branch.dispose();
    };
    if (pending === 0) {
      resolve(null);
      return;
    }
    step.branches.forEach((branch, index) => {
      const signal = branches[index]?.controller.signal ?? run.signal;
      sequence(childFrame(run.frame, `${run.path}/`, undefined, signal), branch.steps).then(
        (output) => {
          if (done) return;
          done = true;
          branches.forEach((other, otherIndex) => {
            if (otherIndex !== index)
              other.controller.abort(weftError('BRANCH_ABORTED', { details: { step: run.path } }));
          });
          finish();
          resolve({ branch: branch.id, output });
        },
        (error: unknown) => {
          if (error instanceof RunPause) pauses.push(error);
          else if (firstError === undefined) firstError = error;
          pending -= 1;
          if (pending > 0 || done) return;
          done = true;
          finish();
          reject(pauses.length > 0 && firstError === undefined ? RunPause.merge(pauses) : firstError);
        },
      );
    });
  });
}
