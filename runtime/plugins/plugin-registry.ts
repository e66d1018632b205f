import { weftError } from '../errors/create-weft-error.js';
import type { ModelFactoryV1, PluginRegistryV1, PluginV1, StorageFactoryV1 } from '../spec/v1/plugin.js';
import type { ToolExecutorV1 } from '../spec/v1/tool-executor.js';
import { pluginProblem } from './define-plugin.js';

type AnyToolExecutor = ToolExecutorV1<never, unknown>;

interface Owned<T> {
  readonly plugin: string;
  readonly value: T;
}

/**
 * Everything plugins registered: tool executors and storage factories, each owned by the plugin
 * that registered it. Registering a name twice is `PLUGIN_DUPLICATE`, naming both plugins.
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
  private readonly installed = new Map<string, PluginV1<never>>();

  /** Runs a plugin's `setup` against a view of this registry that records the plugin's name. */
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
    this.installed.set(plugin.name, plugin as PluginV1<never>);
    await plugin.setup(this.viewFor(plugin.name), config as Config);
  }

  /** Whether a plugin of this name is installed. */
  has(pluginName: string): boolean {
    return this.installed.has(pluginName);
  }

  /** The registry a plugin sees in `setup`. */
  viewFor(pluginName: string): PluginRegistryV1 {
    return {
      tool: (name, executor) => this.add(this.tools, 'tool executor', name, pluginName, executor),
      storage: (name, factory) => this.add(this.storages, 'storage adapter', name, pluginName, factory),
      model: (provider, factory) => this.add(this.models, 'model provider', provider, pluginName, factory),
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

  toolNames(): string[] {
    return [...this.tools.keys()].sort();
  }

  storageNames(): string[] {
    return [...this.storages.keys()].sort();
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
