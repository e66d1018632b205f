import { weftError } from '../errors/create-weft-error.js';
import type { ToolExecutorFactoryV1 } from '../spec/v1/executors.js';
import type { IntegrationGraphV1 } from '../spec/v1/graph.js';
import type { HttpExecutorOptions } from './http-tool-factory.js';
import { Integration, type IntegrationTool } from './integration.js';

/**
 * The integrations of a graph, built lazily (one auth state each), and the executor factory of
 * `integration` tools (`{ type: 'integration', integration, action }`).
 *
 * @example
 * const integrations = new Integrations(graph.integrations, { policy: graph.project.http }, (n) => tools.get(n));
 * weft.useExecutors({ toolFactories: [integrations.toolFactory()] });
 */
export class Integrations<T extends IntegrationTool = IntegrationTool> {
  private readonly built = new Map<string, Integration<T>>();

  constructor(
    private readonly graphs: Readonly<Record<string, IntegrationGraphV1>>,
    private readonly options: HttpExecutorOptions,
    private readonly toolFor: (toolName: string) => T,
  ) {}

  /** Names of the integrations, sorted. */
  names(): string[] {
    return Object.keys(this.graphs).sort();
  }

  /** An integration by name; `INTEGRATION_NOT_FOUND` for an unknown one. */
  get(name: string): Integration<T> {
    let integration = this.built.get(name);
    if (integration === undefined) {
      const graph = Object.hasOwn(this.graphs, name) ? this.graphs[name] : undefined;
      if (graph === undefined) {
        throw weftError('INTEGRATION_NOT_FOUND', {
          message: `No integration is named "${name}".`,
          details: { integration: name, known: this.names() },
        });
      }
      integration = new Integration(graph, this.options, this.toolFor);
      this.built.set(name, integration);
    }
    return integration;
  }

  /** The factory of `integration` tool executors. */
  toolFactory(): ToolExecutorFactoryV1 {
    return (tool) => {
      const executor = tool.executor;
      if (executor.type !== 'integration') return undefined;
      return this.get(executor.integration).executor(executor.action);
    };
  }
}
