import { compileSchema } from './schema-validator.js';
import { toJsonSchema } from './tool-schema.js';

/** One problem of a tool definition: which field, and what is wrong. */
export interface ToolProblem {
  readonly path: string;
  readonly message: string;
}

/** The result of `validateTool`: every problem, not just the first. */
export interface ToolValidation {
  readonly valid: boolean;
  readonly problems: readonly ToolProblem[];
}

const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * Checks a tool definition (what `createTool` takes, or a tool it made) and reports every
 * problem: the name (letters, digits, `.`, `_`, `-`), a description, an input schema that is a
 * JSON Schema of an object (or a zod 4 schema), an output schema that compiles, an executor
 * function, a positive timeout.
 *
 * @example
 * validateTool({ name: 'bad name', schema: 42 }).problems.map((p) => p.path); // ['name', 'description', 'schema', 'executor']
 */
export function validateTool(tool: unknown): ToolValidation {
  const problems: ToolProblem[] = [];
  if (typeof tool !== 'object' || tool === null) {
    return { valid: false, problems: [{ path: '', message: 'a tool must be an object' }] };
  }
  const t = tool as Record<string, unknown>;
  if (typeof t.name !== 'string' || !namePattern.test(t.name)) {
    problems.push({
      path: 'name',
      message: 'must be 1-128 letters, digits, ".", "_" or "-", starting with a letter or digit',
    });
  }
  if (typeof t.description !== 'string' || t.description.trim() === '') {
    problems.push({ path: 'description', message: 'must be a non-empty string (models choose tools by it)' });
  }
  const input = 'inputSchema' in t ? t.inputSchema : t.schema;
  checkSchema(problems, 'schema', input, 'input', true);
  const output = 'inputSchema' in t ? t.outputSchema : t.outputSchema;
  if (output !== undefined) checkSchema(problems, 'outputSchema', output, 'output', false);
  const executor = 'inputSchema' in t ? undefined : t.executor;
  if (!('inputSchema' in t) && typeof executor !== 'function') {
    problems.push({ path: 'executor', message: 'must be a function (input, context) => output' });
  }
  if (
    t.timeoutMs !== undefined &&
    !(typeof t.timeoutMs === 'number' && Number.isInteger(t.timeoutMs) && t.timeoutMs > 0)
  ) {
    problems.push({ path: 'timeoutMs', message: 'must be a positive integer (milliseconds)' });
  }
  return { valid: problems.length === 0, problems };
}

function checkSchema(
  problems: ToolProblem[],
  path: string,
  value: unknown,
  io: 'input' | 'output',
  mustBeObject: boolean,
): void {
  if (value === undefined) {
    problems.push({ path, message: 'is required' });
    return;
  }
  const result = toJsonSchema(value, io);
  if ('problem' in result) {
    problems.push({ path, message: result.problem });
    return;
  }
  if (mustBeObject && result.schema.type !== 'object') {
    problems.push({
      path,
      message: 'must describe an object (`type: object`): tool inputs are named arguments',
    });
  }
  try {
    compileSchema(result.schema);
  } catch (error) {
    problems.push({
      path,
      message: `is not a valid JSON Schema: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}
