import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { EmbedderV1 } from './embedder.js';
import type { StorageV1 } from './storage.js';
import type { LoggerV1, ToolExecutorV1 } from './tool-executor.js';
import type { VectorStoreV1 } from './vector-store.js';

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
  /** Registers a vector store adapter under `name` (weft.yaml `vector.adapter` names it). */
  vector(name: string, factory: VectorStoreFactoryV1): void;
  /** Registers an embedding provider: `<provider>:<model>` embedder names resolve through `factory`. */
  embedder(provider: string, factory: EmbedderFactoryV1): void;
  /** Registers several tool executors at once, by name (`defineTools<WeftTools>({...})` makes a typed map). */
  tools(executors: ToolExecutorMapV1): void;
}

/**
 * Tool executors by the name YAML tools give in `plugin:`.
 *
 * @example
 * const map: ToolExecutorMapV1 = { square: async ({ n }: { n: number }) => ({ value: n * n }) };
 */
export type ToolExecutorMapV1 = { readonly [name: string]: ToolExecutorV1<never, unknown> | undefined };

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

/** What a vector store factory gets (the project's `vector` section, secrets resolved). */
export interface VectorStoreFactoryContextV1 {
  /** Absolute path of the project folder. */
  readonly projectDir: string;
  /** The project's `vector` section, secrets resolved (never log it). */
  readonly options: { readonly url?: string; readonly config?: unknown };
  readonly logger: LoggerV1;
  /**
   * The project's opened storage, for adapters that keep vectors in the same database. A storage
   * that shares its SQL database exposes `sqlDriver()` returning its SQL driver (`query`, `exec`,
   * `transaction`; the `pglite` and `postgres` storages do): adapters duck-type that accessor
   * rather than import another plugin.
   */
  readonly storage?: StorageV1;
}

/**
 * Builds a vector store.
 *
 * @example
 * registry.vector('memory', () => new MemoryVectorStore());
 */
export type VectorStoreFactoryV1 = (
  context: VectorStoreFactoryContextV1,
) => VectorStoreV1 | Promise<VectorStoreV1>;

/** What an embedder factory gets: the model id (`hash-384` of `local:hash-384`) and the project. */
export interface EmbedderFactoryContextV1 {
  /** Absolute path of the project folder. */
  readonly projectDir: string;
  readonly modelId: string;
  readonly logger: LoggerV1;
}

/**
 * Builds an embedder for a model id of this provider.
 *
 * @example
 * registry.embedder('local', ({ modelId }) => hashEmbedder(modelId));
 */
export type EmbedderFactoryV1 = (context: EmbedderFactoryContextV1) => EmbedderV1 | Promise<EmbedderV1>;
