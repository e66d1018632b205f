import { resolve } from 'node:path';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { Agent } from './agent/agent.js';
import { type AgentRuntime, installAgents } from './agent/install-agents.js';
import { createEmbedderResolver, type EmbedderResolver } from './embedders/resolve-embedder.js';
import { weftError } from './errors/create-weft-error.js';
import { McpClientPool } from './mcp/mcp-client-pool.js';
import { mcpToolExecutors } from './mcp/mcp-tool-executors.js';
import { Memory } from './memory/memory.js';
import { openStorage } from './open-storage.js';
import { loadPlugins } from './plugins/load-plugins.js';
import { PluginRegistry } from './plugins/plugin-registry.js';
import type { KnowledgeBase } from './rag/knowledge-base.js';
import { KnowledgeBases } from './rag/knowledge-bases.js';
import { knowledgeSearchTool } from './rag/knowledge-search-tool.js';
import type { EmbedderV1 } from './spec/v1/embedder.js';
import type { ExecutorRegistryV1, ToolExecutorFactoryV1 } from './spec/v1/executors.js';
import type { CompiledGraphV1 } from './spec/v1/graph.js';
import type { PluginV1 } from './spec/v1/plugin.js';
import type { SchedulerV1 } from './spec/v1/scheduler.js';
import type { StorageV1 } from './spec/v1/storage.js';
import type { LoggerV1, ToolExecutorV1 } from './spec/v1/tool-executor.js';
import type { VectorStoreV1 } from './spec/v1/vector-store.js';
import type { Tool } from './tools/tool.js';
import { isToolEventName, type ToolEventListener, type ToolEventName } from './tools/tool-events.js';
import { WeftTools } from './tools/weft-tools.js';
import { openVectorStore } from './vector/open-vector-store.js';
import { WorkflowEngine } from './workflow/workflow-engine.js';
import {
  type WorkflowEventListener,
  type WorkflowEventName,
  WorkflowEvents,
} from './workflow/workflow-events.js';
import { Workflow } from './workflow/workflow-handle.js';
import { WorkflowAsTool } from './workflow-as-tool.js';

/** Options of `new Weft(...)` (code-first and tests). */
export interface WeftOptions {
  readonly graph: CompiledGraphV1;
  readonly storage: StorageV1;
  /** Plugins to install (their tool executors and storage adapters). */
  readonly plugins?: readonly PluginV1[];
  /** A registry already filled (`Weft.open` passes the project's). */
  readonly registry?: PluginRegistry;
  readonly executors?: ExecutorRegistryV1;
  /** `provider:model` -> an AI SDK model, for the agents. */
  readonly resolveModel?: (spec: string) => LanguageModelV3;
  readonly scheduler?: SchedulerV1;
  readonly projectDir?: string;
  readonly leaseMs?: number;
  readonly logger?: LoggerV1;
  /** The vector store of memory and knowledge bases; default the project's (`weft.yaml` `vector`). */
  readonly vector?: VectorStoreV1;
}

/** Options of `Weft.open(dir, options)`. */
export interface WeftOpenOptions {
  /** A storage to use instead of the project's (`'memory'`: an in-memory store). */
  readonly storage?: StorageV1 | 'memory';
  readonly executors?: ExecutorRegistryV1;
  /** `provider:model` -> an AI SDK model, for the agents. */
  readonly resolveModel?: (spec: string) => LanguageModelV3;
  readonly scheduler?: SchedulerV1;
  readonly leaseMs?: number;
  readonly logger?: LoggerV1;
}

const silentLogger: LoggerV1 = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * The central orchestrator of a weft project: its workflows (and, later, agents, tools, memory,
 * knowledge), its storage, its events.
 *
 * @example
 * const weft = await Weft.open('definitions', { storage: 'memory' });
 * const doc = await weft.getWorkflow('order-approval').createRun().start({ orderId: 'A1', amount: 20 });
 * weft.on('run:complete', (event) => console.log(event.runId));
 * await weft.close();
 */
export class Weft {
  readonly graph: CompiledGraphV1;
  readonly storage: StorageV1;
  readonly registry: PluginRegistry;
  readonly events = new WorkflowEvents();
  readonly engine: WorkflowEngine;
  /** The tools and integrations of the project (`weft.tools.on('tool:complete', ...)`). */
  readonly tools: WeftTools;
  /** The project's agents (`getAgent`). */
  readonly agents: AgentRuntime;
  /** The project's knowledge bases: `weft.knowledge.names()`, `weft.knowledge.get(name)` (as `getKnowledge`). */
  readonly knowledge: KnowledgeBases;
  /** Conversation memory: threads, messages and semantic recall (`weft.memory.saveMessages(...)`). */
  readonly memory: Memory;
  private readonly ready: Promise<WorkflowEngine>;
  private readonly workflows = new Map<string, Workflow>();
  private readonly mcp: McpClientPool;
  private readonly workflowTools: WorkflowAsTool;
  private readonly embedders: EmbedderResolver;
  private readonly openVector: () => Promise<VectorStoreV1>;
  private vector: Promise<VectorStoreV1> | undefined;

  constructor(options: WeftOptions) {
    this.graph = options.graph;
    this.storage = options.storage;
    this.registry = options.registry ?? new PluginRegistry();
    const logger = options.logger ?? silentLogger;
    const projectDir = options.projectDir ?? process.cwd();
    this.embedders = createEmbedderResolver({
      registry: this.registry,
      project: options.graph.project,
      projectDir,
      logger,
    });
    this.openVector = async () =>
      options.vector ??
      openVectorStore({
        registry: this.registry,
        section: options.graph.project.vector,
        storage: options.storage,
        projectDir,
        logger,
      });
    this.memory = new Memory({
      storage: options.storage,
      vector: () => this.getVector(),
      embedder: () => this.resolveEmbedder(),
      whenReady: () => this.ready,
      logger,
    });
    this.knowledge = new KnowledgeBases({
      graph: options.graph,
      storage: options.storage,
      projectDir,
      vector: () => this.getVector(),
      // A knowledge base's own `store`: the project's when it names the project's adapter.
      openStore: (adapter) =>
        adapter === options.graph.project.vector?.adapter
          ? this.getVector()
          : this.ready.then(() =>
              openVectorStore({
                registry: this.registry,
                section: { adapter },
                storage: options.storage,
                projectDir,
                logger,
              }),
            ),
      embedder: (spec) => this.resolveEmbedder(spec),
    });
    const workflowToolFactory: ToolExecutorFactoryV1 = (tool) =>
      tool.executor.type === 'workflow' ? this.workflowTools.executor(tool.executor.workflow) : undefined;
    this.mcp = new McpClientPool({ cwd: options.projectDir ?? process.cwd(), logger });
    const weftTools = new WeftTools({
      graph: options.graph,
      pluginExecutor: (name) => this.registry.tool(name),
      factories: [
        ...(options.executors?.toolFactories ?? []),
        workflowToolFactory,
        mcpToolExecutors(this.mcp),
      ],
      logger,
    });
    this.tools = weftTools;
    const tools = weftTools.caller;
    this.agents = installAgents({
      graph: options.graph,
      tools,
      memory: this.memory,
      events: tools.events,
      registry: this.registry,
      runWorkflow: async (name, input, signal, depth) =>
        this.workflowTools.executor(name, depth)(input, {
          idempotencyKey: name,
          signal,
          logger,
          secrets: {},
        }),
      agentDepthOfRun: (runId) => this.workflowTools.agentDepthOfRun(runId),
      knowledgeTool: (name) => knowledgeSearchTool(this.knowledge.get(name)),
      ...(options.resolveModel === undefined ? {} : { resolveModel: options.resolveModel }),
    });
    this.engine = new WorkflowEngine({
      graph: options.graph,
      storage: options.storage,
      tools,
      executors: { agent: this.agents.executor, ...options.executors },
      events: this.events,
      ...(options.scheduler === undefined ? {} : { scheduler: options.scheduler }),
      ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
      callHandler: (name, input, signal) => this.callHandler(name, input, signal, logger),
    });
    this.ready = this.prepare(options.plugins ?? []);
    this.workflowTools = new WorkflowAsTool(this.ready, this.storage);
    this.ready.catch(() => {});
  }

  private async prepare(plugins: readonly PluginV1[]): Promise<WorkflowEngine> {
    for (const plugin of plugins) await this.registry.install(plugin);
    await this.storage.init();
    await this.engine.open();
    return this.engine;
  }

  /**
   * Compiles and opens a project folder: loads its plugins, opens its storage, starts the
   * scheduler and recovers runs. A project that does not compile is `PROJECT_INVALID` with the
   * diagnostics in `details.diagnostics`.
   */
  static async open(dir: string, options: WeftOpenOptions = {}): Promise<Weft> {
    const projectDir = resolve(dir);
    const { compile } = await import('../compiler/index.js');
    const result = await compile(projectDir);
    if (!result.ok) {
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      throw weftError('PROJECT_INVALID', {
        message: `The project in ${projectDir} does not compile (${errors.length} error${errors.length === 1 ? '' : 's'}).`,
        details: { diagnostics: result.diagnostics },
      });
    }
    const registry = new PluginRegistry();
    await loadPlugins(result.graph.project.plugins, projectDir, registry);
    const logger = options.logger ?? silentLogger;
    const storage =
      typeof options.storage === 'object'
        ? options.storage
        : await openStorage(
            registry,
            options.storage === 'memory' ? { adapter: 'memory' } : result.graph.project.storage,
            projectDir,
            logger,
          );
    const weft = new Weft({
      graph: result.graph,
      storage,
      registry,
      projectDir,
      logger,
      ...(options.executors === undefined ? {} : { executors: options.executors }),
      ...(options.resolveModel === undefined ? {} : { resolveModel: options.resolveModel }),
      ...(options.scheduler === undefined ? {} : { scheduler: options.scheduler }),
      ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
    });
    await weft.ready;
    return weft;
  }

  /**
   * Plugs executors in after construction: the agent runtime for `agent` steps, factories for
   * non-plugin tools (`http`, `mcp`, `agent`...), asked before the built-in ones.
   *
   * @example
   * weft.useExecutors({ agent: agentExecutor, toolFactories: [httpTools] });
   */
  useExecutors(executors: ExecutorRegistryV1): void {
    if (executors.agent !== undefined) this.engine.setAgentExecutor(executors.agent);
    for (const factory of [...(executors.toolFactories ?? [])].reverse())
      this.tools.caller.addFactory(factory);
  }

  /** An agent by name; `AGENT_NOT_FOUND` (with a did-you-mean) for an unknown one. */
  getAgent(name: string): Agent {
    return this.agents.get(name);
  }

  /** A workflow by name; `WORKFLOW_NOT_FOUND` (with a did-you-mean) for an unknown one. */
  getWorkflow(name: string): Workflow {
    let workflow = this.workflows.get(name);
    if (workflow === undefined) {
      workflow = new Workflow(
        name,
        this.engine.versions.current(name),
        () => this.ready,
        (event, listener) => this.on(event, listener),
      );
      this.workflows.set(name, workflow);
    }
    return workflow;
  }

  /** A tool by name (YAML or added with `addTool`), run with `execute(input)`; `TOOL_NOT_FOUND` for an unknown one. */
  getTool(name: string): Tool {
    return this.tools.get(name);
  }

  /** Adds a code-first tool made by `createTool`; `TOOL_DUPLICATE` when the name is taken. */
  addTool<Input, Output>(tool: Tool<Input, Output>): Tool<Input, Output> {
    return this.tools.add(tool);
  }

  /** An integration by name (`auth()`, `actions`, `toolset`); `INTEGRATION_NOT_FOUND` for an unknown one. */
  getIntegration(name: string): ReturnType<WeftTools['getIntegration']> {
    return this.tools.getIntegration(name);
  }

  /**
   * The embedder for a `provider:model` name (default the project's `models.embedding`, else
   * `local:hash-384`), through the plugin registry (built-ins `local`, `openai`, weft.yaml
   * `providers`, and plugins' `registry.embedder`); one instance per name. `EMBEDDER_NOT_FOUND` for
   * an unknown provider.
   *
   * @example
   * const embedder = await weft.resolveEmbedder(); // local:hash-384 in the example project
   * const [vector] = await embedder.embed(['refund policy']);
   */
  resolveEmbedder(spec?: string): Promise<EmbedderV1> {
    return this.embedders(spec);
  }

  /**
   * The project's vector store (memory recall and knowledge bases), opened once: `new Weft({ vector })`
   * when given, else weft.yaml `vector` (default pgvector on the project storage, an in-memory store
   * for memory storage).
   *
   * @example
   * const store = await weft.getVector();
   * await store.listIndexes();
   */
  getVector(): Promise<VectorStoreV1> {
    if (this.vector === undefined) {
      this.vector = this.ready.then(() => this.openVector());
      this.vector.catch(() => {
        this.vector = undefined;
      });
    }
    return this.vector;
  }

  /**
   * A knowledge base by name, with the `rag` API (`add`, `query`, `delete`, `ingest`);
   * `KNOWLEDGE_NOT_FOUND` (with a did-you-mean) for an unknown one.
   *
   * @example
   * const hits = await weft.getKnowledge('help-center').query('how long do refunds take?', { topK: 3 });
   */
  getKnowledge(name: string): KnowledgeBase {
    return this.knowledge.get(name);
  }

  /** The names of the project's workflows. */
  listWorkflows(): string[] {
    return this.engine.versions.names();
  }

  /** Listens to the events of every workflow; returns the function that stops listening. */
  on<E extends WorkflowEventName>(event: E, listener: WorkflowEventListener<E>): () => void;
  /** Listens to `tool:start` / `tool:complete` / `tool:error` of every tool call (direct, step or agent). */
  on<E extends ToolEventName>(event: E, listener: ToolEventListener<E>): () => void;
  on(event: WorkflowEventName | ToolEventName, listener: (event: never) => void): () => void {
    if (isToolEventName(event)) return this.tools.on(event, listener as ToolEventListener<ToolEventName>);
    return this.events.on(event, listener as WorkflowEventListener<WorkflowEventName>);
  }

  /** Resolves when plugins are installed, storage is initialised and the engine has started. */
  async whenReady(): Promise<void> {
    await this.ready;
  }

  /**
   * Stops the scheduler, lets in-flight steps finish (up to `deadlineMs`), leaves unfinished runs
   * resumable, releases their leases and closes the storage.
   */
  async close(deadlineMs = 5_000): Promise<void> {
    await this.ready.catch(() => undefined);
    await this.engine.close(deadlineMs);
    await this.mcp.close();
    await this.storage.close();
  }

  private async callHandler(
    name: string,
    input: unknown,
    signal: AbortSignal,
    logger: LoggerV1,
  ): Promise<unknown> {
    const handler = this.registry.tool(name) as ToolExecutorV1 | undefined;
    if (handler === undefined)
      throw weftError('TOOL_NOT_FOUND', {
        message: `No plugin registers the error handler "${name}".`,
        details: { handler: name },
      });
    return handler(input, { idempotencyKey: `${name}:${Date.now()}`, signal, logger, secrets: {} });
  }
}
