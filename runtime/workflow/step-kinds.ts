import { runAgentStep } from './run-agent-step.js';
import type { StepRun } from './run-execution.js';
import { runForeachStep } from './run-foreach.js';
import { runLoopStep } from './run-loop.js';
import { runParallelStep } from './run-parallel.js';
import { runSetStep } from './run-set.js';
import { runSleepStep } from './run-sleep.js';
import { runSuspendStep } from './run-suspend.js';
import { runSwitchStep } from './run-switch.js';
import { runToolStep } from './run-tool-step.js';
import { runWorkflowStep } from './run-workflow-step.js';

/**
 * Runs one attempt of a step by its kind (one module per kind).
 *
 * @example
 * const output = await runStepKind({ frame, step, path: 'a', attempt: 1, startedAt: Date.now(), signal, continues: undefined });
 */
export function runStepKind(run: StepRun): Promise<unknown> {
  const step = run.step;
  switch (step.kind) {
    case 'tool':
      return runToolStep(run, step);
    case 'set':
      return runSetStep(run, step);
    case 'agent':
      return runAgentStep(run, step);
    case 'workflow':
      return runWorkflowStep(run, step);
    case 'parallel':
      return runParallelStep(run, step);
    case 'switch':
      return runSwitchStep(run, step);
    case 'foreach':
      return runForeachStep(run, step);
    case 'loop':
      return runLoopStep(run, step);
    case 'suspend':
      return runSuspendStep(run, step);
    case 'sleep':
      return runSleepStep(run, step);
  }
}
