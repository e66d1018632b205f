import { weftError } from '../errors/create-weft-error.js';
import type { JsonSchemaV1, ToolGraphV1 } from '../spec/v1/graph.js';
import type { ToolExecutorV1 } from '../spec/v1/tool-executor.js';
import { Tool } from './tool.js';
import { ToolCaller } from './tool-caller.js';
import { type ToolSchemaInput, toJsonSchema } from './tool-schema.js';
import { validateTool } from './validate-tool.js';

/** What `createTool` takes. */
export interface CreateToolConfig<Input, Output> {
  readonly name: string;
  readonly description: string;
  /** The input schema: zod 4 or JSON Schema (an object). */
  readonly schema: ToolSchemaInput<Input>;
  /** The output schema: zod 4 or JSON Schema; absent = any JSON. */
  readonly outputSchema?: ToolSchemaInput<Output>;
  readonly executor: ToolExecutorV1<Input, Output>;
  readonly timeoutMs?: number;
  /** Environment variables handed to the executor as `context.secrets` (and masked). */
  readonly secrets?: readonly string[];
}

/**
 * Builds a code-first tool, checked by `validateTool` (`TOOL_DEFINITION_INVALID` listing every
 * problem). The tool runs on its own (`tool.execute(input)`), or is added to a project with
 * `weft.addTool(tool)` (then `weft.getTool(name)` runs it with the project's events).
 *
 * @example
 * const add = createTool({
 *   name: 'add', description: 'Adds two numbers.',
 *   schema: z.object({ a: z.number(), b: z.number() }),
 *   outputSchema: z.object({ sum: z.number() }),
 *   executor: async ({ a, b }) => ({ sum: a + b }),
 * });
 * await add.execute({ a: 1, b: 2 }); // { sum: 3 }
 */
export function createTool<Input = unknown, Output = unknown>(
  config: CreateToolConfig<Input, Output>,
): CodeTool<Input, Output> {
  const { valid, problems } = validateTool(config);
  if (!valid) {
    throw weftError('TOOL_DEFINITION_INVALID', {
      message: `The tool "${String(config.name)}" is invalid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`,
      details: { tool: config.name, problems },
    });
  }
  const graph: ToolGraphV1 = {
    name: config.name,
    description: config.description,
    input: schemaOf(config.schema, 'input'),
    output: config.outputSchema === undefined ? {} : schemaOf(config.outputSchema, 'output'),
    secrets: config.secrets ?? [],
    executor: { type: 'plugin', name: config.name },
    ...(config.timeoutMs === undefined ? {} : { timeoutMs: config.timeoutMs }),
  };
  const executor = config.executor as ToolExecutorV1;
  const caller = new ToolCaller({ tools: {}, pluginExecutor: () => undefined });
  caller.define(graph, executor);
  return Object.assign(new Tool<Input, Output>(graph, caller), { rawExecutor: executor });
}

/** A tool made by `createTool`: it also carries the executor it was given, to add it elsewhere. */
export type CodeTool<Input = unknown, Output = unknown> = Tool<Input, Output> & {
  readonly rawExecutor: ToolExecutorV1;
};

function schemaOf(value: unknown, io: 'input' | 'output'): JsonSchemaV1 {
  const result = toJsonSchema(value, io);
  return 'schema' in result ? result.schema : {};
}
