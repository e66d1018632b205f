import { afterEach, describe, expect, it } from 'vitest';
import type { StepV1, WorkflowGraphV1 } from '../../../runtime/spec/v1/graph.js';
import type { WorkflowEngine } from '../../../runtime/workflow/workflow-engine.js';
import { createEngine, graph, pluginTool, ref, s, workflow } from './graph-builders.js';

const tools = [pluginTool('double'), pluginTool('echo')];
const executors = {
  double: async (input: { n: number }) => ({ n: input.n * 2 }),
  echo: async (input: unknown) => input,
};

let engines: WorkflowEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.map((engine) => engine.close(100)));
  engines = [];
});

async function runOnce(steps: readonly StepV1[], input: unknown, extra: Partial<WorkflowGraphV1> = {}) {
  const { engine, calls } = createEngine(graph([workflow('w', steps, extra)], tools), executors);
  engines.push(engine);
  await engine.open();
  const { record, journal } = await engine.start('w', input);
  return { record, journal, calls };
}

describe('step kinds', () => {
  const cases: [string, { steps: StepV1[]; input: unknown; output: unknown }][] = [
    [
      'a tool step returns the tool output',
      { steps: [s.tool('a', 'double', { n: ref('input', 'n') })], input: { n: 21 }, output: { n: 42 } },
    ],
    [
      'steps see the outputs of earlier steps',
      {
        steps: [
          s.tool('a', 'double', { n: ref('input', 'n') }),
          s.tool('b', 'double', { n: ref('steps', 'a', 'output', 'n') }),
        ],
        input: { n: 1 },
        output: { n: 4 },
      },
    ],
    [
      'a set step gives its value',
      { steps: [s.set('v', { total: { $cel: 'input.n + 1' } })], input: { n: 1 }, output: { total: 2 } },
    ],
    [
      'a switch runs the first matching case',
      {
        steps: [
          s.switch(
            'd',
            [
              { when: 'input.n > 10', steps: [s.set('big', 'big')] },
              { when: 'input.n > 0', steps: [s.set('small', 'small')] },
            ],
            [s.set('none', 'none')],
          ),
        ],
        input: { n: 5 },
        output: 'small',
      },
    ],
    [
      'a switch falls back to default',
      {
        steps: [
          s.switch('d', [{ when: 'input.n > 10', steps: [s.set('big', 'big')] }], [s.set('none', 'none')]),
        ],
        input: { n: 0 },
        output: 'none',
      },
    ],
    [
      'a switch with no match and no default gives null',
      { steps: [s.switch('d', [{ when: 'false', steps: [s.set('x', 1)] }])], input: {}, output: null },
    ],
    [
      'parallel all merges branch outputs by branch id',
      {
        steps: [s.parallel('p', 'all', { left: [s.set('l', 1)], right: [s.tool('r', 'double', { n: 2 })] })],
        input: {},
        output: { left: 1, right: { n: 4 } },
      },
    ],
    [
      'foreach gives outputs by index',
      {
        steps: [
          s.foreach('sq', 'input.numbers', [s.tool('square', 'double', { n: ref('item') })], {
            concurrency: 2,
          }),
        ],
        input: { numbers: [1, 2, 3] },
        output: [{ n: 2 }, { n: 4 }, { n: 6 }],
      },
    ],
    [
      'foreach keeps the items passing the filter',
      {
        steps: [s.foreach('sq', 'input.numbers', [s.set('v', ref('index'))], { filter: 'item > 1' })],
        input: { numbers: [1, 2, 3] },
        output: [1, 2],
      },
    ],
    [
      'a loop runs until its condition holds',
      {
        steps: [
          s.loop('poll', [s.set('check', { i: ref('iteration') })], { until: 'steps.check.output.i >= 2' }),
        ],
        input: {},
        output: { i: 2 },
      },
    ],
    [
      'a loop runs while its condition holds',
      {
        steps: [s.loop('poll', [s.set('check', { i: ref('iteration') })], { while: 'iteration < 3' })],
        input: {},
        output: { i: 2 },
      },
    ],
    [
      'a step whose when is false is skipped with output null',
      { steps: [s.set('a', 1), s.set('b', 2, { when: 'input.go' })], input: { go: false }, output: null },
    ],
  ];

  it.each(cases)('%s', async (_name, { steps, input, output }) => {
    const { record } = await runOnce(steps, input);
    expect(record.status).toBe('completed');
    expect(record.output).toEqual(output);
  });

  it('merges foreach results by index, not by completion order', async () => {
    const { engine } = createEngine(
      graph(
        [
          workflow('w', [
            s.foreach('each', 'input.waits', [s.tool('t', 'wait', { ms: ref('item') })], { concurrency: 3 }),
          ]),
        ],
        [pluginTool('wait')],
      ),
      {
        wait: (input: { ms: number }) =>
          new Promise((resolve) => setTimeout(() => resolve({ ms: input.ms }), input.ms)),
      },
    );
    engines.push(engine);
    const { record } = await engine.start('w', { waits: [30, 20, 10] });
    expect(record.output).toEqual([{ ms: 30 }, { ms: 20 }, { ms: 10 }]);
  });

  it('maps the workflow output and journals every step path', async () => {
    const { record, journal } = await runOnce(
      [
        s.foreach('sq', 'input.numbers', [s.tool('square', 'double', { n: ref('item') })]),
        s.loop('poll', [s.set('check', 1)], { until: 'iteration >= 1' }),
      ],
      { numbers: [1, 2] },
      { output: { squares: ref('steps', 'sq', 'output') } },
    );
    expect(record.output).toEqual({ squares: [{ n: 2 }, { n: 4 }] });
    const completed = journal.filter((e) => e.status === 'completed').map((e) => e.path);
    expect(completed).toEqual(
      expect.arrayContaining([
        'sq[0]/square',
        'sq[1]/square',
        'sq',
        'poll[0]/check',
        'poll[1]/check',
        'poll',
      ]),
    );
  });

  it('fails a loop that reaches maxIterations with LOOP_LIMIT_EXCEEDED', async () => {
    const { record } = await runOnce(
      [s.loop('poll', [s.set('check', 1)], { until: 'false', maxIterations: 3 })],
      {},
    );
    expect(record.status).toBe('failed');
    expect(record.error).toMatchObject({ code: 'LOOP_LIMIT_EXCEEDED', step: 'poll' });
  });

  it('race returns the first branch to finish and aborts the others', async () => {
    let loserAborted = false;
    const { engine } = createEngine(
      graph(
        [
          workflow('w', [
            s.parallel('p', 'race', { fast: [s.tool('f', 'fast')], slow: [s.tool('sl', 'slow')] }),
          ]),
        ],
        [pluginTool('fast'), pluginTool('slow')],
      ),
      {
        fast: async () => ({ v: 'fast' }),
        slow: (_input: never, ctx) =>
          new Promise((resolve) => {
            ctx.signal.addEventListener('abort', () => {
              loserAborted = true;
              resolve({ v: 'slow' });
            });
          }),
      },
    );
    engines.push(engine);
    const { record } = await engine.start('w', {});
    expect(record.output).toEqual({ branch: 'fast', output: { v: 'fast' } });
    expect(loserAborted).toBe(true);
  });

  it('an agent step without an agent executor fails with AGENT_EXECUTOR_MISSING', async () => {
    const { record } = await runOnce([s.agent('draft', 'support', 'Hello {{input.name}}')], { name: 'Ada' });
    expect(record.error).toMatchObject({ code: 'AGENT_EXECUTOR_MISSING', step: 'draft' });
  });

  it('an agent step renders its prompt and calls the agent executor', async () => {
    const prompts: string[] = [];
    const { engine } = createEngine(
      graph([workflow('w', [s.agent('draft', 'support', 'Hello {{input.name}}')])]),
      {},
      {
        executors: {
          agent: {
            specificationVersion: 'v1',
            generate: async (agent, request) => {
              prompts.push(
                `${agent}: ${request.prompt} (${request.idempotencyKey.split(':').slice(1).join(':')})`,
              );
              return { text: 'hi' };
            },
          },
        },
      },
    );
    engines.push(engine);
    const { record } = await engine.start('w', { name: 'Ada' });
    expect(record.output).toEqual({ text: 'hi' });
    expect(prompts).toEqual(['support: Hello Ada (draft:1)']);
  });
});
