/**
 * weft's public runtime entry (`import { Weft } from 'weft'`): the `Weft` orchestrator, workflows
 * and runs, plugins, errors and the contracts plugins implement.
 *
 * @example
 * import { Weft } from 'weft';
 * const weft = await Weft.open('definitions');
 * const doc = await weft.getWorkflow('order-approval').createRun().start({ orderId: 'A1', amount: 20 });
 */
export { Agent } from './agent/agent.js';
export type {
  AgentInput,
  AgentMessage,
  AgentToolCall,
  AgentUsage,
  GenerateObjectResult,
  GenerateOptions,
  GenerateResult,
  StreamChunk,
} from './agent/agent-types.js';
export { type AgentRuntime, type InstallAgentsOptions, installAgents } from './agent/install-agents.js';
export {
  AiSdkEmbedder,
  type AiSdkEmbedderOptions,
  createAiSdkEmbedder,
} from './embedders/ai-sdk-embedder.js';
export { openAIEmbeddingDimensions, registerBuiltinEmbedders } from './embedders/builtin-embedders.js';
export { embedTexts } from './embedders/embed-texts.js';
export { LocalHashEmbedder } from './embedders/local-hash-embedder.js';
export {
  createEmbedderResolver,
  defaultEmbedderSpec,
  type EmbedderResolver,
  type EmbedderResolverOptions,
} from './embedders/resolve-embedder.js';
export type { EmbeddingRetryPolicy } from './embedders/retry-embedding-call.js';
export { AgentError } from './errors/agent-error.js';
export { type ErrorCode, type ErrorType, errorCatalogue } from './errors/catalogue.js';
export { weftError } from './errors/create-weft-error.js';
export { IntegrationError } from './errors/integration-error.js';
export { StorageError } from './errors/storage-error.js';
export { ToolError } from './errors/tool-error.js';
export { ValidationError } from './errors/validation-error.js';
export { type ErrorCategory, WeftError } from './errors/weft-error.js';
export { WorkflowError } from './errors/workflow-error.js';
export { HttpAuthenticator } from './integrations/http-authenticator.js';
export { checkHost, hostMatches, isPrivateAddress } from './integrations/http-policy.js';
export { type HttpExecutorOptions, httpToolFactory } from './integrations/http-tool-factory.js';
export {
  Integration,
  type IntegrationAction,
  type IntegrationTool,
  modelSafeToolName,
} from './integrations/integration.js';
export { McpClientPool, type McpClientPoolOptions, type McpServerRefV1 } from './mcp/mcp-client-pool.js';
export { mcpToolExecutors } from './mcp/mcp-tool-executors.js';
export { Memory, type MemoryOptions, type MemoryStorage } from './memory/memory.js';
export type {
  CreateThreadInput,
  MemoryHit,
  MemoryMessage,
  MemoryQuery,
  MemoryQueryResult,
  MemoryThread,
  MessageInput,
  MessageRange,
  UpdateThreadInput,
} from './memory/memory-types.js';
export {
  createModelResolver,
  type MissingCredential,
  type ModelResolver,
  type ModelResolverOptions,
} from './models/create-model-resolver.js';
export { definePlugin } from './plugins/define-plugin.js';
export { defineTools, type ToolTypesV1, type TypedToolExecutors } from './plugins/define-tools.js';
export { PluginRegistry } from './plugins/plugin-registry.js';
export type { RunDocument, StepAttempt, StepRecord, SuspendedStep } from './public/api-types.js';
export {
  type AddOptions,
  type IngestOptions,
  KnowledgeBase,
  type KnowledgeBaseOptions,
} from './rag/knowledge-base.js';
export { KnowledgeBases } from './rag/knowledge-bases.js';
export { knowledgeSearchTool, searchToolName } from './rag/knowledge-search-tool.js';
export type {
  AddedDocument,
  IngestProgress,
  IngestSummary,
  KnowledgeDeleteRequest,
  KnowledgeDocument,
  KnowledgeHit,
  KnowledgeQueryOptions,
} from './rag/knowledge-types.js';
export { EmbeddedScheduler } from './scheduler/embedded-scheduler.js';
export { maskingLogger, maskSecrets, readSecret, registerSecret, SecretMasker } from './secrets/index.js';
export type { EmbedderV1, EmbedOptionsV1 } from './spec/v1/embedder.js';
export type {
  AgentExecutionRequestV1,
  AgentExecutorV1,
  ExecutorRegistryV1,
  ToolExecutorFactoryV1,
} from './spec/v1/executors.js';
export type { CompiledGraphV1, StepV1, WorkflowGraphV1 } from './spec/v1/graph.js';
export type {
  EmbedderFactoryContextV1,
  EmbedderFactoryV1,
  PluginRegistryV1,
  PluginV1,
  StorageFactoryContextV1,
  StorageFactoryV1,
  ToolExecutorMapV1,
  VectorStoreFactoryContextV1,
  VectorStoreFactoryV1,
} from './spec/v1/plugin.js';
export type { RunTaskV1, SchedulerV1 } from './spec/v1/scheduler.js';
export type { JournalEntryV1, RunRecordV1, RunStatusV1, StorageV1 } from './spec/v1/storage.js';
export type { LoggerV1, ToolContextV1, ToolExecutorV1 } from './spec/v1/tool-executor.js';
export type {
  CreateVectorIndexV1,
  DeleteVectorsV1,
  QueryVectorsV1,
  UpsertVectorsV1,
  VectorFieldConditionV1,
  VectorFilterScalarV1,
  VectorFilterV1,
  VectorIndexStatsV1,
  VectorMetadataV1,
  VectorMetadataValueV1,
  VectorMetricV1,
  VectorQueryResultV1,
  VectorRecordV1,
  VectorStoreV1,
} from './spec/v1/vector-store.js';
export { type CodeTool, type CreateToolConfig, createTool } from './tools/create-tool.js';
export { Tool, type ToolExecuteOptions } from './tools/tool.js';
export {
  type ToolEventListener,
  type ToolEventMap,
  type ToolEventName,
  ToolEvents,
  toolEventNames,
} from './tools/tool-events.js';
export { type ToolSchemaInput, toJsonSchema } from './tools/tool-schema.js';
export { type ToolProblem, type ToolValidation, validateTool } from './tools/validate-tool.js';
export { WeftTools } from './tools/weft-tools.js';
export { matchesVectorFilter, matchesVectorFilterNode } from './vector/match-vector-filter.js';
export { MemoryVectorStore } from './vector/memory-vector-store.js';
export {
  parseVectorFilter,
  type VectorFieldCondition,
  type VectorFieldOperator,
  type VectorFilterNode,
} from './vector/parse-vector-filter.js';
export { validateVectorFilter } from './vector/validate-vector-filter.js';
export { dotProduct, euclideanDistance, vectorScore } from './vector/vector-score.js';
export { Weft, type WeftOpenOptions, type WeftOptions } from './weft.js';
export { toRunDocument } from './workflow/run-document.js';
export {
  type StepEventBase,
  type WorkflowEventListener,
  type WorkflowEventMap,
  type WorkflowEventName,
  workflowEventNames,
} from './workflow/workflow-events.js';
export { Run, type RunPage, Workflow } from './workflow/workflow-handle.js';
