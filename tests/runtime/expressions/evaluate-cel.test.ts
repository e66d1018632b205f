import { describe, expect, it } from 'vitest';
import { WeftError } from '../../../runtime/errors/weft-error.js';
import {
  celCheckEnvironment,
  celEnvironment,
  type ExpressionScope,
  evaluateCel,
  evaluateCondition,
} from '../../../runtime/expressions/index.js';

const scope: ExpressionScope = {
  input: { amount: 2.5, count: 3, name: 'Ada', tags: ['a', 'b'], n: 4 },
  steps: {
    squares: { output: [{ value: 1 }, { value: 4 }, { value: 9 }] },
    half: { output: { value: 0.5 } },
  },
  item: { id: 7 },
  index: 2,
  iteration: 1,
};

function failure(run: () => unknown): WeftError {
  try {
    run();
  } catch (error) {
    if (WeftError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a WeftError');
}

describe('evaluateCel', () => {
  it.each([
    ['integral numbers are ints', 'input.count + 1', 4],
    ['a double times an int is a double', 'input.amount * 2', 5],
    ['an int times a double is a double', 'input.count * 0.5', 1.5],
    ['int division of ints truncates', 'input.count / 2', 1],
    ['int over double divides exactly', 'input.count / 2.0', 1.5],
    ['sum() of a mapped list', 'sum(steps.squares.output.map(s, s.value))', 14],
    ['list.sum() method form', 'steps.squares.output.map(s, s.value).sum()', 14],
    ['sum of doubles', 'sum([0.5, 0.25])', 0.75],
    ['sum of mixed ints and doubles', 'sum([1, steps.half.output.value])', 1.5],
    ['sum of an empty list', 'sum([])', 0],
    ['range gives a..b-1', 'range(1, input.n + 1)', [1, 2, 3, 4]],
    ['an empty range', 'range(3, 3)', []],
    ['size of a list', 'size(input.tags)', 2],
    ['string concatenation', '"hi " + input.name', 'hi Ada'],
    ['maps become plain objects', '{"total": input.count, "who": input.name}', { total: 3, who: 'Ada' }],
    ['mixed lists', '[1, "a", 2.5]', [1, 'a', 2.5]],
    ['item and index', 'item.id * 10 + index', 72],
    ['iteration', 'iteration == 1', true],
    ['has() on a missing field', 'has(input.missing)', false],
    ['timestamps become ISO strings', 'timestamp("2024-01-01T00:00:00Z")', '2024-01-01T00:00:00.000Z'],
    ['null', 'null', null],
  ] as const)('%s: %s', (_name, source, want) => {
    expect(evaluateCel(source, scope)).toEqual(want);
  });

  it.each([
    ['a syntax error', 'input.count +', /failed/],
    ['a missing key', 'input.missing + 1', /No such key/],
    ['a range over the limit', 'range(0, 100001)', /more than 100000/],
    ['an undeclared variable', 'unknown_root + 1', /failed/],
    ['a non-finite result', '1.0 / 0.0', /not a JSON number/],
  ])('fails with EXPRESSION_FAILED on %s', (_name, source, message) => {
    const error = failure(() => evaluateCel(source, scope));
    expect(error.code).toBe('EXPRESSION_FAILED');
    expect(error.message).toMatch(message);
    expect(error.details).toMatchObject({ expression: source });
  });

  it('gives the same result when evaluated twice (cached program)', () => {
    expect(evaluateCel('input.count * 2', scope)).toBe(6);
    expect(evaluateCel('input.count * 2', { input: { count: 5 } })).toBe(10);
  });
});

describe('evaluateCondition', () => {
  it.each([
    ['input.count > 2', true],
    ['input.amount > 3', false],
    ['input.count == 3.0', true],
    ['"a" in input.tags', true],
  ])('%s is %s', (source, want) => {
    expect(evaluateCondition(source, scope)).toBe(want);
  });

  it('refuses a condition that is not a boolean', () => {
    const error = failure(() => evaluateCondition('input.count', scope));
    expect(error.code).toBe('EXPRESSION_FAILED');
    expect(error.message).toContain('not a boolean');
  });
});

describe('celEnvironment', () => {
  it('declares every root and the weft functions', () => {
    const environment = celEnvironment();
    for (const root of ['input', 'steps', 'item', 'index', 'iteration', 'error', 'resume', 'response']) {
      expect(environment.hasVariable(root)).toBe(true);
    }
    expect(environment.check('sum(range(0, 3))')).toMatchObject({ valid: true, type: 'double' });
  });

  it('type-checks with typed variables for the compiler', () => {
    const environment = celCheckEnvironment({ input: 'map<string, dyn>', item: 'int' });
    expect(environment.check('item + 1')).toMatchObject({ valid: true, type: 'int' });
    expect(environment.check('item * 1.5')).toMatchObject({ valid: true, type: 'double' });
    expect(environment.check('item + "x"').valid).toBe(false);
    expect(environment.check('steps.a').valid).toBe(false);
  });
});

describe('evaluateCel over a run that advances', () => {
  it('sees a step added to the same steps record after an earlier evaluation', () => {
    const steps: Record<string, { output: unknown }> = { first: { output: { n: 1 } } };
    expect(evaluateCel('steps.first.output.n + 1', { steps })).toBe(2);
    steps.second = { output: { values: [{ v: 2 }, { v: 3 }] } };
    expect(evaluateCel('steps.second.output.values.map(x, x.v).sum()', { steps })).toBe(5);
  });
});
