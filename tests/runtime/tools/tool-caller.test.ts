import { describe, expect, it } from 'vitest';
import { WeftError } from '../../../runtime/errors/weft-error.js';
import type { ToolGraphV1 } from '../../../runtime/spec/v1/graph.js';
import type { ToolExecutorV1 } from '../../../runtime/spec/v1/tool-executor.js';
import { ToolCaller } from '../../../runtime/tools/tool-caller.js';

const orderSchema = {
  type: 'object',
  required: ['orderId'],
  properties: { orderId: { type: 'string' } },
  additionalProperties: false,
};

function tool(name: string, extra: Partial<ToolGraphV1> = {}): ToolGraphV1 {
  return {
    name,
    input: orderSchema,
    output: { type: 'object', required: ['total'] },
    secrets: [],
    executor: { type: 'plugin', name },
    ...extra,
  };
}

function caller(
  executors: Record<string, ToolExecutorV1>,
  tools: ToolGraphV1[],
  env: Record<string, string> = {},
): ToolCaller {
  return new ToolCaller({
    tools: Object.fromEntries(tools.map((t) => [t.name, t])),
    pluginExecutor: (name) => executors[name],
    env,
  });
}

const context = { signal: new AbortController().signal, idempotencyKey: 'r:a:1' };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return WeftError.isInstance(error) ? error.code : `not a WeftError: ${String(error)}`;
}

describe('ToolCaller', () => {
  const ok: ToolExecutorV1 = async () => ({ total: 1 });
  const cases: [
    string,
    {
      executors: Record<string, ToolExecutorV1>;
      tools: ToolGraphV1[];
      name: string;
      input: unknown;
      code: string;
    },
  ][] = [
    ['an unknown tool', { executors: {}, tools: [], name: 'nope', input: {}, code: 'TOOL_NOT_FOUND' }],
    [
      'a tool whose plugin executor is not registered',
      {
        executors: {},
        tools: [tool('lookup')],
        name: 'lookup',
        input: { orderId: 'A' },
        code: 'TOOL_NOT_FOUND',
      },
    ],
    [
      'input that does not match the schema',
      {
        executors: { lookup: ok },
        tools: [tool('lookup')],
        name: 'lookup',
        input: { orderId: 1 },
        code: 'TOOL_INPUT_INVALID',
      },
    ],
    [
      'output that does not match the schema',
      {
        executors: { lookup: async () => ({}) },
        tools: [tool('lookup')],
        name: 'lookup',
        input: { orderId: 'A' },
        code: 'TOOL_OUTPUT_INVALID',
      },
    ],
    [
      'an executor that throws',
      {
        executors: { lookup: async () => Promise.reject(new Error('down')) },
        tools: [tool('lookup')],
        name: 'lookup',
        input: { orderId: 'A' },
        code: 'TOOL_EXECUTOR_FAILED',
      },
    ],
    [
      'an executor slower than the tool timeout',
      {
        executors: { lookup: () => new Promise(() => {}) },
        tools: [tool('lookup', { timeoutMs: 10 })],
        name: 'lookup',
        input: { orderId: 'A' },
        code: 'TOOL_TIMEOUT',
      },
    ],
  ];

  it.each(cases)('refuses %s with its code', async (_name, { executors, tools, name, input, code }) => {
    expect(await codeOf(caller(executors, tools).call(name, input, context))).toBe(code);
  });

  it('reports the JSON pointer of a bad input field', async () => {
    const error = await caller({ lookup: ok }, [tool('lookup')])
      .call('lookup', {}, context)
      .catch((e: unknown) => e);
    expect(WeftError.isInstance(error) && error.details).toMatchObject({
      tool: 'lookup',
      pointer: '/orderId',
    });
  });

  it('passes the idempotency key, the signal and the declared secrets to the executor', async () => {
    let seen: unknown;
    const executor: ToolExecutorV1 = async (_input, ctx) => {
      seen = { key: ctx.idempotencyKey, secrets: ctx.secrets, aborted: ctx.signal.aborted };
      return { total: 2 };
    };
    const out = await caller({ lookup: executor }, [tool('lookup', { secrets: ['TOKEN'] })], {
      TOKEN: 't0k',
      OTHER: 'x',
    }).call('lookup', { orderId: 'A' }, context);
    expect(out).toEqual({ total: 2 });
    expect(seen).toEqual({ key: 'r:a:1', secrets: { TOKEN: 't0k' }, aborted: false });
  });
});
