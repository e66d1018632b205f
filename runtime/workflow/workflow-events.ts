import type { RunErrorV1, SuspensionV1 } from '../spec/v1/storage.js';

interface RunEventBase {
  readonly runId: string;
  readonly workflow: string;
}

/** A step event: which run, which step path, which attempt. */
export interface StepEventBase extends RunEventBase {
  readonly path: string;
  readonly attempt: number;
}

/**
 * The closed vocabulary of workflow events and their payloads.
 *
 * @example
 * weft.on('step:complete', (event) => console.log(event.path, event.output));
 */
export interface WorkflowEventMap {
  'step:start': StepEventBase;
  'step:complete': StepEventBase & { readonly output: unknown };
  'step:error': StepEventBase & { readonly error: RunErrorV1; readonly willRetry: boolean };
  'run:start': RunEventBase & { readonly input: unknown };
  'run:suspended': RunEventBase & { readonly suspended: readonly SuspensionV1[] };
  'run:resumed': RunEventBase & { readonly step: string };
  'run:complete': RunEventBase & { readonly output: unknown };
  'run:failed': RunEventBase & { readonly error: RunErrorV1 };
  'run:cancelled': RunEventBase;
  'run:sleeping': RunEventBase & { readonly wakeAt: number };
}

/** One event name of the closed vocabulary. */
export type WorkflowEventName = keyof WorkflowEventMap;

/** A listener of one event. */
export type WorkflowEventListener<E extends WorkflowEventName> = (event: WorkflowEventMap[E]) => void;

/** Every event name, in a fixed order. */
export const workflowEventNames: readonly WorkflowEventName[] = [
  'step:start',
  'step:complete',
  'step:error',
  'run:start',
  'run:suspended',
  'run:resumed',
  'run:complete',
  'run:failed',
  'run:cancelled',
  'run:sleeping',
];

type ListenerSets = { [E in WorkflowEventName]?: Set<WorkflowEventListener<E>> };

/**
 * A typed event hub. Emitters check `has(name)` first, so no event object is built when nobody
 * listens. A listener that throws is ignored (it cannot break a run).
 *
 * @example
 * const events = new WorkflowEvents();
 * const off = events.on('run:complete', (e) => console.log(e.output));
 * if (events.has('run:complete')) events.emit('run:complete', { runId, workflow, output });
 * off();
 */
export class WorkflowEvents {
  private readonly sets: ListenerSets = {};

  has(name: WorkflowEventName): boolean {
    return this.sets[name] !== undefined;
  }

  on<E extends WorkflowEventName>(name: E, listener: WorkflowEventListener<E>): () => void {
    let set = this.sets[name] as Set<WorkflowEventListener<E>> | undefined;
    if (set === undefined) {
      set = new Set();
      (this.sets as Record<string, unknown>)[name] = set;
    }
    set.add(listener);
    return () => {
      const current = this.sets[name] as Set<WorkflowEventListener<E>> | undefined;
      if (current === undefined) return;
      current.delete(listener);
      if (current.size === 0) delete this.sets[name];
    };
  }

  emit<E extends WorkflowEventName>(name: E, event: WorkflowEventMap[E]): void {
    const set = this.sets[name] as Set<WorkflowEventListener<E>> | undefined;
    if (set === undefined) return;
    for (const listener of set) {
      try {
        listener(event);
      } catch {
        // A listener cannot break a run.
      }
    }
  }
}
