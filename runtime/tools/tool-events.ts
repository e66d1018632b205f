/** What every tool event carries. */
export interface ToolEventBase {
  readonly tool: string;
  readonly input: unknown;
  /** The call's idempotency key (`runId:stepPath:attempt` in a workflow). */
  readonly callId: string;
  readonly runId?: string;
  readonly stepPath?: string;
}

/** The tool events and their payloads (secrets masked). */
export interface ToolEventMap {
  'tool:start': ToolEventBase;
  'tool:complete': ToolEventBase & { readonly output: unknown; readonly durationMs: number };
  'tool:error': ToolEventBase & {
    readonly error: { readonly code: string; readonly message: string; readonly retryable: boolean };
    readonly durationMs: number;
  };
}

export type ToolEventName = keyof ToolEventMap;
export type ToolEventListener<E extends ToolEventName> = (event: ToolEventMap[E]) => void;

/** The closed list of tool events. */
export const toolEventNames: readonly ToolEventName[] = ['tool:start', 'tool:complete', 'tool:error'];

/**
 * Whether an event name is a tool event (`Weft.on` routes those to the tool events).
 *
 * @example
 * isToolEventName('tool:start'); // true
 */
export function isToolEventName(name: string): name is ToolEventName {
  return (toolEventNames as readonly string[]).includes(name);
}

/**
 * The emitter of `tool:start`, `tool:complete` and `tool:error`. A listener that throws never
 * breaks the call; `has` lets callers skip building payloads nobody listens to.
 *
 * @example
 * const off = events.on('tool:complete', (e) => console.log(e.tool, e.durationMs));
 * off();
 */
export class ToolEvents {
  private readonly listeners = new Map<ToolEventName, Set<(event: never) => void>>();

  on<E extends ToolEventName>(event: E, listener: ToolEventListener<E>): () => void {
    let set = this.listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as (event: never) => void);
    return () => set.delete(listener as (event: never) => void);
  }

  has(event: ToolEventName): boolean {
    return (this.listeners.get(event)?.size ?? 0) > 0;
  }

  emit<E extends ToolEventName>(event: E, payload: ToolEventMap[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as ToolEventListener<E>)(payload);
      } catch {
        // A listener's failure is its own; the call goes on.
      }
    }
  }
}
