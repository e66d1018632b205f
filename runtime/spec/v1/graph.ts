/**
 * The compiled runtime graph, version 1: what `weft compile` writes to `graph.json` and what the
 * runtime executes. Produced only by the compiler; the runtime never sees raw YAML.
 *
 * Everything here is plain JSON (no functions, no Dates) so that a graph can be stored by its
 * content hash and a run can execute the exact version it started with.
 *
 * @example
 * const graph: CompiledGraphV1 = JSON.parse(readFileSync('.weft/graph.json', 'utf8'));
 * graph.workflows['order-approval']?.steps[0]?.kind; // 'tool'
 */
export interface CompiledGraphV1 {
  readonly specificationVersion: 'v1';
  readonly project: ProjectGraphV1;
  readonly workflows: Readonly<Record<string, WorkflowGraphV1>>;
  readonly tools: Readonly<Record<string, ToolGraphV1>>;
  readonly agents: Readonly<Record<string, AgentGraphV1>>;
  readonly integrations: Readonly<Record<string, IntegrationGraphV1>>;
  readonly knowledge: Readonly<Record<string, KnowledgeGraphV1>>;
}

/** A JSON Schema (draft 2020-12) object, already normalised by the compiler (objects closed). */
export type JsonSchemaV1 = { readonly [keyword: string]: JsonValueV1 };

export type JsonValueV1 =
  | null
  | boolean
  | number
  | string
  | readonly JsonValueV1[]
  | { readonly [key: string]: JsonValueV1 };

/**
 * A value template: JSON in which some nodes are expressions, evaluated at run time.
 * - `{ $ref: ['steps', 'lookup', 'output', 'total'] }`: a path (numbers index arrays); keeps the JSON type.
 * - `{ $cel: 'input.amount * 2' }`: a CEL expression, type-checked by the compiler.
 * - `{ $concat: ['order ', { $ref: [...] }] }`: string interpolation.
 * - `{ $literal: <json> }`: a JSON object whose keys start with `$`, taken as is.
 * - any other JSON: itself, with nested templates evaluated.
 */
export type ValueTemplateV1 =
  | null
  | boolean
  | number
  | string
  | { readonly $ref: readonly (string | number)[] }
  | { readonly $cel: string }
  | { readonly $concat: readonly ValueTemplateV1[] }
  | { readonly $literal: JsonValueV1 }
  | readonly ValueTemplateV1[]
  | { readonly [key: string]: ValueTemplateV1 };

/** A secret value: resolved from the environment at run time, never stored. */
export interface SecretRefV1 {
  readonly $secret: string;
}

export interface RetryPolicyV1 {
  readonly maxAttempts: number;
  readonly backoff: 'constant' | 'exponential';
  readonly delayMs: number;
  readonly maxDelayMs?: number;
  /** 0 = none, 1 = full jitter (a random fraction of the delay). */
  readonly jitter: number;
  /** Error codes to retry; absent = every error whose `retryable` is true. */
  readonly on?: readonly string[];
}

export interface ProjectGraphV1 {
  readonly name: string;
  readonly storage: {
    readonly adapter: string;
    readonly dataDir?: string;
    readonly url?: SecretRefV1;
    readonly config?: JsonValueV1;
  };
  readonly vector?: { readonly adapter: string; readonly url?: SecretRefV1; readonly config?: JsonValueV1 };
  readonly providers: readonly {
    readonly name: string;
    readonly type: 'openai' | 'openai-compatible';
    readonly baseURL?: string;
    readonly apiKey?: SecretRefV1;
  }[];
  readonly models: { readonly default?: string; readonly embedding?: string };
  /** Plugin specifiers: paths relative to the project folder (`./plugins/billing.ts`) or package names. */
  readonly plugins: readonly string[];
  readonly http: { readonly allowHosts: readonly string[]; readonly allowPrivate: boolean };
  readonly server: {
    readonly host: string;
    readonly port: number;
    readonly auth?: {
      readonly keys: readonly {
        readonly name: string;
        readonly key: SecretRefV1;
        readonly scopes: readonly string[];
      }[];
    };
    readonly cors?: { readonly origins: readonly string[] };
    readonly rateLimit?: { readonly max: number; readonly windowMs: number };
    readonly bodyLimitBytes: number;
  };
  readonly defaults: {
    readonly retry: RetryPolicyV1;
    readonly stepTimeoutMs?: number;
    readonly stepOutputLimitBytes: number;
  };
}

export interface WorkflowGraphV1 {
  readonly name: string;
  readonly version?: string;
  readonly description?: string;
  /** sha256 (hex) of the canonical JSON of this workflow graph without `hash`; the version a run pins. */
  readonly hash: string;
  readonly input: JsonSchemaV1;
  readonly output?: ValueTemplateV1;
  readonly outputSchema: JsonSchemaV1;
  readonly timeoutMs?: number;
  readonly retries?: RetryPolicyV1;
  readonly onError?: { readonly steps: readonly StepV1[] } | { readonly handler: string };
  readonly steps: readonly StepV1[];
  /** Names of the sub-workflows, tools and agents this workflow uses (for version pinning and linking). */
  readonly uses: {
    readonly workflows: readonly string[];
    readonly tools: readonly string[];
    readonly agents: readonly string[];
  };
}

interface StepBaseV1 {
  readonly id: string;
  readonly description?: string;
  readonly when?: string;
  readonly retry?: RetryPolicyV1;
  readonly timeoutMs?: number;
  readonly catch?: readonly StepV1[];
  readonly compensate?:
    | { readonly tool: string; readonly with: ValueTemplateV1 }
    | { readonly workflow: string; readonly with: ValueTemplateV1 };
  /** The schema of this step's output, as the compiler inferred it (used for checks and types). */
  readonly outputSchema: JsonSchemaV1;
}

export interface ToolStepV1 extends StepBaseV1 {
  readonly kind: 'tool';
  readonly tool: string;
  readonly with: ValueTemplateV1;
}
export interface AgentStepV1 extends StepBaseV1 {
  readonly kind: 'agent';
  readonly agent: string;
  /** Handlebars source, rendered over the step's scope `{ input, steps, item, index, iteration }`. */
  readonly prompt: string;
  readonly context?: ValueTemplateV1;
}
export interface WorkflowStepV1 extends StepBaseV1 {
  readonly kind: 'workflow';
  readonly workflow: string;
  readonly with: ValueTemplateV1;
}
export interface ParallelStepV1 extends StepBaseV1 {
  readonly kind: 'parallel';
  readonly mode: 'all' | 'race';
  readonly branches: readonly { readonly id: string; readonly steps: readonly StepV1[] }[];
}
export interface SwitchStepV1 extends StepBaseV1 {
  readonly kind: 'switch';
  readonly cases: readonly { readonly when: string; readonly steps: readonly StepV1[] }[];
  readonly default?: readonly StepV1[];
}
export interface ForeachStepV1 extends StepBaseV1 {
  readonly kind: 'foreach';
  readonly items: string;
  readonly filter?: string;
  readonly concurrency: number;
  readonly steps: readonly StepV1[];
}
export interface LoopStepV1 extends StepBaseV1 {
  readonly kind: 'loop';
  readonly until?: string;
  readonly while?: string;
  readonly maxIterations: number;
  readonly steps: readonly StepV1[];
}
export interface SuspendStepV1 extends StepBaseV1 {
  readonly kind: 'suspend';
  readonly payload: ValueTemplateV1;
  readonly resume: JsonSchemaV1;
  readonly suspendTimeoutMs?: number;
  readonly onTimeout?: { readonly action: 'fail' | 'resume'; readonly data?: ValueTemplateV1 };
}
export interface SleepStepV1 extends StepBaseV1 {
  readonly kind: 'sleep';
  readonly durationMs?: number;
  /** A value giving an ISO-8601 timestamp to sleep until. */
  readonly until?: ValueTemplateV1;
}
export interface SetStepV1 extends StepBaseV1 {
  readonly kind: 'set';
  readonly value: ValueTemplateV1;
}

export type StepV1 =
  | ToolStepV1
  | AgentStepV1
  | WorkflowStepV1
  | ParallelStepV1
  | SwitchStepV1
  | ForeachStepV1
  | LoopStepV1
  | SuspendStepV1
  | SleepStepV1
  | SetStepV1;

export type StepKindV1 = StepV1['kind'];

export type HttpAuthV1 =
  | { readonly type: 'bearer'; readonly token: SecretRefV1 }
  | {
      readonly type: 'apiKey';
      readonly in: 'header' | 'query';
      readonly name: string;
      readonly value: SecretRefV1;
    }
  | { readonly type: 'basic'; readonly username: string; readonly password: SecretRefV1 }
  | {
      readonly type: 'oauth2';
      readonly tokenUrl: string;
      readonly clientId: string;
      readonly clientSecret: SecretRefV1;
      readonly scopes: readonly string[];
    };

export interface HttpRequestV1 {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A template over `input` evaluating to the URL (absolute, or relative to an integration's base URL). */
  readonly url: ValueTemplateV1;
  readonly headers?: ValueTemplateV1;
  readonly query?: ValueTemplateV1;
  readonly body?: ValueTemplateV1;
}

export type ToolExecutorRefV1 =
  | { readonly type: 'plugin'; readonly name: string }
  | {
      readonly type: 'http';
      readonly request: HttpRequestV1;
      readonly auth?: HttpAuthV1;
      /** Mapping over `response.{status,headers,body}`; absent = the body. */
      readonly response?: ValueTemplateV1;
    }
  | { readonly type: 'workflow'; readonly workflow: string }
  | { readonly type: 'agent'; readonly agent: string; readonly prompt: string }
  | {
      readonly type: 'mcp';
      readonly server:
        | {
            readonly command: string;
            readonly args: readonly string[];
            readonly env?: Readonly<Record<string, SecretRefV1 | string>>;
          }
        | { readonly url: string };
      readonly tool: string;
    }
  | { readonly type: 'integration'; readonly integration: string; readonly action: string };

export interface ToolGraphV1 {
  readonly name: string;
  readonly description?: string;
  readonly input: JsonSchemaV1;
  readonly output: JsonSchemaV1;
  readonly timeoutMs?: number;
  readonly secrets: readonly string[];
  readonly executor: ToolExecutorRefV1;
}

export interface AgentGraphV1 {
  readonly name: string;
  readonly description?: string;
  /** `provider:model`, defaulted from the project. */
  readonly model: string;
  readonly instructions: string;
  readonly context: JsonSchemaV1;
  /** Tool names, integration actions expanded to `<integration>.<action>`. */
  readonly tools: readonly string[];
  readonly agents: readonly string[];
  readonly workflows: readonly string[];
  readonly knowledge: readonly string[];
  readonly memory?: {
    readonly lastMessages: number;
    readonly semanticRecall?: { readonly topK: number; readonly scope: 'thread' | 'resource' };
  };
  readonly maxSteps: number;
  readonly temperature?: number;
  readonly maxTokens?: number;
  readonly timeoutMs?: number;
  readonly output?: JsonSchemaV1;
}

export interface IntegrationActionV1 {
  readonly name: string;
  readonly description?: string;
  readonly request: HttpRequestV1;
  readonly input: JsonSchemaV1;
  readonly output: JsonSchemaV1;
  /** `declared` in YAML or imported from the OpenAPI document (`operationId`). */
  readonly source: { readonly type: 'declared' } | { readonly type: 'openapi'; readonly operationId: string };
}

export interface IntegrationGraphV1 {
  readonly name: string;
  readonly description?: string;
  readonly baseUrl: string;
  readonly auth?: HttpAuthV1;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  readonly actions: Readonly<Record<string, IntegrationActionV1>>;
}

export interface KnowledgeGraphV1 {
  readonly name: string;
  readonly description?: string;
  readonly sources: readonly (
    | {
        readonly type: 'files';
        readonly glob: string;
        readonly baseDir: string;
        readonly metadata?: JsonValueV1;
      }
    | { readonly type: 'text'; readonly id: string; readonly text: string; readonly metadata?: JsonValueV1 }
  )[];
  readonly chunking: {
    readonly strategy: 'recursive' | 'markdown' | 'sentence' | 'token';
    readonly size: number;
    readonly overlap: number;
  };
  readonly embedder: string;
  readonly index: string;
  readonly store?: string;
}
