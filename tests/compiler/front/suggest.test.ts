import { describe, expect, it } from 'vitest';
import { editDistance, suggest } from '../../../compiler/suggest.js';

describe('suggest', () => {
  it.each([
    ['retyr', ['retry', 'timeout', 'when'], 'retry'],
    ['timout', ['retry', 'timeout'], 'timeout'],
    ['Workflo', ['Project', 'Workflow', 'Tool'], 'Workflow'],
    ['workflow', ['Project', 'Workflow'], 'Workflow'],
    ['GTE', ['GET', 'POST'], 'GET'],
    ['descr', ['description', 'id'], 'description'],
    ['zzz', ['retry', 'timeout'], undefined],
    ['x', ['y'], 'y'],
    ['retry', ['retry'], undefined],
    ['abc', [], undefined],
  ] as const)('%s among %j -> %s', (word, candidates, want) => {
    expect(suggest(word, candidates)).toBe(want);
  });

  it.each([
    ['retyr', 'retry', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['Same', 'same', 0],
  ] as const)('editDistance(%s, %s) = %i', (a, b, want) => {
    expect(editDistance(a, b)).toBe(want);
  });
});
