import type { RunDocument, RunEvent, StepAttempt } from '../public/api-types.js';

/**
 * The events of a run as an append-only, numbered timeline rebuilt from its document (its
 * journal), so that event ids are stable across reads and processes: `events[i]` has the id
 * `i + 1`. `transient` is a state that later events replace (`run:suspended` until a resume,
 * `run:sleeping` until the run wakes): the journal keeps no trace of it once it is over, so it is
 * sent without an id, and sent again to a client that reconnects while the state lasts.
 */
export interface RunEventTimeline {
  readonly events: readonly RunEvent[];
  readonly transient?: RunEvent;
  /** True when the run will not move on by itself (completed, failed, cancelled or suspended). */
  readonly settled: boolean;
}

/**
 * Rebuilds the numbered timeline of a run: `run:start`; then, in the order they happened (time,
 * then within a millisecond ends before starts, children before parents, then journal order),
 * every step attempt's `step:start` and its end (`step:complete` or `step:error`); then the final
 * state
 * (`run:complete`, `run:failed`, `run:cancelled`). What a later read adds comes after what an
 * earlier read showed, so `events[i]` keeps its id `i + 1` (see docs/decisions/0014 for the limits).
 *
 * @example
 * const { events } = runEventTimeline(document);
 * events.map((event, index) => `${index + 1} ${event.type}`); // ['1 run:start', '2 step:start', ...]
 */
export function runEventTimeline(document: RunDocument): RunEventTimeline {
  const runId = document.runId;
  const placed: Placed[] = [];
  for (const step of document.steps) {
    for (const attempt of step.attempts)
      placed.push(...attemptEvents(runId, step.path, attempt, placed.length));
  }
  placed.sort(comparePlaced);
  const events: RunEvent[] = [
    { type: 'run:start', runId, status: 'running', at: document.createdAt },
    ...placed.map((entry) => entry.event),
  ];
  const final = finalEvent(document);
  if (final !== undefined) events.push(final);
  const settled = document.status !== 'running' && document.status !== 'sleeping';
  const transient = transientEvent(document);
  return transient === undefined ? { events, settled } : { events, settled, transient };
}

/** An event with what orders it: its time, then (at the same millisecond) the order things happen in. */
interface Placed {
  readonly event: RunEvent;
  readonly time: number;
  /** 0: a step end (or the start of a step that ended in the same millisecond); 1: a start. */
  readonly bucket: 0 | 1;
  /** How deep the step is (`decide/charge` is 1): a child ends before its parent. */
  readonly depth: number;
  /** The attempt's place in the journal. */
  readonly order: number;
  /** 0 for a start, 1 for an end. */
  readonly phase: 0 | 1;
}

/**
 * Time order; within a millisecond, ends before the starts they let happen (a step ends, the next
 * starts), children's ends before their parents', then journal order.
 */
function comparePlaced(a: Placed, b: Placed): number {
  return (
    a.time - b.time ||
    a.bucket - b.bucket ||
    (a.bucket === 0 ? b.depth - a.depth : 0) ||
    a.order - b.order ||
    a.phase - b.phase
  );
}

function attemptEvents(runId: string, step: string, attempt: StepAttempt, order: number): Placed[] {
  const base = { runId, step, attempt: attempt.attempt };
  const started = Date.parse(attempt.startedAt);
  const depth = step.split('/').length - 1;
  const end = endEvent(base, attempt);
  const ended = end === undefined ? undefined : Date.parse(end.at);
  const start: Placed = {
    event: { type: 'step:start', ...base, status: 'started', at: attempt.startedAt },
    time: started,
    bucket: ended === started ? 0 : 1,
    depth,
    order,
    phase: 0,
  };
  if (end === undefined || ended === undefined) return [start];
  return [start, { event: end, time: ended, bucket: 0, depth, order, phase: 1 }];
}

function endEvent(
  base: { runId: string; step: string; attempt: number },
  attempt: StepAttempt,
): RunEvent | undefined {
  const at = attempt.endedAt ?? attempt.startedAt;
  switch (attempt.status) {
    case 'failed':
      return {
        type: 'step:error',
        ...base,
        status: 'failed',
        ...(attempt.error === undefined ? {} : { error: attempt.error }),
        at,
      };
    case 'completed':
    case 'skipped':
    case 'compensated':
    case 'resumed':
      return { type: 'step:complete', ...base, status: attempt.status, output: attempt.output ?? null, at };
    default:
      return undefined;
  }
}

/** A state later events replace: suspended (until resumed) or sleeping (until it wakes). */
function transientEvent(document: RunDocument): RunEvent | undefined {
  const base = { runId: document.runId, status: document.status, at: document.updatedAt };
  if (document.status === 'suspended')
    return { type: 'run:suspended', ...base, output: document.suspended ?? [] };
  if (document.status === 'sleeping') return { type: 'run:sleeping', ...base };
  return undefined;
}

function finalEvent(document: RunDocument): RunEvent | undefined {
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
    default:
      return undefined;
  }
}
