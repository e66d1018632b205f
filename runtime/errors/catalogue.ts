import type { ErrorCategory } from './weft-error.js';

/** The error types of the seed API; each catalogue entry names one. */
export type ErrorType =
  | 'WeftError'
  | 'AgentError'
  | 'WorkflowError'
  | 'StorageError'
  | 'IntegrationError'
  | 'ToolError'
  | 'ValidationError';

export interface ErrorCatalogueEntry {
  readonly type: ErrorType;
  readonly message: string;
  /** HTTP status the host answers with. */
  readonly status: number;
  readonly category: ErrorCategory;
  readonly retryable: boolean;
}

const entry = (
  type: ErrorType,
  status: number,
  category: ErrorCategory,
  retryable: boolean,
  message: string,
): ErrorCatalogueEntry => ({
  type,
  message,
  status,
  category,
  retryable,
});

/**
 * Every runtime error code. Codes are stable and never reused; `docs/errors.md` documents each
 * (a test checks both ways).
 */
export const errorCatalogue = {
  VALIDATION_FAILED: entry('ValidationError', 400, 'user', false, 'The data does not match its schema.'),
  INTERNAL: entry('WeftError', 500, 'system', false, 'An internal error occurred.'),
  EXPRESSION_FAILED: entry('WorkflowError', 422, 'user', false, 'An expression could not be evaluated.'),
  // Workflow engine (runtime/workflow, runtime/scheduler).
  WORKFLOW_NOT_FOUND: entry('WorkflowError', 404, 'user', false, 'No workflow has this name.'),
  RUN_NOT_FOUND: entry('WorkflowError', 404, 'user', false, 'No run has this id.'),
  RUN_NOT_SUSPENDED: entry('WorkflowError', 409, 'user', false, 'The run is not suspended.'),
  RUN_STEP_NOT_SUSPENDED: entry(
    'WorkflowError',
    409,
    'user',
    false,
    'The run is not suspended at this step.',
  ),
  RUN_AMBIGUOUS_RESUME: entry(
    'WorkflowError',
    409,
    'user',
    false,
    'The run is suspended at several steps: name the step to resume.',
  ),
  RUN_ALREADY_FINISHED: entry('WorkflowError', 409, 'user', false, 'The run has already finished.'),
  RUN_ALREADY_EXISTS: entry('WorkflowError', 409, 'user', false, 'A run with this id already exists.'),
  RUN_CANCELLED: entry('WorkflowError', 409, 'user', false, 'The run was cancelled.'),
  RUN_LEASE_LOST: entry('WorkflowError', 503, 'system', true, 'Another process took over the run.'),
  STEP_TIMEOUT: entry('WorkflowError', 504, 'system', true, 'The step did not finish within its timeout.'),
  WORKFLOW_TIMEOUT: entry(
    'WorkflowError',
    504,
    'user',
    false,
    'The run did not finish within the workflow timeout.',
  ),
  STEP_OUTPUT_TOO_LARGE: entry(
    'WorkflowError',
    422,
    'user',
    false,
    'The step output is larger than the project limit.',
  ),
  LOOP_LIMIT_EXCEEDED: entry(
    'WorkflowError',
    422,
    'user',
    false,
    'The loop reached maxIterations before its condition was met.',
  ),
  SUSPEND_TIMEOUT: entry('WorkflowError', 408, 'user', false, 'The suspended step was not resumed in time.'),
  AGENT_EXECUTOR_MISSING: entry(
    'AgentError',
    500,
    'system',
    false,
    'No agent executor is registered to run agent steps.',
  ),
  ENGINE_CLOSED: entry('WorkflowError', 503, 'system', true, 'The engine is closed.'),
  PROJECT_INVALID: entry('ValidationError', 400, 'user', false, 'The project does not compile.'),
  STEP_FAILED: entry('WorkflowError', 500, 'system', true, 'The step failed.'),
  WORKFLOW_OUTPUT_INVALID: entry(
    'WorkflowError',
    500,
    'user',
    false,
    'The workflow output does not match its output schema.',
  ),
  CHILD_RUN_FAILED: entry('WorkflowError', 500, 'user', false, 'The sub-workflow run failed.'),
  BRANCH_ABORTED: entry(
    'WorkflowError',
    409,
    'system',
    false,
    'The branch was stopped: another branch won the race or failed.',
  ),
  // Tools (runtime/tools).
  TOOL_NOT_FOUND: entry(
    'ToolError',
    404,
    'user',
    false,
    'No tool, or no executor for the tool, has this name.',
  ),
  TOOL_EXECUTOR_FAILED: entry('ToolError', 502, 'third_party', true, 'The tool executor failed.'),
  TOOL_INPUT_INVALID: entry(
    'ValidationError',
    400,
    'user',
    false,
    'The tool input does not match its schema.',
  ),
  TOOL_OUTPUT_INVALID: entry(
    'ToolError',
    502,
    'third_party',
    false,
    'The tool output does not match its schema.',
  ),
  TOOL_TIMEOUT: entry('ToolError', 504, 'third_party', true, 'The tool did not answer within its timeout.'),
  // Plugins (runtime/plugins).
  PLUGIN_INVALID: entry('WeftError', 500, 'user', false, 'The plugin object is not a valid weft plugin.'),
  PLUGIN_LOAD_FAILED: entry('WeftError', 500, 'user', false, 'A plugin could not be loaded.'),
  PLUGIN_DUPLICATE: entry('WeftError', 500, 'user', false, 'Two plugins register the same name.'),
  PLUGIN_CONFIG_INVALID: entry(
    'WeftError',
    500,
    'user',
    false,
    'The plugin config does not match its configSchema.',
  ),
  // MCP tools (runtime/mcp).
  MCP_CONNECTION_FAILED: entry(
    'ToolError',
    502,
    'third_party',
    true,
    'The MCP server cannot be started or reached.',
  ),
  MCP_TOOL_NOT_FOUND: entry('ToolError', 502, 'user', false, 'The MCP server has no tool of this name.'),
  MCP_TOOL_ERROR: entry('ToolError', 502, 'third_party', false, 'The MCP tool reported an error.'),
  STORAGE_ADAPTER_NOT_FOUND: entry('StorageError', 500, 'user', false, 'No storage adapter has this name.'),
  // Storage (runtime/storage, plugins/pglite, plugins/postgres).
  STORAGE_LOCKED: entry(
    'StorageError',
    409,
    'user',
    false,
    'Another live process holds the project storage; go through its host URL.',
  ),
  STORAGE_UNAVAILABLE: entry('StorageError', 503, 'system', true, 'The storage cannot be reached.'),
  STORAGE_FAILED: entry('StorageError', 500, 'system', false, 'The storage failed to run an operation.'),
  // Vector stores (runtime/vector, plugins/pgvector|pinecone|chroma|qdrant).
  VECTOR_ADAPTER_NOT_FOUND: entry(
    'StorageError',
    500,
    'user',
    false,
    'No vector store adapter has this name.',
  ),
  VECTOR_INDEX_NOT_FOUND: entry('StorageError', 404, 'user', false, 'The vector index does not exist.'),
  VECTOR_INDEX_CONFLICT: entry(
    'StorageError',
    409,
    'user',
    false,
    'An index of this name exists with another dimension or metric.',
  ),
  VECTOR_DIMENSION_MISMATCH: entry(
    'StorageError',
    400,
    'user',
    false,
    "A vector's length is not the index dimension.",
  ),
  VECTOR_FILTER_INVALID: entry('StorageError', 400, 'user', false, 'The metadata filter is malformed.'),
  VECTOR_FILTER_UNSUPPORTED: entry(
    'StorageError',
    400,
    'user',
    false,
    'The vector store cannot express this filter operator.',
  ),
  VECTOR_STORE_CONFIG_INVALID: entry(
    'StorageError',
    500,
    'user',
    false,
    'The vector store configuration is invalid.',
  ),
  VECTOR_STORE_UNAUTHORIZED: entry(
    'StorageError',
    502,
    'third_party',
    false,
    'The vector service refused the credentials.',
  ),
  VECTOR_STORE_RATE_LIMITED: entry(
    'StorageError',
    429,
    'third_party',
    true,
    'The vector service is rate limiting requests.',
  ),
  VECTOR_STORE_TIMEOUT: entry(
    'StorageError',
    504,
    'third_party',
    true,
    'The vector service did not answer in time.',
  ),
  VECTOR_STORE_UNAVAILABLE: entry(
    'StorageError',
    503,
    'third_party',
    true,
    'The vector service cannot be reached or failed.',
  ),
  VECTOR_STORE_FAILED: entry(
    'StorageError',
    502,
    'third_party',
    false,
    'The vector service rejected the request.',
  ),
  VECTOR_UPSERT_PARTIAL: entry(
    'StorageError',
    502,
    'third_party',
    true,
    'An upsert failed part-way; details list the ids written.',
  ),
  // Host (runtime/host).
  REQUEST_MALFORMED_JSON: entry('ValidationError', 400, 'user', false, 'The request body is not valid JSON.'),
  REQUEST_UNSUPPORTED_MEDIA_TYPE: entry(
    'ValidationError',
    415,
    'user',
    false,
    'The request body must be JSON (content-type application/json).',
  ),
  REQUEST_TOO_LARGE: entry(
    'ValidationError',
    413,
    'user',
    false,
    'The request body is larger than the server limit.',
  ),
  EVENTS_INVALID_LAST_EVENT_ID: entry(
    'ValidationError',
    400,
    'user',
    false,
    'The Last-Event-ID (or lastEventId) is not an event id of this stream: a non-negative integer.',
  ),
  ROUTE_NOT_FOUND: entry('WeftError', 404, 'user', false, 'No API route has this method and path.'),
  AUTH_MISSING: entry(
    'WeftError',
    401,
    'user',
    false,
    'The route needs an API key: send Authorization: Bearer <key>.',
  ),
  AUTH_INVALID: entry('WeftError', 401, 'user', false, 'The API key is not valid.'),
  AUTH_FORBIDDEN: entry(
    'WeftError',
    403,
    'user',
    false,
    'The API key does not have the scope this route needs.',
  ),
  RATE_LIMITED: entry(
    'WeftError',
    429,
    'user',
    true,
    'Too many requests: retry after the retry-after header.',
  ),
  HOST_AUTH_REQUIRED: entry(
    'WeftError',
    500,
    'user',
    false,
    'The host refuses to listen on a non-loopback address without API keys.',
  ),
  HOST_CONFIG_INVALID: entry(
    'WeftError',
    500,
    'user',
    false,
    'The server settings of weft.yaml are invalid.',
  ),
  // Tools, integrations and secrets (runtime/tools, runtime/integrations, runtime/secrets).
  TOOL_DEFINITION_INVALID: entry(
    'ValidationError',
    400,
    'user',
    false,
    'The tool definition is invalid (name, schemas or executor).',
  ),
  TOOL_DUPLICATE: entry('ToolError', 409, 'user', false, 'A tool with this name already exists.'),
  SECRET_MISSING: entry(
    'WeftError',
    503,
    'user',
    false,
    'An environment variable that holds a secret is not set.',
  ),
  INTEGRATION_NOT_FOUND: entry('IntegrationError', 404, 'user', false, 'No integration has this name.'),
  HTTP_HOST_NOT_ALLOWED: entry(
    'IntegrationError',
    403,
    'user',
    false,
    'The destination host or address is not allowed by project.http.',
  ),
  INTEGRATION_REQUEST_FAILED: entry(
    'IntegrationError',
    502,
    'third_party',
    true,
    'The HTTP request could not be sent or got no answer.',
  ),
  INTEGRATION_TIMEOUT: entry(
    'IntegrationError',
    504,
    'third_party',
    true,
    'The upstream API did not answer within the timeout.',
  ),
  INTEGRATION_UNAUTHORIZED: entry(
    'IntegrationError',
    502,
    'third_party',
    false,
    'The upstream API refused the credentials (401 or 403).',
  ),
  INTEGRATION_RATE_LIMITED: entry(
    'IntegrationError',
    502,
    'third_party',
    true,
    'The upstream API answered 429 Too Many Requests.',
  ),
  INTEGRATION_SERVER_ERROR: entry(
    'IntegrationError',
    502,
    'third_party',
    true,
    'The upstream API answered with a 5xx status.',
  ),
  INTEGRATION_CLIENT_ERROR: entry(
    'IntegrationError',
    502,
    'third_party',
    false,
    'The upstream API answered with a 4xx status.',
  ),
  INTEGRATION_RESPONSE_INVALID: entry(
    'IntegrationError',
    502,
    'third_party',
    false,
    'The upstream response cannot be read (bad JSON or too large).',
  ),
  INTEGRATION_AUTH_FAILED: entry(
    'IntegrationError',
    502,
    'third_party',
    true,
    'The OAuth2 token endpoint did not issue an access token.',
  ),
  // Agents (runtime/agent).
  AGENT_NOT_FOUND: entry('AgentError', 404, 'user', false, 'No agent has this name.'),
  AGENT_CONTEXT_INVALID: entry(
    'AgentError',
    400,
    'user',
    false,
    "The agent's context does not match its schema or lacks a variable its instructions use.",
  ),
  AGENT_MODEL_UNAVAILABLE: entry('AgentError', 503, 'system', false, "The agent's model cannot be resolved."),
  AGENT_MODEL_FAILED: entry('AgentError', 502, 'third_party', true, 'The model provider failed.'),
  AGENT_TIMEOUT: entry(
    'AgentError',
    504,
    'third_party',
    true,
    'The agent did not finish within its timeout.',
  ),
  AGENT_CANCELLED: entry('AgentError', 409, 'user', false, 'The agent call was cancelled.'),
  AGENT_MAX_STEPS_EXCEEDED: entry(
    'AgentError',
    422,
    'user',
    false,
    'The agent reached maxSteps while the model still called tools.',
  ),
  AGENT_TOOL_UNKNOWN: entry(
    'AgentError',
    502,
    'third_party',
    false,
    'The model called a tool the agent does not have.',
  ),
  AGENT_TOOL_ARGUMENTS_INVALID: entry(
    'AgentError',
    502,
    'third_party',
    false,
    'The model called a tool with malformed arguments.',
  ),
  AGENT_OUTPUT_INVALID: entry(
    'AgentError',
    502,
    'third_party',
    false,
    "The model's structured output does not match the schema.",
  ),
  AGENT_OUTPUT_SCHEMA_MISSING: entry(
    'AgentError',
    400,
    'user',
    false,
    'The agent has no output schema and none was given.',
  ),
  AGENT_DEPTH_EXCEEDED: entry(
    'AgentError',
    422,
    'user',
    false,
    'Agents calling agents as tools went deeper than the limit.',
  ),
  AGENT_REQUEST_INVALID: entry(
    'AgentError',
    400,
    'user',
    false,
    'The agent call has neither a prompt nor messages.',
  ),
  // Knowledge and RAG (runtime/rag).
  KNOWLEDGE_NOT_FOUND: entry('WeftError', 404, 'user', false, 'No knowledge base has this name.'),
  DOCUMENT_NOT_FOUND: entry(
    'WeftError',
    404,
    'user',
    false,
    'The knowledge base has no document with this id.',
  ),
  DOCUMENT_INVALID: entry('ValidationError', 400, 'user', false, 'A document is malformed.'),
  DOCUMENT_PARSE_FAILED: entry(
    'ValidationError',
    400,
    'user',
    false,
    'A source file cannot be read as a document of its type.',
  ),
  INGEST_FAILED: entry(
    'StorageError',
    502,
    'third_party',
    true,
    'Writing documents to the vector store failed; details say whether their previous version was restored.',
  ),
  // Models (runtime/models).
  MODEL_PROVIDER_UNKNOWN: entry('AgentError', 400, 'user', false, 'The model names an unknown provider.'),
  MODEL_CREDENTIALS_MISSING: entry(
    'AgentError',
    503,
    'user',
    false,
    'The model provider needs an environment variable that is not set.',
  ),
  MODEL_PROVIDER_INVALID: entry(
    'AgentError',
    500,
    'user',
    false,
    'The model provider is declared without a setting it needs.',
  ),
  // Embedders (runtime/embedders).
  EMBEDDER_NOT_FOUND: entry('WeftError', 500, 'user', false, 'No embedding provider or model has this name.'),
  EMBEDDER_FAILED: entry('WeftError', 502, 'third_party', true, 'The embedding provider failed.'),
  EMBEDDER_DIMENSION_MISMATCH: entry(
    'WeftError',
    502,
    'third_party',
    false,
    'The embedder returned a vector of an unexpected length.',
  ),
  // Memory (runtime/memory).
  THREAD_NOT_FOUND: entry('StorageError', 404, 'user', false, 'No memory thread has this id.'),
  THREAD_ALREADY_EXISTS: entry(
    'StorageError',
    409,
    'user',
    false,
    'A memory thread with this id already exists.',
  ),
  MESSAGE_INVALID: entry('ValidationError', 400, 'user', false, 'A memory message is malformed.'),
  MEMORY_INDEX_FAILED: entry(
    'StorageError',
    502,
    'third_party',
    true,
    'The messages were saved but not indexed for semantic recall; a later save retries.',
  ),
} as const satisfies Record<string, ErrorCatalogueEntry>;

export type ErrorCode = keyof typeof errorCatalogue;
