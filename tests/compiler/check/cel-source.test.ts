import { describe, expect, it } from 'vitest';
import { celSource } from '../../../compiler/expressions/cel-source.js';
import type { CheckScope } from '../../../compiler/expressions/check-scope.js';
import { evaluateCondition } from '../../../runtime/expressions/index.js';

const scope: CheckScope = {
  roots: {},
  steps: new Map([
    ['check-stock', {}],
    ['plain', {}],
  ]),
  allSteps: new Map([['later-step', { containers: [] }]]),
};

describe('celSource', () => {
  it.each([
    ['a dashed step id', 'steps.check-stock.output.ok', 'steps["check-stock"].output.ok'],
    [
      'a dashed id later in the workflow',
      'steps.later-step.output.n > 1',
      'steps["later-step"].output.n > 1',
    ],
    ['subtraction after a known id', 'steps.plain.output.n-1 > 0', 'steps.plain.output.n-1 > 0'],
    ['a minus between a known id and a name', 'steps.check-stock-x', 'steps["check-stock"]-x'],
    ['text inside a string literal', '"steps.check-stock" == input.s', '"steps.check-stock" == input.s'],
    ['an unknown dashed id (left for the checker to report)', 'steps.no-such.output', 'steps.no-such.output'],
    ['a member named steps', 'input.steps.check-stock', 'input.steps.check-stock'],
  ])('%s', (_name, source, want) => {
    expect(celSource(source, scope)).toBe(want);
  });

  it('gives a source the runtime evaluates', () => {
    const source = celSource('steps.check-stock.output.ok && true', scope);
    expect(evaluateCondition(source, { steps: { 'check-stock': { output: { ok: true } } } })).toBe(true);
  });
});
