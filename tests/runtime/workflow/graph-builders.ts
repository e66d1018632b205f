import type {
  CompiledGraphV1,
  JsonSchemaV1,
  ProjectGraphV1,
  StepV1,
  ToolGraphV1,
  ValueTemplateV1,
  WorkflowGraphV1,
} from '../../../runtime/spec/v1/graph.js';
import type { StorageV1 } from '../../../runtime/spec/v1/storage.js';
import type { ToolExecutorV1 } from '../../../runtime/spec/v1/tool-executor.js';
import { MemoryStorage } from '../../../runtime/storage/memory-storage.js';
import { ToolCaller } from '../../../runtime/tools/tool-caller.js';
import { WorkflowEngine, type WorkflowEngineOptions } from '../../../runtime/workflow/workflow-engine.js';

/** Any JSON value: the schema `{}`. */
export const anySchema: JsonSchemaV1 = {};

/** `{ $ref: [...] }` */
export const ref = (...path: (string | number)[]): ValueTemplateV1 => ({ $ref: path });

/** A project with test-friendly defaults (one attempt, no step timeout). */
export function project(defaults: Partial<ProjectGraphV1['defaults']> = {}): ProjectGraphV1 {
  return {
    name: 'test',
    storage: { adapter: 'memory' },
    providers: [],
    models: {},
    plugins: [],
    http: { allowHosts: [], allowPrivate: false },
    server: { host: '127.0.0.1', port: 3000, bodyLimitBytes: 1_048_576 },
    defaults: {
      retry: { maxAttempts: 1, backoff: 'constant', delayMs: 0, jitter: 0 },
      stepOutputLimitBytes: 1_048_576,
      ...defaults,
    },
  };
}

/** A workflow graph; `hash` defaults to `<name>@1`. */
export function workflow(
  name: string,
  steps: readonly StepV1[],
  extra: Partial<Omit<WorkflowGraphV1, 'name' | 'steps'>> = {},
): WorkflowGraphV1 {
  return {
    name,
    hash: `${name}@1`,
    input: anySchema,
    outputSchema: anySchema,
    steps,
    uses: { workflows: [], tools: [], agents: [] },
    ...extra,
  };
}

/** A tool whose executor is the plugin function of the same name. */
export function pluginTool(name: string, extra: Partial<ToolGraphV1> = {}): ToolGraphV1 {
  return {
    name,
    input: anySchema,
    output: anySchema,
    secrets: [],
    executor: { type: 'plugin', name },
    ...extra,
  };
}

/** A whole compiled graph. */
export function graph(
  workflows: readonly WorkflowGraphV1[],
  tools: readonly ToolGraphV1[] = [],
  defaults = {},
): CompiledGraphV1 {
  return {
    specificationVersion: 'v1',
    project: project(defaults),
    workflows: Object.fromEntries(workflows.map((w) => [w.name, w])),
    tools: Object.fromEntries(tools.map((t) => [t.name, t])),
    agents: {},
    integrations: {},
    knowledge: {},
  };
}

type Extra<S extends StepV1['kind']> = Partial<Omit<Extract<StepV1, { kind: S }>, 'kind' | 'id'>>;

/** Step builders: `s.tool('lookup', 'lookup-order', { orderId: ref('input', 'orderId') })`. */
export const s = {
  tool: (id: string, tool: string, withValue: ValueTemplateV1 = {}, extra: Extra<'tool'> = {}): StepV1 => ({
    kind: 'tool',
    id,
    tool,
    with: withValue,
    outputSchema: anySchema,
    ...extra,
  }),
  set: (id: string, value: ValueTemplateV1, extra: Extra<'set'> = {}): StepV1 => ({
    kind: 'set',
    id,
    value,
    outputSchema: anySchema,
    ...extra,
  }),
  suspend: (id: string, extra: Extra<'suspend'> = {}): StepV1 => ({
    kind: 'suspend',
    id,
    payload: null,
    resume: anySchema,
    outputSchema: anySchema,
    ...extra,
  }),
  sleep: (id: string, durationMs: number, extra: Extra<'sleep'> = {}): StepV1 => ({
    kind: 'sleep',
    id,
    durationMs,
    outputSchema: anySchema,
    ...extra,
  }),
  parallel: (
    id: string,
    mode: 'all' | 'race',
    branches: Record<string, readonly StepV1[]>,
    extra: Extra<'parallel'> = {},
  ): StepV1 => ({
    kind: 'parallel',
    id,
    mode,
    branches: Object.entries(branches).map(([branchId, steps]) => ({ id: branchId, steps })),
    outputSchema: anySchema,
    ...extra,
  }),
  switch: (
    id: string,
    cases: { when: string; steps: readonly StepV1[] }[],
    fallback?: readonly StepV1[],
  ): StepV1 => ({
    kind: 'switch',
    id,
    cases,
    ...(fallback === undefined ? {} : { default: fallback }),
    outputSchema: anySchema,
  }),
  foreach: (id: string, items: string, steps: readonly StepV1[], extra: Extra<'foreach'> = {}): StepV1 => ({
    kind: 'foreach',
    id,
    items,
    concurrency: 0,
    steps,
    outputSchema: anySchema,
    ...extra,
  }),
  loop: (id: string, steps: readonly StepV1[], extra: Extra<'loop'>): StepV1 => ({
    kind: 'loop',
    id,
    maxIterations: 10,
    steps,
    outputSchema: anySchema,
    ...extra,
  }),
  workflow: (
    id: string,
    name: string,
    withValue: ValueTemplateV1 = {},
    extra: Extra<'workflow'> = {},
  ): StepV1 => ({
    kind: 'workflow',
    id,
    workflow: name,
    with: withValue,
    outputSchema: anySchema,
    ...extra,
  }),
  agent: (id: string, agent: string, prompt: string, extra: Extra<'agent'> = {}): StepV1 => ({
    kind: 'agent',
    id,
    agent,
    prompt,
    outputSchema: anySchema,
    ...extra,
  }),
};

/** A recorded tool call: which tool, with what input and idempotency key. */
export interface ToolCall {
  readonly tool: string;
  readonly input: unknown;
  readonly key: string;
}

/**
 * An engine over a MemoryStorage with plugin executors given as plain functions; every call is
 * recorded in `calls`.
 */
export function createEngine(
  compiled: CompiledGraphV1,
  executors: Record<string, ToolExecutorV1<never, unknown>>,
  options: Partial<WorkflowEngineOptions> & { storage?: StorageV1 } = {},
): { engine: WorkflowEngine; storage: StorageV1; calls: ToolCall[] } {
  const storage = options.storage ?? new MemoryStorage();
  const calls: ToolCall[] = [];
  const tools = new ToolCaller({
    tools: compiled.tools,
    pluginExecutor: (name) => {
      const executor = executors[name] as ToolExecutorV1 | undefined;
      if (executor === undefined) return undefined;
      return (input, context) => {
        calls.push({ tool: name, input, key: context.idempotencyKey });
        return executor(input as never, context);
      };
    },
  });
  const engine = new WorkflowEngine({ recoverEveryMs: 0, ...options, graph: compiled, storage, tools });
  return { engine, storage, calls };
}

/** Resolves after `ms` milliseconds. */
export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The three-step chain `a -> b -> c` of `inc` tools many durability tests share: output `{ n: input.n + 3 }`. */
export const incChain = workflow(
  'chain',
  [
    s.tool('a', 'inc', { n: ref('input', 'n') }),
    s.tool('b', 'inc', { n: ref('steps', 'a', 'output', 'n') }),
    s.tool('c', 'inc', { n: ref('steps', 'b', 'output', 'n') }),
  ],
  { output: ref('steps', 'c', 'output') },
);

/** The executor of `inc`: `{ n }` -> `{ n: n + 1 }`. */
export const incExecutors = { inc: async (input: { n: number }) => ({ n: input.n + 1 }) };
