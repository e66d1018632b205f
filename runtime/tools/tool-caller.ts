import { weftError } from '../errors/create-weft-error.js';
import { WeftError } from '../errors/weft-error.js';
import { maskSecrets, registerSecret } from '../secrets/secret-masker.js';
import type { ToolExecutorFactoryV1 } from '../spec/v1/executors.js';
import type { ToolGraphV1 } from '../spec/v1/graph.js';
import type { LoggerV1, ToolContextV1, ToolExecutorV1 } from '../spec/v1/tool-executor.js';
import { raceAbort } from './race-abort.js';
import { compileSchema, type SchemaCheck, type SchemaIssue } from './schema-validator.js';
import { type ToolEventBase, ToolEvents } from './tool-events.js';

/** What a caller knows about one tool call (the rest of `ToolContextV1` is filled in). */
export interface ToolCallContext {
  readonly signal: AbortSignal;
  readonly idempotencyKey: string;
  readonly runId?: string;
  readonly stepPath?: string;
  readonly attempt?: number;
  readonly threadId?: string;
  readonly resourceId?: string;
}

export interface ToolCallerOptions {
  readonly tools: Readonly<Record<string, ToolGraphV1>>;
  /** Plugin executors by name (`registry.tool(name, fn)`). */
  readonly pluginExecutor: (name: string) => ToolExecutorV1<never, unknown> | undefined;
  readonly factories?: readonly ToolExecutorFactoryV1[];
  readonly logger?: LoggerV1;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Where `tool:start`, `tool:complete` and `tool:error` go (default: a new emitter). */
  readonly events?: ToolEvents;
}

interface ResolvedTool {
  readonly graph: ToolGraphV1;
  readonly executor: ToolExecutorV1;
  readonly checkInput: SchemaCheck;
  readonly checkOutput: SchemaCheck;
}

const silentLogger: LoggerV1 = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Calls tools by name through the checked path: resolve the executor (plugin function, a
 * factory's, or one given with `define`), validate the input (`TOOL_INPUT_INVALID` naming the
 * field; the executor is not called), run with the tool's timeout and the caller's AbortSignal,
 * validate the output, emit `tool:start` / `tool:complete` / `tool:error`. Validators are
 * compiled once per tool. Errors and events have secrets masked.
 *
 * @example
 * const tools = new ToolCaller({ tools: graph.tools, pluginExecutor: (n) => registry.tool(n) });
 * const out = await tools.call('lookup-order', { orderId: 'A1' }, { signal, idempotencyKey: 'r1:lookup:1' });
 */
export class ToolCaller {
  readonly events: ToolEvents;
  private readonly resolved = new Map<string, ResolvedTool>();
  private readonly defined = new Map<string, { graph: ToolGraphV1; executor: ToolExecutorV1 }>();
  private readonly logger: LoggerV1;
  private readonly factories: ToolExecutorFactoryV1[];

  constructor(private readonly options: ToolCallerOptions) {
    this.logger = options.logger ?? silentLogger;
    this.factories = [...(options.factories ?? [])];
    this.events = options.events ?? new ToolEvents();
  }

  /** Adds a factory for non-plugin executors, asked before the ones given at construction. */
  addFactory(factory: ToolExecutorFactoryV1): void {
    this.factories.unshift(factory);
  }

  /** Adds a code-first tool (its description and executor); `TOOL_DUPLICATE` for a taken name. */
  define(graph: ToolGraphV1, executor: ToolExecutorV1): void {
    if (this.describe(graph.name) !== undefined) {
      throw weftError('TOOL_DUPLICATE', {
        message: `A tool named "${graph.name}" already exists.`,
        details: { tool: graph.name },
      });
    }
    this.defined.set(graph.name, { graph, executor });
  }

  /** Names of the tools: the graph's, then code-first ones. */
  names(): string[] {
    return [...Object.keys(this.options.tools), ...this.defined.keys()];
  }

  /** The description of a tool, or `undefined`. */
  describe(name: string): ToolGraphV1 | undefined {
    if (Object.hasOwn(this.options.tools, name)) return this.options.tools[name];
    return this.defined.get(name)?.graph;
  }

  /** The raw executor of a tool (no checks); `TOOL_NOT_FOUND` when none is registered. */
  executorOf(name: string): ToolExecutorV1 {
    return this.resolve(name).executor;
  }

  async call(name: string, input: unknown, context: ToolCallContext): Promise<unknown> {
    const base: ToolEventBase = {
      tool: name,
      input,
      callId: context.idempotencyKey,
      ...(context.runId === undefined ? {} : { runId: context.runId }),
      ...(context.stepPath === undefined ? {} : { stepPath: context.stepPath }),
    };
    const startedAt = performance.now();
    if (this.events.has('tool:start')) this.events.emit('tool:start', maskSecrets(base));
    try {
      const checked = await this.checkedCall(name, input, context);
      // Inside a run the output is stored in the journal: secrets never go there.
      const output = context.runId === undefined ? checked : maskSecrets(checked);
      if (this.events.has('tool:complete')) {
        const durationMs = performance.now() - startedAt;
        this.events.emit('tool:complete', maskSecrets({ ...base, output, durationMs }));
      }
      return output;
    } catch (thrown) {
      const error = maskError(thrown as WeftError);
      if (this.events.has('tool:error')) {
        const summary = { code: error.code, message: error.message, retryable: error.retryable };
        this.events.emit(
          'tool:error',
          maskSecrets({ ...base, error: summary, durationMs: performance.now() - startedAt }),
        );
      }
      throw error;
    }
  }

  private async checkedCall(name: string, input: unknown, context: ToolCallContext): Promise<unknown> {
    const tool = this.resolve(name);
    const inputIssues = tool.checkInput(input);
    if (inputIssues !== undefined) {
      throw weftError('TOOL_INPUT_INVALID', {
        message: `The input of tool "${name}" is invalid: ${inputIssues[0]?.message ?? 'it does not match its schema'}.`,
        details: { tool: name, ...primary(inputIssues) },
      });
    }
    const timeoutMs = tool.graph.timeoutMs;
    let signal = context.signal;
    let timer: NodeJS.Timeout | undefined;
    let controller: AbortController | undefined;
    if (timeoutMs !== undefined) {
      controller = new AbortController();
      const local = controller;
      signal = local.signal;
      if (context.signal.aborted) local.abort(context.signal.reason);
      else context.signal.addEventListener('abort', () => local.abort(context.signal.reason), { once: true });
      timer = setTimeout(
        () =>
          local.abort(
            weftError('TOOL_TIMEOUT', {
              message: `Tool "${name}" did not answer within ${timeoutMs} ms.`,
              details: { tool: name, timeoutMs },
            }),
          ),
        timeoutMs,
      );
    }
    let output: unknown;
    try {
      const ctx: ToolContextV1 = {
        ...context,
        signal,
        logger: this.logger,
        secrets: this.secretsOf(tool.graph),
      };
      const result = tool.executor(input, ctx);
      // With a timeout, an executor that ignores its signal is cut off; without one, the signal
      // (cancel, a lost race) is cooperative and the step boundary stops the run.
      output = isThenable(result)
        ? await (controller === undefined ? result : raceAbort(Promise.resolve(result), signal))
        : result;
    } catch (error) {
      throw toToolError(name, error, signal);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
    const outputIssues = tool.checkOutput(output);
    if (outputIssues !== undefined) {
      throw weftError('TOOL_OUTPUT_INVALID', {
        message: `The output of tool "${name}" does not match its schema: ${outputIssues[0]?.message ?? 'invalid'}.`,
        details: { tool: name, ...primary(outputIssues) },
      });
    }
    return output;
  }

  /** The declared secrets present in the environment, read at call time and registered for masking. */
  private secretsOf(graph: ToolGraphV1): Readonly<Record<string, string>> {
    if (graph.secrets.length === 0) return {};
    const env = this.options.env ?? process.env;
    const secrets: Record<string, string> = {};
    for (const secret of graph.secrets) {
      const value = env[secret];
      if (value !== undefined) secrets[secret] = registerSecret(value);
    }
    return secrets;
  }

  private resolve(name: string): ResolvedTool {
    const cached = this.resolved.get(name);
    if (cached !== undefined) return cached;
    const defined = this.defined.get(name);
    const graph = defined?.graph ?? this.describe(name);
    if (graph === undefined) {
      throw weftError('TOOL_NOT_FOUND', { message: `No tool is named "${name}".`, details: { tool: name } });
    }
    const resolved: ResolvedTool = {
      graph,
      executor: defined?.executor ?? this.executorFromGraph(graph),
      checkInput: compileSchema(graph.input),
      checkOutput: compileSchema(graph.output),
    };
    this.resolved.set(name, resolved);
    return resolved;
  }

  private executorFromGraph(graph: ToolGraphV1): ToolExecutorV1 {
    if (graph.executor.type === 'plugin') {
      const executor = this.options.pluginExecutor(graph.executor.name);
      if (executor !== undefined) return executor as ToolExecutorV1;
    } else {
      for (const factory of this.factories) {
        const executor = factory(graph);
        if (executor !== undefined) return executor;
      }
    }
    throw weftError('TOOL_NOT_FOUND', {
      message: `No executor is registered for tool "${graph.name}" (${graph.executor.type}${graph.executor.type === 'plugin' ? ` "${graph.executor.name}"` : ''}).`,
      details: { tool: graph.name, executor: graph.executor.type },
    });
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}

function primary(issues: readonly SchemaIssue[]): Record<string, unknown> {
  return { pointer: issues[0]?.pointer ?? '', issues };
}

function toToolError(name: string, error: unknown, signal: AbortSignal): WeftError {
  if (WeftError.isInstance(error)) return error;
  if (signal.aborted && WeftError.isInstance(signal.reason)) return signal.reason;
  const message = error instanceof Error ? error.message : String(error);
  return weftError('TOOL_EXECUTOR_FAILED', {
    message: `Tool "${name}" failed: ${message}`,
    details: { tool: name },
    cause: error,
  });
}

/** The same error with its message and details masked (a copy only when something changed). */
function maskError(error: WeftError): WeftError {
  if (!WeftError.isInstance(error)) return error;
  const message = maskSecrets(error.message);
  const details = maskSecrets(error.details);
  if (message === error.message && details === error.details) return error;
  return weftError(error.code, {
    message,
    ...(details === undefined ? {} : { details: details as Record<string, unknown> }),
    retryable: error.retryable,
    ...(error.cause === undefined ? {} : { cause: error.cause }),
  });
}
