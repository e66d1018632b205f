import { weftError } from '../errors/create-weft-error.js';
import type { WorkflowGraphV1 } from '../spec/v1/graph.js';
import type { RunRecordV1, SuspensionV1 } from '../spec/v1/storage.js';
import { compileSchema } from '../tools/schema-validator.js';
import { fromRunError } from './retry-policy.js';
import { RunPause } from './run-pause.js';

/**
 * Checks `input` against the workflow's input schema: `VALIDATION_FAILED` with the JSON pointer
 * of the first bad field (`details.pointer`) and every issue (`details.issues`).
 *
 * @example
 * validateWorkflowInput(workflow, { amount: -1 }); // throws, details.pointer === '/amount'
 */
export function validateWorkflowInput(workflow: WorkflowGraphV1, input: unknown): void {
  const issues = compileSchema(workflow.input)(input);
  if (issues !== undefined) {
    throw weftError('VALIDATION_FAILED', {
      message: `The input of workflow "${workflow.name}" is invalid: ${issues[0]?.message ?? 'it does not match its schema'}.`,
      details: { workflow: workflow.name, pointer: issues[0]?.pointer ?? '', issues },
    });
  }
}

/**
 * Picks the suspension a resume targets: the named step, or the only one.
 * Throws `RUN_NOT_SUSPENDED`, `RUN_STEP_NOT_SUSPENDED` or `RUN_AMBIGUOUS_RESUME`.
 *
 * @example
 * pickSuspension(record, undefined); // the only suspension
 */
export function pickSuspension(record: RunRecordV1, step: string | undefined): SuspensionV1 {
  if (record.status !== 'suspended') {
    throw weftError('RUN_NOT_SUSPENDED', {
      message: `Run "${record.id}" is ${record.status}, not suspended.`,
      details: { runId: record.id, status: record.status },
    });
  }
  const suspended = record.suspended ?? [];
  const paths = suspended.map((s) => s.step);
  if (step !== undefined) {
    const match = suspended.find((s) => s.step === step);
    if (match === undefined) {
      throw weftError('RUN_STEP_NOT_SUSPENDED', {
        message: `Run "${record.id}" is not suspended at step "${step}" (suspended: ${paths.join(', ') || 'none'}).`,
        details: { runId: record.id, step, suspended: paths },
      });
    }
    return match;
  }
  const only = suspended[0];
  if (only === undefined || suspended.length > 1) {
    throw weftError('RUN_AMBIGUOUS_RESUME', {
      message: `Run "${record.id}" is suspended at ${paths.length} steps (${paths.join(', ')}): name the step to resume.`,
      details: { runId: record.id, suspended: paths },
    });
  }
  return only;
}

/** A paused run is due when its wake time, or its workflow deadline, has passed. */
export function isDue(record: RunRecordV1, workflow: WorkflowGraphV1, now: number): boolean {
  if (record.wakeAt !== undefined && record.wakeAt <= now) return true;
  return workflow.timeoutMs !== undefined && record.createdAt + workflow.timeoutMs <= now;
}

/**
 * What a parent's `workflow` step gets from its child run: the output, the child's error, or a
 * pause mirroring the child's (so the parent waits too).
 *
 * @example
 * const output = childResult(child, 'charge', Date.now(), 30_000);
 */
export function childResult(
  child: RunRecordV1,
  parentStep: string,
  now: number,
  retryAfterMs: number,
): unknown {
  switch (child.status) {
    case 'completed':
      return child.output ?? null;
    case 'failed':
      throw fromRunError(
        child.error ?? { code: 'CHILD_RUN_FAILED', message: 'The sub-workflow run failed.' },
      );
    case 'cancelled':
      throw weftError('RUN_CANCELLED', {
        message: `Sub-workflow run "${child.id}" was cancelled.`,
        details: { runId: child.id },
      });
    case 'suspended':
      throw new RunPause(
        [{ step: parentStep, payload: { runId: child.id, suspended: child.suspended ?? [] } }],
        child.wakeAt,
      );
    case 'sleeping':
      throw new RunPause([], child.wakeAt ?? now + retryAfterMs);
    default:
      // Running in another process: check again later.
      throw new RunPause([], now + retryAfterMs);
  }
}
