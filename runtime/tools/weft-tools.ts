import { weftError } from '../errors/create-weft-error.js';
import type { HttpExecutorOptions } from '../integrations/http-tool-factory.js';
import { httpToolFactory } from '../integrations/http-tool-factory.js';
import type { Integration } from '../integrations/integration.js';
import { Integrations } from '../integrations/integrations.js';
import { maskingLogger } from '../secrets/masking-logger.js';
import type { SecretEnvironment } from '../secrets/read-secret.js';
import type { ToolExecutorFactoryV1 } from '../spec/v1/executors.js';
import type { CompiledGraphV1 } from '../spec/v1/graph.js';
import type { LoggerV1, ToolExecutorV1 } from '../spec/v1/tool-executor.js';
import { Tool } from './tool.js';
import { ToolCaller } from './tool-caller.js';
import { type ToolEventListener, type ToolEventName, ToolEvents } from './tool-events.js';

/** Options of `WeftTools`. */
export interface WeftToolsOptions {
  readonly graph: CompiledGraphV1;
  readonly pluginExecutor: (name: string) => ToolExecutorV1<never, unknown> | undefined;
  /** Asked before the built-in `http` and `integration` factories. */
  readonly factories?: readonly ToolExecutorFactoryV1[];
  readonly logger?: LoggerV1;
  readonly env?: SecretEnvironment;
  /** Clock for OAuth2 token expiry (tests). */
  readonly now?: () => number;
}

/**
 * The tools of a project, as `Weft` wires them: the `ToolCaller` the engine uses (with the
 * built-in `http` and `integration` executors), `Tool` handles for every YAML tool and every
 * code-first tool added, the project's integrations, and the tool events.
 *
 * @example
 * const tools = new WeftTools({ graph, pluginExecutor: (n) => registry.tool(n) });
 * await tools.get('lookup-order').execute({ orderId: 'o-1' });
 */
export class WeftTools {
  readonly caller: ToolCaller;
  readonly events = new ToolEvents();
  readonly integrations: Integrations<Tool>;
  private readonly handles = new Map<string, Tool>();

  constructor(options: WeftToolsOptions) {
    const http: HttpExecutorOptions = {
      policy: options.graph.project.http,
      ...(options.env === undefined ? {} : { env: options.env }),
      ...(options.now === undefined ? {} : { now: options.now }),
    };
    this.integrations = new Integrations(options.graph.integrations, http, (name) => this.get(name));
    this.caller = new ToolCaller({
      tools: options.graph.tools,
      pluginExecutor: options.pluginExecutor,
      factories: [...(options.factories ?? []), httpToolFactory(http), this.integrations.toolFactory()],
      logger: maskingLogger(options.logger ?? { debug() {}, info() {}, warn() {}, error() {} }),
      events: this.events,
      ...(options.env === undefined ? {} : { env: options.env }),
    });
  }

  /** A tool by name; `TOOL_NOT_FOUND` (with the known names) for an unknown one. */
  get(name: string): Tool {
    let tool = this.handles.get(name);
    if (tool === undefined) {
      const graph = this.caller.describe(name);
      if (graph === undefined) {
        throw weftError('TOOL_NOT_FOUND', {
          message: `No tool is named "${name}".`,
          details: { tool: name, known: this.caller.names().sort() },
        });
      }
      tool = new Tool(graph, this.caller);
      this.handles.set(name, tool);
    }
    return tool;
  }

  /** Adds a code-first tool (from `createTool`); `TOOL_DUPLICATE` for a taken name. */
  add<Input, Output>(tool: Tool<Input, Output>): Tool<Input, Output> {
    const executor =
      'rawExecutor' in tool ? (tool.rawExecutor as ToolExecutorV1) : (tool.executor as ToolExecutorV1);
    this.caller.define(tool.graph, executor);
    return this.get(tool.name) as Tool<Input, Output>;
  }

  /** Every tool, sorted by name. */
  list(): Tool[] {
    return this.caller
      .names()
      .sort()
      .map((name) => this.get(name));
  }

  /** An integration by name; `INTEGRATION_NOT_FOUND` for an unknown one. */
  getIntegration(name: string): Integration<Tool> {
    return this.integrations.get(name);
  }

  /** Listens to the events of every tool call (direct, workflow step or agent). */
  on<E extends ToolEventName>(event: E, listener: ToolEventListener<E>): () => void {
    return this.events.on(event, listener);
  }
}
