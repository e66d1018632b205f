import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { StorageV1 } from './storage.js';
import type { LoggerV1, ToolExecutorV1 } from './tool-executor.js';

/**
 * The plugin contract, version 1. A plugin is a module whose default export is a `PluginV1`
 * (made with `definePlugin`). Built-in adapters (`plugins/pglite`, `plugins/postgres`, ...) register
 * through exactly this API, the same as users' plugins.
 *
 * @example
 * export default definePlugin({
 *   name: 'billing',
 *   apiVersion: 'v1',
 *   setup(registry) {
 *     registry.tool('lookup-order', async ({ orderId }) => ({ orderId, total: 120 }));
 *   },
 * });
 */
export interface PluginV1<Config = unknown> {
  readonly name: string;
  readonly apiVersion: 'v1';
  readonly description?: string;
  /** JSON Schema of the plugin's config (from weft.yaml); checked before `setup`. */
  readonly configSchema?: Readonly<Record<string, unknown>>;
  setup(registry: PluginRegistryV1, config: Config): void | Promise<void>;
}

export interface PluginRegistryV1 {
  /** Registers a tool executor under `name` (a YAML tool's `plugin:` names it). */
  tool(name: string, executor: ToolExecutorV1<never, unknown>): void;
  /** Registers a storage adapter under `name` (weft.yaml `storage.adapter` names it). */
  storage(name: string, factory: StorageFactoryV1): void;
  /** Registers a model provider: `<provider>:<model>` strings resolve through `factory(model)`. */
  model(provider: string, factory: ModelFactoryV1): void;
}

/**
 * Builds an AI SDK language model for a model id of this provider (`gpt-4o-mini` of `openai:gpt-4o-mini`).
 *
 * @example
 * registry.model('scripted', (modelId) => new MockLanguageModelV3({ modelId }));
 */
export type ModelFactoryV1 = (modelId: string) => LanguageModelV3;

export interface StorageFactoryContextV1 {
  /** Absolute path of the project folder. */
  readonly projectDir: string;
  /** The project's `storage` section, secrets resolved (never log it). */
  readonly options: { readonly dataDir?: string; readonly url?: string; readonly config?: unknown };
  readonly logger: LoggerV1;
}

export type StorageFactoryV1 = (context: StorageFactoryContextV1) => StorageV1 | Promise<StorageV1>;
