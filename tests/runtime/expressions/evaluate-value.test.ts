import { describe, expect, it } from 'vitest';
import { type ExpressionScope, evaluateValue, resolveReference } from '../../../runtime/expressions/index.js';
import type { ValueTemplateV1 } from '../../../runtime/spec/v1/graph.js';

const scope: ExpressionScope = {
  input: { orderId: 'A1', amount: 12.5, flags: { rush: true }, items: [{ id: 'x' }, { id: 'y' }] },
  steps: { lookup: { output: { total: 42, status: null } } },
};

describe('evaluateValue', () => {
  it.each<[string, ValueTemplateV1, unknown]>([
    ['plain JSON is itself', { a: 1, b: [true, null, 'x'] }, { a: 1, b: [true, null, 'x'] }],
    ['a reference keeps its JSON type', { $ref: ['input', 'flags'] }, { rush: true }],
    ['a reference indexes arrays', { $ref: ['input', 'items', 1, 'id'] }, 'y'],
    ['a reference into a step output', { $ref: ['steps', 'lookup', 'output', 'total'] }, 42],
    ['a missing reference is undefined', { $ref: ['input', 'nope', 'deeper'] }, undefined],
    ['an index into an object is undefined', { $ref: ['input', 'flags', 0] }, undefined],
    ['inherited members are not read', { $ref: ['input', 'orderId', 'length'] }, undefined],
    ['prototype members are not read', { $ref: ['input', 'constructor'] }, undefined],
    ['CEL', { $cel: 'input.amount * 2' }, 25],
    [
      'interpolation',
      { $concat: ['order ', { $ref: ['input', 'orderId'] }, ': ', { $cel: 'steps.lookup.output.total' }] },
      'order A1: 42',
    ],
    [
      'interpolating null and missing gives empty text',
      { $concat: ['[', { $ref: ['steps', 'lookup', 'output', 'status'] }, { $ref: ['input', 'zz'] }, ']'] },
      '[]',
    ],
    [
      'interpolating an object gives JSON',
      { $concat: ['f=', { $ref: ['input', 'flags'] }] },
      'f={"rush":true}',
    ],
    ['a literal keeps $ keys', { $literal: { $ref: 'not a reference' } }, { $ref: 'not a reference' }],
    [
      'nested templates',
      { id: { $ref: ['input', 'orderId'] }, list: [{ $ref: ['input', 'amount'] }] },
      { id: 'A1', list: [12.5] },
    ],
    ['missing members are left out of objects', { a: { $ref: ['input', 'zz'] }, b: 1 }, { b: 1 }],
    ['missing elements of arrays become null', [{ $ref: ['input', 'zz'] }], [null]],
    [
      'an object with $ref and another key is plain data',
      { $ref: ['x'], other: 1 },
      { $ref: ['x'], other: 1 },
    ],
  ])('%s', (_name, template, want) => {
    expect(evaluateValue(template, scope)).toEqual(want);
  });
});

describe('resolveReference', () => {
  it('never throws on values that are not containers', () => {
    expect(resolveReference(['input', 'amount', 'x', 0], scope)).toBeUndefined();
    expect(resolveReference(['error', 'message'], {})).toBeUndefined();
  });
});
