import { weftError } from '../errors/create-weft-error.js';
import { WeftError } from '../errors/weft-error.js';
import type { ToolExecutorFactoryV1 } from '../spec/v1/executors.js';
import type { ToolGraphV1 } from '../spec/v1/graph.js';
import type { LoggerV1, ToolContextV1, ToolExecutorV1 } from '../spec/v1/tool-executor.js';
import { raceAbort } from './race-abort.js';
import { compileSchema, type SchemaCheck } from './schema-validator.js';

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
}

interface ResolvedTool {
  readonly graph: ToolGraphV1;
  readonly executor: ToolExecutorV1;
  readonly checkInput: SchemaCheck;
  readonly checkOutput: SchemaCheck;
  readonly secrets: Readonly<Record<string, string>>;
}

const silentLogger: LoggerV1 = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Calls tools by name through the checked path: resolve the executor (plugin function or a
 * factory's), validate the input, run with the tool's timeout and the caller's AbortSignal,
 * validate the output. Validators are compiled once per tool.
 *
 * @example
 * const tools = new ToolCaller({ tools: graph.tools, pluginExecutor: (n) => registry.getTool(n) });
 * const out = await tools.call('lookup-order', { orderId: 'A1' }, { signal, idempotencyKey: 'r1:lookup:1' });
 */
export class ToolCaller {
  private readonly resolved = new Map<string, ResolvedTool>();
  private readonly logger: LoggerV1;
  private readonly factories: ToolExecutorFactoryV1[];

  constructor(private readonly options: ToolCallerOptions) {
    this.logger = options.logger ?? silentLogger;
    this.factories = [...(options.factories ?? [])];
  }

  /** Adds a factory for non-plugin executors, asked before the ones given at construction. */
  addFactory(factory: ToolExecutorFactoryV1): void {
    this.factories.unshift(factory);
  }

  /** Names of the tools of the graph. */
  names(): string[] {
    return Object.keys(this.options.tools);
  }

  async call(name: string, input: unknown, context: ToolCallContext): Promise<unknown> {
    const tool = this.resolve(name);
    const inputIssues = tool.checkInput(input);
    if (inputIssues !== undefined) {
      throw weftError('TOOL_INPUT_INVALID', { details: { tool: name, ...primary(inputIssues) } });
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
        () => local.abort(weftError('TOOL_TIMEOUT', { details: { tool: name, timeoutMs } })),
        timeoutMs,
      );
    }
    let output: unknown;
    try {
      const ctx: ToolContextV1 = { ...context, signal, logger: this.logger, secrets: tool.secrets };
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
      throw weftError('TOOL_OUTPUT_INVALID', { details: { tool: name, ...primary(outputIssues) } });
    }
    return output;
  }

  private resolve(name: string): ResolvedTool {
    const cached = this.resolved.get(name);
    if (cached !== undefined) return cached;
    const graph = this.options.tools[name];
    if (graph === undefined) throw weftError('TOOL_NOT_FOUND', { details: { tool: name } });
    const executor = this.executorOf(graph);
    const env = this.options.env ?? process.env;
    const secrets: Record<string, string> = {};
    for (const secret of graph.secrets) {
      const value = env[secret];
      if (value !== undefined) secrets[secret] = value;
    }
    const resolved: ResolvedTool = {
      graph,
      executor,
      checkInput: compileSchema(graph.input),
      checkOutput: compileSchema(graph.output),
      secrets,
    };
    this.resolved.set(name, resolved);
    return resolved;
  }

  private executorOf(graph: ToolGraphV1): ToolExecutorV1 {
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

function primary(issues: readonly { pointer: string; message: string }[]): Record<string, unknown> {
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
