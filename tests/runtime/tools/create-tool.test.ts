import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { z as z3 } from 'zod/v3';
import { ToolError } from '../../../runtime/errors/tool-error.js';
import { ValidationError } from '../../../runtime/errors/validation-error.js';
import { WeftError } from '../../../runtime/errors/weft-error.js';
import { createTool } from '../../../runtime/tools/create-tool.js';
import type { ToolEventMap } from '../../../runtime/tools/tool-events.js';
import { validateTool } from '../../../runtime/tools/validate-tool.js';

async function failure(promise: Promise<unknown>): Promise<WeftError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!WeftError.isInstance(error)) throw new Error(`expected a WeftError, got ${String(error)}`);
  return error;
}

const add = createTool({
  name: 'add',
  description: 'Adds two numbers.',
  schema: z.object({ a: z.number(), b: z.number().describe('the second number') }),
  outputSchema: z.object({ sum: z.number() }),
  executor: async ({ a, b }) => ({ sum: a + b }),
});

describe('createTool', () => {
  it('runs a zod tool through execute, and keeps the raw executor', async () => {
    expect(await add.execute({ a: 1, b: 2 })).toEqual({ sum: 3 });
    const context = {
      idempotencyKey: 'k',
      signal: new AbortController().signal,
      logger: console,
      secrets: {},
    };
    expect(await add.executor({ a: 2, b: 2 }, context)).toEqual({ sum: 4 });
    expect(add.inputSchema).toMatchObject({ type: 'object', required: ['a', 'b'] });
  });

  it('a bad input is a ValidationError naming the field, and the executor is not called', async () => {
    let calls = 0;
    const tool = createTool({
      name: 'count',
      description: 'Counts.',
      schema: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } },
      executor: () => {
        calls += 1;
        return {};
      },
    });
    const error = await failure(tool.execute({ n: 'x' } as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect([error.code, error.details?.pointer]).toEqual(['TOOL_INPUT_INVALID', '/n']);
    expect(error.message).toContain('/n');
    expect(calls).toBe(0);
  });

  const failing: [string, Parameters<typeof createTool>[0]['executor'], number | undefined, string][] = [
    ['throws', () => Promise.reject(new Error('kaput')), undefined, 'TOOL_EXECUTOR_FAILED'],
    ['hangs past its timeout', () => new Promise(() => {}), 50, 'TOOL_TIMEOUT'],
    ['returns a bad output', () => ({ sum: 'many' }), undefined, 'TOOL_OUTPUT_INVALID'],
  ];
  it.each(failing)('an executor that %s is a ToolError %s', async (_, executor, timeoutMs, code) => {
    const tool = createTool({
      name: 'broken',
      description: 'Broken.',
      schema: z.object({}),
      outputSchema: z.object({ sum: z.number() }),
      executor,
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });
    const error = await failure(tool.execute({}));
    expect(error).toBeInstanceOf(ToolError);
    expect(error.code).toBe(code);
    if (code === 'TOOL_EXECUTOR_FAILED') expect((error.cause as Error).message).toBe('kaput');
  });

  it('emits tool:start and tool:complete with input, output and duration; tool:error on failure', async () => {
    const seen: { event: string; payload: unknown }[] = [];
    const record =
      <E extends keyof ToolEventMap>(event: E) =>
      (payload: ToolEventMap[E]) =>
        seen.push({ event, payload });
    add.on('tool:start', record('tool:start'));
    add.on('tool:complete', record('tool:complete'));
    add.on('tool:error', record('tool:error'));
    await add.execute({ a: 1, b: 1 });
    await add.execute({ a: 1 } as never).catch(() => undefined);
    expect(seen.map((s) => s.event)).toEqual(['tool:start', 'tool:complete', 'tool:start', 'tool:error']);
    expect(seen[1]?.payload).toMatchObject({ tool: 'add', input: { a: 1, b: 1 }, output: { sum: 2 } });
    expect(seen[1]?.payload).toMatchObject({ durationMs: expect.any(Number) });
    expect(seen[3]?.payload).toMatchObject({ tool: 'add', error: { code: 'TOOL_INPUT_INVALID' } });
  });

  it('refuses an invalid definition with every problem listed', () => {
    expect(() =>
      createTool({ name: 'bad name', description: '', schema: { type: 'string' }, executor: () => 1 }),
    ).toThrow(expect.objectContaining({ code: 'TOOL_DEFINITION_INVALID' }));
  });
});

describe('validateTool', () => {
  const cases: [string, unknown, string[]][] = [
    [
      'a valid JSON Schema tool',
      { name: 'ok', description: 'd', schema: { type: 'object' }, executor: () => 1 },
      [],
    ],
    ['a tool made by createTool', add, []],
    [
      'nothing right',
      { name: 'a b', schema: 42, timeoutMs: -1 },
      ['name', 'description', 'schema', 'executor', 'timeoutMs'],
    ],
    [
      'a non-object input',
      { name: 'x', description: 'd', schema: z.string(), executor: () => 1 },
      ['schema'],
    ],
    [
      'a broken JSON Schema',
      { name: 'x', description: 'd', schema: { type: 'object', minProperties: 'two' }, executor: () => 1 },
      ['schema'],
    ],
  ];
  it.each(cases)('%s', (_, tool, paths) => {
    const result = validateTool(tool);
    expect(result.problems.map((p) => p.path)).toEqual(paths);
    expect(result.valid).toBe(paths.length === 0);
  });

  it('takes zod 3 schemas (zod/v3) through zod-to-json-schema, validating input and output', async () => {
    const tool = createTool({
      name: 'legacy',
      description: 'A tool written against zod 3.',
      schema: z3.object({ orderId: z3.string(), quantity: z3.number().int().optional() }),
      outputSchema: z3.object({ ok: z3.boolean() }),
      executor: async (input) => ({ ok: input.orderId.length > 0 }),
    });
    expect(validateTool(tool).valid).toBe(true);
    expect(await tool.execute({ orderId: 'o-1' })).toEqual({ ok: true });
    await expect(tool.execute({ orderId: 1 } as unknown as { orderId: string })).rejects.toMatchObject({
      code: 'TOOL_INPUT_INVALID',
    });
    await expect(tool.execute({ orderId: 'o-1', quantity: 1.5 })).rejects.toMatchObject({
      code: 'TOOL_INPUT_INVALID',
    });
  });
});
