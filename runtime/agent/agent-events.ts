/**
 * What every tool event of an agent carries: the same shape as the tool events of
 * `runtime/tools` (`tool`, `input`, `callId`, `runId?`), plus the calling agent.
 */
export interface AgentToolEventBase {
  /** The tool's project name (an agent or workflow used as a tool). */
  readonly tool: string;
  readonly input: unknown;
  /** `<idempotency key or agent>:<model tool call id>`. */
  readonly callId: string;
  readonly runId?: string;
  /** The agent whose model called the tool. */
  readonly agent: string;
}

/** `tool:start`: the agent is about to call a tool. */
export type AgentToolStartEvent = AgentToolEventBase;
/** `tool:complete`: the tool answered. */
export type AgentToolCompleteEvent = AgentToolEventBase & {
  readonly output: unknown;
  readonly durationMs: number;
};
/** `tool:error`: the tool failed; `fatal` false means the error went back to the model as the tool result. */
export type AgentToolErrorEvent = AgentToolEventBase & {
  readonly error: { readonly code: string; readonly message: string; readonly retryable: boolean };
  readonly durationMs: number;
  readonly fatal: boolean;
};

/** The names of the agent's events. */
export type AgentEventName = 'tool:start' | 'tool:complete' | 'tool:error';

/**
 * Where an agent sends the tool events of the tools that do not go through the tool caller (other
 * agents and workflows used as tools; the tool caller emits its own). The tool events hub of
 * `runtime/tools` satisfies it, so `weft.on('tool:start', ...)` sees both.
 *
 * @example
 * const sink: AgentEventSink = { has: () => true, emit: (name: AgentEventName, event: AgentToolEventBase) => console.log(name, event) };
 */
export interface AgentEventSink {
  has(name: AgentEventName): boolean;
  emit(name: 'tool:start', event: AgentToolStartEvent): void;
  emit(name: 'tool:complete', event: AgentToolCompleteEvent): void;
  emit(name: 'tool:error', event: AgentToolErrorEvent): void;
}
