import { weftError } from '../errors/create-weft-error.js';
import type {
  EmbedderFactoryV1,
  ModelFactoryV1,
  PluginRegistryV1,
  PluginV1,
  StorageFactoryV1,
  ToolExecutorMapV1,
  VectorStoreFactoryV1,
} from '../spec/v1/plugin.js';
import type { ToolExecutorV1 } from '../spec/v1/tool-executor.js';
import { checkPluginConfig } from './check-plugin-config.js';
import { pluginProblem } from './define-plugin.js';

type AnyToolExecutor = ToolExecutorV1<never, unknown>;

interface Owned<T> {
  readonly plugin: string;
  readonly value: T;
}

/**
 * Everything plugins registered: tool executors, storage and vector store adapters, model and
 * embedding providers, each owned by the plugin that registered it. A plugin's metadata and
 * config are checked before its `setup` runs; registering a name twice is `PLUGIN_DUPLICATE`,
 * naming both plugins.
 *
 * @example
 * const registry = new PluginRegistry();
 * await registry.install(billingPlugin);
 * registry.tool('lookup-order'); // the executor
 */
export class PluginRegistry {
  private readonly tools = new Map<string, Owned<AnyToolExecutor>>();
  private readonly storages = new Map<string, Owned<StorageFactoryV1>>();
  private readonly models = new Map<string, Owned<ModelFactoryV1>>();
  private readonly vectors = new Map<string, Owned<VectorStoreFactoryV1>>();
  private readonly embedders = new Map<string, Owned<EmbedderFactoryV1>>();
  private readonly installed = new Map<string, PluginV1<never>>();

  /**
   * Checks a plugin (`PLUGIN_INVALID`, `PLUGIN_DUPLICATE`) and its config against its
   * `configSchema` (`PLUGIN_CONFIG_INVALID`), then runs its `setup` against a view of this
   * registry that records the plugin's name.
   */
  async install<Config>(plugin: PluginV1<Config>, config?: Config): Promise<void> {
    const problem = pluginProblem(plugin);
    if (problem !== undefined)
      throw weftError('PLUGIN_INVALID', { message: `Invalid plugin: ${problem}.`, details: { problem } });
    if (this.installed.has(plugin.name)) {
      throw weftError('PLUGIN_DUPLICATE', {
        message: `Two plugins are named "${plugin.name}".`,
        details: { name: plugin.name, kind: 'plugin' },
      });
    }
    checkPluginConfig(plugin as PluginV1<never>, config);
    this.installed.set(plugin.name, plugin as PluginV1<never>);
    await plugin.setup(this.viewFor(plugin.name), config as Config);
  }

  /** Whether a plugin of this name is installed. */
  has(pluginName: string): boolean {
    return this.installed.has(pluginName);
  }

  /** The registry a plugin sees in `setup`. */
  viewFor(pluginName: string): PluginRegistryV1 {
    const tool = (name: string, executor: AnyToolExecutor): void => {
      if (typeof executor !== 'function') {
        throw weftError('PLUGIN_INVALID', {
          message: `Plugin "${pluginName}" registered the tool executor "${name}" without a function.`,
          details: { plugin: pluginName, name },
        });
      }
      this.add(this.tools, 'tool executor', name, pluginName, executor);
    };
    return {
      tool,
      tools: (executors: ToolExecutorMapV1) => {
        for (const [name, executor] of Object.entries(executors ?? {}))
          if (executor !== undefined) tool(name, executor);
      },
      storage: (name, factory) => this.add(this.storages, 'storage adapter', name, pluginName, factory),
      model: (provider, factory) => this.add(this.models, 'model provider', provider, pluginName, factory),
      vector: (name, factory) => this.add(this.vectors, 'vector store adapter', name, pluginName, factory),
      embedder: (provider, factory) =>
        this.add(this.embedders, 'embedding provider', provider, pluginName, factory),
    };
  }

  /** The tool executor registered under `name`. */
  tool(name: string): AnyToolExecutor | undefined {
    return this.tools.get(name)?.value;
  }

  /** The storage factory registered under `name`. */
  storage(name: string): StorageFactoryV1 | undefined {
    return this.storages.get(name)?.value;
  }

  /** The model provider registered under `provider`. */
  model(provider: string): ModelFactoryV1 | undefined {
    return this.models.get(provider)?.value;
  }

  /** The vector store factory registered under `name`. */
  vector(name: string): VectorStoreFactoryV1 | undefined {
    return this.vectors.get(name)?.value;
  }

  /** The embedding provider registered under `provider`. */
  embedder(provider: string): EmbedderFactoryV1 | undefined {
    return this.embedders.get(provider)?.value;
  }

  toolNames(): string[] {
    return [...this.tools.keys()].sort();
  }

  storageNames(): string[] {
    return [...this.storages.keys()].sort();
  }

  vectorNames(): string[] {
    return [...this.vectors.keys()].sort();
  }

  embedderNames(): string[] {
    return [...this.embedders.keys()].sort();
  }

  pluginNames(): string[] {
    return [...this.installed.keys()];
  }

  private add<T>(map: Map<string, Owned<T>>, kind: string, name: string, plugin: string, value: T): void {
    if (typeof name !== 'string' || name.length === 0) {
      throw weftError('PLUGIN_INVALID', {
        message: `Plugin "${plugin}" registered a ${kind} without a name.`,
        details: { plugin },
      });
    }
    const existing = map.get(name);
    if (existing !== undefined) {
      throw weftError('PLUGIN_DUPLICATE', {
        message: `The ${kind} "${name}" is registered by plugin "${existing.plugin}" and by plugin "${plugin}".`,
        details: { name, kind, plugins: [existing.plugin, plugin] },
      });
    }
    map.set(name, { plugin, value });
  }
}
