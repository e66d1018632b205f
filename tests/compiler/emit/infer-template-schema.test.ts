import { describe, expect, it } from 'vitest';
import { inferTemplateSchema } from '../../../compiler/emit/infer-template-schema.js';
import type { JsonSchemaV1, ValueTemplateV1 } from '../../../runtime/spec/v1/graph.js';

const scope = {
  input: {
    type: 'object',
    required: ['orderId'],
    properties: {
      orderId: { type: 'string' },
      note: { type: 'string' },
      tags: { type: 'array', items: { type: 'string' } },
    },
  },
  steps: new Map<string, JsonSchemaV1>([
    [
      'lookup',
      {
        type: 'object',
        required: ['total'],
        properties: {
          total: { type: 'number' },
          meta: { type: 'object', additionalProperties: { type: 'integer' } },
        },
      },
    ],
  ]),
};

describe('inferTemplateSchema', () => {
  it.each<[string, ValueTemplateV1, JsonSchemaV1]>([
    ['a literal string', 'hello', { type: 'string' }],
    ['a literal number', 3, { type: 'number' }],
    ['null', null, { type: 'null' }],
    [
      'a reference to a required input field keeps its schema',
      { $ref: ['input', 'orderId'] },
      { type: 'string' },
    ],
    [
      'a reference to a step output field',
      { $ref: ['steps', 'lookup', 'output', 'total'] },
      { type: 'number' },
    ],
    [
      'a reference through additionalProperties',
      { $ref: ['steps', 'lookup', 'output', 'meta', 'x'] },
      { type: 'integer' },
    ],
    ['an array element', { $ref: ['input', 'tags', 0] }, { type: 'string' }],
    ['an unknown step is unconstrained', { $ref: ['steps', 'nope', 'output'] }, {}],
    ['an unknown property is unconstrained', { $ref: ['input', 'missing'] }, {}],
    ['CEL is unconstrained', { $cel: 'input.amount * 2' }, {}],
    [
      'interpolation is a string',
      { $concat: ['order ', { $ref: ['input', 'orderId'] }] },
      { type: 'string' },
    ],
    ['a $literal object is an object', { $literal: { $x: 1 } }, { type: 'object' }],
    ['index and iteration are integers', { $ref: ['index'] }, { type: 'integer' }],
    ['error.message is a string', { $ref: ['error', 'message'] }, { type: 'string' }],
  ])('%s', (_name, template, want) => {
    expect(inferTemplateSchema(template, scope)).toEqual(want);
  });

  it('builds a closed object whose optional references are not required', () => {
    const template = { id: { $ref: ['input', 'orderId'] }, note: { $ref: ['input', 'note'] }, fixed: true };
    expect(inferTemplateSchema(template, scope)).toEqual({
      type: 'object',
      additionalProperties: false,
      required: ['fixed', 'id'],
      properties: { fixed: { type: 'boolean' }, id: { type: 'string' }, note: { type: 'string' } },
    });
  });
});
