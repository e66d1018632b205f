import type { RunErrorBody, RunEvent } from '../public/api-types.js';
import type { RunErrorV1, SuspensionV1 } from '../spec/v1/storage.js';
import {
  type WorkflowEventMap,
  type WorkflowEventName,
  workflowEventNames,
} from '../workflow/workflow-events.js';
import type { HostedWorkflow } from './hosted-weft.js';

const runStatusOf: Partial<Record<WorkflowEventName, string>> = {
  'run:start': 'running',
  'run:resumed': 'running',
  'run:suspended': 'suspended',
  'run:complete': 'completed',
  'run:failed': 'failed',
  'run:cancelled': 'cancelled',
  'run:sleeping': 'sleeping',
};

/**
 * Subscribes to the events of one run of a workflow, converted to the API's `RunEvent` shape;
 * resolves nothing, returns the unsubscribe function.
 *
 * @example
 * const off = subscribeRunEvents(workflow, runId, (event) => send(event));
 * off();
 */
export function subscribeRunEvents(
  workflow: HostedWorkflow,
  runId: string,
  listener: (event: RunEvent) => void,
): () => void {
  const offs = workflowEventNames.map((name) =>
    workflow.on(name, (payload: WorkflowEventMap[typeof name]) => {
      if (payload.runId === runId) listener(toRunEvent(name, payload));
    }),
  );
  return () => {
    for (const off of offs) off();
  };
}

/**
 * Converts an engine event to the API's `RunEvent` (step path as `step`, errors as `{ code, message }`).
 *
 * @example
 * toRunEvent('step:start', { runId: 'r', workflow: 'w', path: 'lookup', attempt: 1 }).step; // 'lookup'
 */
export function toRunEvent<E extends WorkflowEventName>(
  name: E,
  payload: WorkflowEventMap[E],
  at = new Date(),
): RunEvent {
  const event: RunEvent = { type: name, runId: payload.runId, at: at.toISOString() };
  const fields = payload as Partial<{
    path: string;
    attempt: number;
    output: unknown;
    error: RunErrorV1;
    suspended: readonly SuspensionV1[];
  }>;
  if (fields.path !== undefined) event.step = fields.path;
  if (fields.attempt !== undefined) event.attempt = fields.attempt;
  const status = runStatusOf[name] ?? stepStatusOf(name);
  if (status !== undefined) event.status = status;
  if (fields.output !== undefined) event.output = fields.output;
  if (fields.suspended !== undefined)
    event.output = fields.suspended.map((s) => ({ step: s.step, payload: s.payload }));
  if (fields.error !== undefined) event.error = errorBody(fields.error);
  return event;
}

function stepStatusOf(name: WorkflowEventName): string | undefined {
  if (name === 'step:start') return 'started';
  if (name === 'step:complete') return 'completed';
  if (name === 'step:error') return 'failed';
  return undefined;
}

function errorBody(error: RunErrorV1): RunErrorBody {
  return error.step === undefined
    ? { code: error.code, message: error.message }
    : { code: error.code, message: error.message, step: error.step };
}
