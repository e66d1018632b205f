import { afterEach, describe, expect, it } from 'vitest';
import { weftError } from '../../../runtime/errors/create-weft-error.js';
import { WeftError } from '../../../runtime/errors/weft-error.js';
import type { RetryPolicyV1, StepV1 } from '../../../runtime/spec/v1/graph.js';
import type { ToolExecutorV1 } from '../../../runtime/spec/v1/tool-executor.js';
import type { WorkflowEngine } from '../../../runtime/workflow/workflow-engine.js';
import { createEngine, graph, pluginTool, ref, s, workflow } from './graph-builders.js';

let engines: WorkflowEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.map((engine) => engine.close(100)));
  engines = [];
});

const retry = (maxAttempts: number, extra: Partial<RetryPolicyV1> = {}): RetryPolicyV1 => ({
  maxAttempts,
  backoff: 'constant',
  delayMs: 1,
  jitter: 0,
  ...extra,
});

/** A tool that fails `failures` times with `error`, then returns `{ ok: true }`. */
function flaky(failures: number, error: () => unknown): ToolExecutorV1<never, unknown> {
  let calls = 0;
  return async () => {
    calls += 1;
    if (calls <= failures) throw error();
    return { ok: true };
  };
}

async function start(
  steps: readonly StepV1[],
  executors: Record<string, ToolExecutorV1<never, unknown>>,
  extra = {},
  defaults = {},
) {
  const tools = Object.keys(executors).map((name) => pluginTool(name));
  const created = createEngine(graph([workflow('w', steps, extra)], tools, defaults), executors);
  engines.push(created.engine);
  const outcome = await created.engine.start('w', {});
  return { ...outcome, calls: created.calls };
}

describe('retry', () => {
  const cases: [
    string,
    { policy: RetryPolicyV1; failures: number; error: () => unknown; status: string; attempts: number },
  ][] = [
    [
      'retries a retryable error until it succeeds',
      { policy: retry(3), failures: 2, error: () => new Error('flaky'), status: 'completed', attempts: 3 },
    ],
    [
      'gives up after maxAttempts',
      { policy: retry(2), failures: 5, error: () => new Error('down'), status: 'failed', attempts: 2 },
    ],
    [
      'does not retry a non-retryable error',
      {
        policy: retry(3),
        failures: 5,
        error: () => weftError('VALIDATION_FAILED'),
        status: 'failed',
        attempts: 1,
      },
    ],
    [
      'retries only the codes listed in on',
      {
        policy: retry(3, { on: ['VALIDATION_FAILED'] }),
        failures: 1,
        error: () => weftError('VALIDATION_FAILED'),
        status: 'completed',
        attempts: 2,
      },
    ],
    [
      'does not retry codes missing from on',
      {
        policy: retry(3, { on: ['TOOL_TIMEOUT'] }),
        failures: 1,
        error: () => new Error('x'),
        status: 'failed',
        attempts: 1,
      },
    ],
    [
      'backs off exponentially',
      {
        policy: retry(3, { backoff: 'exponential', maxDelayMs: 2, jitter: 1 }),
        failures: 2,
        error: () => new Error('x'),
        status: 'completed',
        attempts: 3,
      },
    ],
  ];

  it.each(cases)('%s', async (_name, { policy, failures, error, status, attempts }) => {
    const { record, journal, calls } = await start([s.tool('a', 'flaky', {}, { retry: policy })], {
      flaky: flaky(failures, error),
    });
    expect(record.status).toBe(status);
    expect(calls.map((c) => c.key)).toEqual(
      Array.from({ length: attempts }, (_, i) => `${record.id}:a:${i + 1}`),
    );
    expect(journal.filter((e) => e.path === 'a' && e.status === 'failed')).toHaveLength(
      status === 'completed' ? attempts - 1 : attempts,
    );
  });

  it('uses the workflow retries as the default policy', async () => {
    const { record, calls } = await start(
      [s.tool('a', 'flaky')],
      { flaky: flaky(1, () => new Error('x')) },
      { retries: retry(2) },
    );
    expect(record.status).toBe('completed');
    expect(calls).toHaveLength(2);
  });
});

describe('timeout', () => {
  it('fails a step that outlives its timeout with STEP_TIMEOUT and aborts its signal', async () => {
    let aborted = false;
    const slow: ToolExecutorV1<never, unknown> = (_input, ctx) =>
      new Promise((resolve) => {
        ctx.signal.addEventListener('abort', () => {
          aborted = true;
        });
        setTimeout(() => resolve({}), 200);
      });
    const { record } = await start([s.tool('a', 'slow', {}, { timeoutMs: 10 })], { slow });
    expect(record.error).toMatchObject({ code: 'STEP_TIMEOUT', step: 'a' });
    expect(aborted).toBe(true);
  });

  it('fails the run with WORKFLOW_TIMEOUT when the workflow outlives its timeout, then runs onError', async () => {
    const slow: ToolExecutorV1<never, unknown> = () =>
      new Promise((resolve) => setTimeout(() => resolve({}), 200));
    const told: unknown[] = [];
    const tell: ToolExecutorV1<never, unknown> = async (input) => {
      told.push(input);
      return {};
    };
    const onError = { steps: [s.tool('tell', 'tell', { code: ref('error', 'code') })] };
    const { record, journal } = await start(
      [s.tool('a', 'slow')],
      { slow, tell },
      { timeoutMs: 15, onError },
    );
    expect(record.status).toBe('failed');
    expect(record.error?.code).toBe('WORKFLOW_TIMEOUT');
    expect(told).toEqual([{ code: 'WORKFLOW_TIMEOUT' }]);
    expect(journal.filter((e) => e.path === 'onError/tell').map((e) => e.status)).toEqual([
      'started',
      'completed',
    ]);
  });
});

describe('catch, compensate, onError', () => {
  it('runs catch steps when a step fails; their output becomes the step output', async () => {
    const { record } = await start(
      [
        s.tool(
          'a',
          'boom',
          {},
          { catch: [s.set('fallback', { recovered: ref('error', 'code'), at: ref('error', 'step') })] },
        ),
        s.set('b', ref('steps', 'a', 'output')),
      ],
      { boom: async () => Promise.reject(weftError('TOOL_TIMEOUT')) },
    );
    expect(record.status).toBe('completed');
    expect(record.output).toEqual({ recovered: 'TOOL_TIMEOUT', at: 'a' });
  });

  it('compensates completed steps in reverse order of completion when the run fails', async () => {
    const order: string[] = [];
    const { record, journal } = await start(
      [
        s.tool('reserve', 'ok', {}, { compensate: { tool: 'undo', with: { what: 'reserve' } } }),
        s.tool(
          'charge',
          'ok',
          {},
          {
            compensate: {
              tool: 'undo',
              with: { what: 'charge', id: ref('steps', 'charge', 'output', 'id') },
            },
          },
        ),
        s.tool('ship', 'boom'),
      ],
      {
        ok: async () => ({ id: 7 }),
        boom: async () => Promise.reject(new Error('no truck')),
        undo: async (input: { what: string; id?: number }) => {
          order.push(input.id === undefined ? input.what : `${input.what}#${input.id}`);
          return {};
        },
      },
    );
    expect(record.status).toBe('failed');
    expect(record.error).toMatchObject({ code: 'TOOL_EXECUTOR_FAILED', step: 'ship' });
    expect(order).toEqual(['charge#7', 'reserve']);
    expect(journal.filter((e) => e.status === 'compensated').map((e) => e.path)).toEqual([
      'charge',
      'reserve',
    ]);
  });

  it('compensates with a sub-workflow', async () => {
    const undone: unknown[] = [];
    const undo = workflow('undo', [s.tool('log', 'record', ref('input'))]);
    const main = workflow('main', [
      s.tool(
        'reserve',
        'ok',
        {},
        { compensate: { workflow: 'undo', with: { id: ref('steps', 'reserve', 'output', 'id') } } },
      ),
      s.tool('fail', 'boom'),
    ]);
    const { engine } = createEngine(
      graph([main, undo], [pluginTool('ok'), pluginTool('boom'), pluginTool('record')]),
      {
        ok: async () => ({ id: 3 }),
        boom: async () => Promise.reject(new Error('x')),
        record: async (input: unknown) => {
          undone.push(input);
          return {};
        },
      },
    );
    engines.push(engine);
    const { record } = await engine.start('main', {});
    expect(record.status).toBe('failed');
    expect(undone).toEqual([{ id: 3 }]);
  });

  it('runs onError steps with the error in scope, and the run still fails', async () => {
    const seen: unknown[] = [];
    const { record } = await start(
      [s.tool('a', 'boom')],
      {
        boom: async () => Promise.reject(new Error('bad')),
        notify: async (input: unknown) => {
          seen.push(input);
          return {};
        },
      },
      {
        onError: {
          steps: [s.tool('tell', 'notify', { code: ref('error', 'code'), step: ref('error', 'step') })],
        },
      },
    );
    expect(record.status).toBe('failed');
    expect(seen).toEqual([{ code: 'TOOL_EXECUTOR_FAILED', step: 'a' }]);
  });
});

describe('outputs', () => {
  it('fails a step whose output is larger than the project limit with STEP_OUTPUT_TOO_LARGE', async () => {
    const { record } = await start(
      [s.tool('a', 'big')],
      { big: async () => ({ text: 'x'.repeat(200) }) },
      {},
      { stepOutputLimitBytes: 100 },
    );
    expect(record.error).toMatchObject({ code: 'STEP_OUTPUT_TOO_LARGE', step: 'a' });
  });

  it('fails a run whose output does not match the output schema', async () => {
    const { record } = await start(
      [s.set('a', { n: 'one' })],
      {},
      {
        outputSchema: { type: 'object', properties: { n: { type: 'number' } } },
      },
    );
    expect(record.error?.code).toBe('WORKFLOW_OUTPUT_INVALID');
  });

  it('rejects bad input before a run is created, with the JSON pointer of the field', async () => {
    const { engine, storage } = createEngine(
      graph([
        workflow('w', [s.set('a', 1)], {
          input: {
            type: 'object',
            required: ['order'],
            properties: { order: { type: 'object', properties: { amount: { type: 'number', minimum: 0 } } } },
          },
        }),
      ]),
      {},
    );
    engines.push(engine);
    const error = await engine.start('w', { order: { amount: -1 } }).catch((e: unknown) => e);
    expect(WeftError.isInstance(error) && error.code).toBe('VALIDATION_FAILED');
    expect(WeftError.isInstance(error) && error.details?.pointer).toBe('/order/amount');
    expect((await storage.listRuns({})).items).toHaveLength(0);
  });

  it('names an unknown workflow with a suggestion', async () => {
    const { engine } = createEngine(graph([workflow('order-approval', [])]), {});
    engines.push(engine);
    expect(() => engine.versions.current('order-aproval')).toThrow(/Did you mean "order-approval"/);
  });
});
