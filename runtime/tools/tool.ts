import { randomUUID } from 'node:crypto';
import type { JsonSchemaV1, ToolGraphV1 } from '../spec/v1/graph.js';
import type { ToolExecutorV1 } from '../spec/v1/tool-executor.js';
import type { ToolCaller } from './tool-caller.js';
import type { ToolEventListener, ToolEventName } from './tool-events.js';

/** Options of `tool.execute(input, options)`. */
export interface ToolExecuteOptions {
  /** Aborts the call (the tool's own timeout still applies). */
  readonly signal?: AbortSignal;
  /** Default: a fresh id per call. */
  readonly idempotencyKey?: string;
  readonly runId?: string;
  readonly threadId?: string;
  readonly resourceId?: string;
}

/**
 * A tool: a name, a description, JSON Schemas for its input and output, the raw `executor` and
 * `execute`, the checked path every caller uses (input validated first, the tool's timeout, output
 * validated, events `tool:start` / `tool:complete` / `tool:error`).
 *
 * @example
 * const tool = weft.getTool('lookup-order');
 * const order = await tool.execute({ orderId: 'o-1' }); // { orderId: 'o-1', total: ..., ... }
 */
export class Tool<Input = unknown, Output = unknown> {
  readonly name: string;
  readonly description: string;
  readonly inputSchema: JsonSchemaV1;
  readonly outputSchema: JsonSchemaV1;
  /** The name model APIs accept (`[a-zA-Z0-9_-]`): `crm.get-customer` -> `crm__get-customer`. */
  readonly modelName: string;

  constructor(
    readonly graph: ToolGraphV1,
    private readonly caller: ToolCaller,
  ) {
    this.name = graph.name;
    this.description = graph.description ?? '';
    this.inputSchema = graph.input;
    this.outputSchema = graph.output;
    this.modelName = graph.name.replaceAll('.', '__').replace(/[^a-zA-Z0-9_-]/g, '_');
  }

  /** The raw executor function (no validation, no timeout); `TOOL_NOT_FOUND` when none is registered. */
  get executor(): ToolExecutorV1<Input, Output> {
    return this.caller.executorOf(this.name) as ToolExecutorV1<Input, Output>;
  }

  /**
   * Runs the tool through the checked path. Rejects with `TOOL_INPUT_INVALID` (a ValidationError
   * whose `details.pointer` names the field; the executor is not called), `TOOL_OUTPUT_INVALID`,
   * `TOOL_TIMEOUT`, `TOOL_EXECUTOR_FAILED` (the cause kept) or the executor's own typed error.
   */
  execute(input: Input, options: ToolExecuteOptions = {}): Promise<Output> {
    return this.caller.call(this.name, input, {
      signal: options.signal ?? new AbortController().signal,
      idempotencyKey: options.idempotencyKey ?? `${this.name}:${randomUUID()}`,
      ...(options.runId === undefined ? {} : { runId: options.runId }),
      ...(options.threadId === undefined ? {} : { threadId: options.threadId }),
      ...(options.resourceId === undefined ? {} : { resourceId: options.resourceId }),
    }) as Promise<Output>;
  }

  /** Listens to this tool's events; returns the function that stops listening. */
  on<E extends ToolEventName>(event: E, listener: ToolEventListener<E>): () => void {
    return this.caller.events.on(event, (payload) => {
      if (payload.tool === this.name) listener(payload);
    });
  }
}
