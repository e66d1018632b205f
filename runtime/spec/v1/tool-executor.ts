/**
 * The tool executor contract, version 1: the function a plugin registers for a tool
 * (`registry.tool(name, executor)`) and that the workflow engine and agents call through the
 * checked path (input validated before, output validated after).
 *
 * @example
 * const lookup: ToolExecutorV1<{ orderId: string }, { total: number }> = async (input, ctx) => {
 *   ctx.signal.throwIfAborted();
 *   return { total: 120 };
 * };
 */
export type ToolExecutorV1<Input = unknown, Output = unknown> = (
  input: Input,
  context: ToolContextV1,
) => Promise<Output> | Output;

export interface ToolContextV1 {
  /** `runId:stepPath:attempt` in a workflow, or a fresh id for a direct call; stable across a retry of the same attempt. */
  readonly idempotencyKey: string;
  /** Aborted on timeout or cancel. */
  readonly signal: AbortSignal;
  readonly logger: LoggerV1;
  readonly runId?: string;
  readonly stepPath?: string;
  readonly attempt?: number;
  readonly threadId?: string;
  readonly resourceId?: string;
  /** The environment variables the tool declares in `spec.secrets`, by name. */
  readonly secrets: Readonly<Record<string, string>>;
}

export interface LoggerV1 {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
