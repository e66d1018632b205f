/**
 * The benchmark's weft workloads (bench/workloads/project, bench/WORKLOADS.md W1-W6) compile and
 * give the right answers, run once each in process with in-memory storage. Only the manifests and
 * the step plugin are exercised: no peer, no timing, nothing from bench/node_modules.
 */
import { fileURLToPath } from 'node:url';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedAddModelV3 } from '../../bench/workloads/scripted-models.js';
import { compile } from '../../compiler/compile.js';
import { Weft } from '../../runtime/weft.js';

const projectDir = fileURLToPath(new URL('../../bench/workloads/project', import.meta.url));

describe('bench workloads', () => {
  let weft: Weft;
  const model = new ScriptedAddModelV3();

  beforeAll(async () => {
    weft = await Weft.open(projectDir, {
      storage: 'memory',
      resolveModel: () => model as unknown as LanguageModelV3,
    });
  });

  afterAll(async () => {
    await weft.close();
  });

  it('compile without errors', async () => {
    const result = await compile(projectDir);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(Object.keys(result.ok ? result.graph.workflows : {}).sort()).toEqual([
      'w1-chain-1',
      'w1-chain-50',
      'w2-fan-out',
      'w4-suspend',
      'w5-chain-10',
    ]);
  });

  it.each([
    ['W1: 50 steps in a line', 'w1-chain-50', { n: 0 }, { n: 50 }],
    ['W1: the one-step chain', 'w1-chain-1', { n: 0 }, { n: 1 }],
    ['W2: fan-out 50 and join', 'w2-fan-out', {}, { sum: 1225 }],
    ['W5: the 10-step chain', 'w5-chain-10', { n: 0 }, { n: 10 }],
  ])('%s gives the right answer', async (_name, workflow, input, want) => {
    const doc = await weft.getWorkflow(workflow).createRun().start(input);
    expect(doc.status).toBe('completed');
    expect(doc.output).toEqual(want);
  });

  it('W4: suspends, and resumed by id with { add: 10 } gives { n: 12 }', async () => {
    const workflow = weft.getWorkflow('w4-suspend');
    const suspended = await workflow.createRun().start({ n: 0 });
    expect(suspended.status).toBe('suspended');
    const done = await workflow
      .createRun({ runId: suspended.runId })
      .resume({ step: 'approve', data: { add: 10 } });
    expect(done.status).toBe('completed');
    expect(done.output).toEqual({ n: 12 });
  });

  it('W5: concurrent runs each give { n: 10 }', async () => {
    const workflow = weft.getWorkflow('w5-chain-10');
    const docs = await Promise.all(Array.from({ length: 20 }, () => workflow.createRun().start({ n: 0 })));
    expect(docs.map((doc) => doc.output)).toEqual(Array.from({ length: 20 }, () => ({ n: 10 })));
  });

  it('W3: the agent answers "The sum is 5" after exactly 2 model calls', async () => {
    model.count = 0;
    const result = await weft.getAgent('w3-agent').generate('What is 2 + 3?');
    expect(result.text).toBe('The sum is 5');
    expect(model.count).toBe(2);
  });

  it('W6a: the echo tool returns its input', async () => {
    await expect(weft.tools.get('echo').execute({ text: 'hello', n: 1 })).resolves.toEqual({
      text: 'hello',
      n: 1,
    });
  });
});
