import type { RunDocument, RunEvent, StepAttempt } from '../public/api-types.js';

/**
 * The events of a run rebuilt from its document (its journal): `run:start`, then for every step
 * attempt `step:start` and its end (`step:complete`, or `step:error`), in time order, then the
 * run's current state (`run:complete`, `run:failed`, `run:cancelled`, `run:suspended`,
 * `run:sleeping`; nothing while it is running).
 *
 * @example
 * replayRunEvents(document).map((e) => e.type); // ['run:start', 'step:start', 'step:complete', ..., 'run:suspended']
 */
export function replayRunEvents(document: RunDocument): RunEvent[] {
  const runId = document.runId;
  const stepEvents: RunEvent[] = [];
  for (const step of document.steps) {
    for (const attempt of step.attempts) stepEvents.push(...attemptEvents(runId, step.path, attempt));
  }
  stepEvents.sort((a, b) => a.at.localeCompare(b.at));
  const events: RunEvent[] = [
    { type: 'run:start', runId, status: 'running', at: document.createdAt },
    ...stepEvents,
  ];
  const last = runStateEvent(document);
  if (last !== undefined) events.push(last);
  return events;
}

function attemptEvents(runId: string, step: string, attempt: StepAttempt): RunEvent[] {
  const base = { runId, step, attempt: attempt.attempt };
  const events: RunEvent[] = [{ type: 'step:start', ...base, status: 'started', at: attempt.startedAt }];
  const at = attempt.endedAt ?? attempt.startedAt;
  if (attempt.status === 'failed') {
    events.push({
      type: 'step:error',
      ...base,
      status: 'failed',
      ...(attempt.error === undefined ? {} : { error: attempt.error }),
      at,
    });
  } else if (attempt.status === 'completed' || attempt.status === 'skipped' || attempt.status === 'resumed') {
    events.push({
      type: 'step:complete',
      ...base,
      status: attempt.status,
      output: attempt.output ?? null,
      at,
    });
  }
  return events;
}

function runStateEvent(document: RunDocument): RunEvent | undefined {
  const base = { runId: document.runId, status: document.status, at: document.updatedAt };
  switch (document.status) {
    case 'completed':
      return { type: 'run:complete', ...base, output: document.output ?? null };
    case 'failed':
      return {
        type: 'run:failed',
        ...base,
        ...(document.error === undefined ? {} : { error: document.error }),
      };
    case 'cancelled':
      return { type: 'run:cancelled', ...base };
    case 'suspended':
      return { type: 'run:suspended', ...base, output: document.suspended ?? [] };
    case 'sleeping':
      return { type: 'run:sleeping', ...base };
    default:
      return undefined;
  }
}
