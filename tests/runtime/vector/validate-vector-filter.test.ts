import { describe, expect, it } from 'vitest';
import { WeftError } from '../../../runtime/errors/weft-error.js';
import { parseVectorFilter } from '../../../runtime/vector/parse-vector-filter.js';
import { validateVectorFilter } from '../../../runtime/vector/validate-vector-filter.js';

const invalid: [string, { given: unknown; path: string; operator?: string; says: RegExp }][] = [
  ['a filter that is not an object', { given: 'lang = en', path: '', says: /must be an object/ }],
  ['an array as the filter', { given: [{ lang: 'en' }], path: '', says: /must be an object/ }],
  ['null as the filter', { given: null, path: '', says: /must be an object/ }],
  [
    'an unknown top-level operator',
    { given: { $nor: [] }, path: '/$nor', operator: '$nor', says: /unknown operator "\$nor"/ },
  ],
  [
    'a field operator at the top',
    { given: { $eq: 1 }, path: '/$eq', operator: '$eq', says: /field operators go inside a field/ },
  ],
  [
    'an unknown field operator',
    { given: { lang: { $like: 'e%' } }, path: '/lang/$like', operator: '$like', says: /unknown operator/ },
  ],
  [
    '$in that is not an array',
    { given: { lang: { $in: 'en' } }, path: '/lang/$in', operator: '$in', says: /array of scalars/ },
  ],
  [
    '$nin that is not an array',
    { given: { lang: { $nin: 3 } }, path: '/lang/$nin', operator: '$nin', says: /array of scalars/ },
  ],
  [
    'an object inside $in',
    { given: { lang: { $in: ['en', { x: 1 }] } }, path: '/lang/$in/1', operator: '$in', says: /an object/ },
  ],
  [
    '$and that is not an array',
    { given: { $and: { a: 1 } }, path: '/$and', operator: '$and', says: /non-empty array/ },
  ],
  ['an empty $or', { given: { $or: [] }, path: '/$or', operator: '$or', says: /non-empty array/ }],
  ['a scalar inside $and', { given: { $and: [{ a: 1 }, 2] }, path: '/$and/1', says: /must be an object/ }],
  ['$not that is not a filter', { given: { $not: [{ a: 1 }] }, path: '/$not', says: /must be an object/ }],
  [
    '$exists that is not a boolean',
    { given: { a: { $exists: 1 } }, path: '/a/$exists', operator: '$exists', says: /true or false/ },
  ],
  [
    '$gt with a boolean',
    { given: { a: { $gt: true } }, path: '/a/$gt', operator: '$gt', says: /number or a string/ },
  ],
  [
    '$lte with null',
    { given: { a: { $lte: null } }, path: '/a/$lte', operator: '$lte', says: /number or a string/ },
  ],
  ['$gte with NaN', { given: { a: { $gte: Number.NaN } }, path: '/a/$gte', operator: '$gte', says: /NaN/ }],
  [
    '$eq with Infinity',
    { given: { a: { $eq: Number.POSITIVE_INFINITY } }, path: '/a/$eq', operator: '$eq', says: /Infinity/ },
  ],
  ['$eq with an array', { given: { a: { $eq: [1] } }, path: '/a/$eq', operator: '$eq', says: /an array/ }],
  ['a field compared with an array', { given: { tags: ['a', 'b'] }, path: '/tags', says: /use \{ \$in/ }],
  [
    'a field compared with a plain object',
    { given: { author: { name: 'Ada' } }, path: '/author', says: /dotted path/ },
  ],
  ['an empty condition', { given: { a: {} }, path: '/a', says: /at least one operator/ }],
  ['an empty field name', { given: { '': 1 }, path: '/', says: /empty names/ }],
  [
    'an empty dotted segment',
    { given: { 'author..name': 1 }, path: '/author..name', says: /empty dotted segments/ },
  ],
  ['a trailing dot', { given: { 'author.': 1 }, path: '/author.', says: /empty dotted segments/ }],
  [
    'a problem deep in a combination',
    {
      given: { $or: [{ a: 1 }, { $not: { b: { $in: 1 } } }] },
      path: '/$or/1/$not/b/$in',
      operator: '$in',
      says: /array/,
    },
  ],
  [
    'a key with "/" is escaped in the pointer',
    { given: { 'a/b': { $x: 1 } }, path: '/a~1b/$x', operator: '$x', says: /unknown/ },
  ],
  [
    'a key with "~" is escaped in the pointer',
    { given: { 'a~b': { $x: 1 } }, path: '/a~0b/$x', operator: '$x', says: /unknown/ },
  ],
];

describe('validateVectorFilter', () => {
  it.each(invalid)(
    'rejects %s with VECTOR_FILTER_INVALID and its pointer',
    (_, { given, path, operator, says }) => {
      let caught: unknown;
      try {
        validateVectorFilter(given);
      } catch (error) {
        caught = error;
      }
      expect(WeftError.isInstance(caught)).toBe(true);
      const error = caught as WeftError;
      expect(error.code).toBe('VECTOR_FILTER_INVALID');
      expect(error.details).toEqual(operator === undefined ? { path } : { path, operator });
      expect(error.message).toMatch(says);
    },
  );

  const valid: [string, unknown][] = [
    ['an empty filter', {}],
    ['a scalar per field', { lang: 'en', year: 2024, draft: false, deleted: null }],
    [
      'every field operator',
      {
        a: {
          $eq: 1,
          $ne: 'x',
          $gt: 1,
          $gte: 'a',
          $lt: 2,
          $lte: 'z',
          $in: [1, 'a', null, true],
          $nin: [],
          $exists: true,
        },
      },
    ],
    [
      'nested logical operators',
      { $and: [{ $or: [{ a: 1 }, { b: 2 }] }, { $not: { c: { $exists: false } } }] },
    ],
    ['a dotted path', { 'author.name': 'Ada' }],
    ['undefined operands are ignored', { a: { $eq: 1, $ne: undefined }, b: undefined }],
  ];
  it.each(valid)('accepts %s and returns it unchanged', (_, filter) => {
    expect(validateVectorFilter(filter)).toBe(filter);
  });
});

describe('parseVectorFilter', () => {
  it('turns the shorthand into explicit conditions, and-ed, with paths and pointers', () => {
    expect(parseVectorFilter({ lang: 'en', 'author.born': { $lt: 1900, $exists: true } })).toEqual({
      kind: 'and',
      children: [
        { kind: 'condition', field: 'lang', path: ['lang'], pointer: '/lang', operator: '$eq', value: 'en' },
        {
          kind: 'and',
          children: [
            {
              kind: 'condition',
              field: 'author.born',
              path: ['author', 'born'],
              pointer: '/author.born/$lt',
              operator: '$lt',
              value: 1900,
            },
            {
              kind: 'condition',
              field: 'author.born',
              path: ['author', 'born'],
              pointer: '/author.born/$exists',
              operator: '$exists',
              value: true,
            },
          ],
        },
      ],
    });
  });

  it('returns a single condition as itself and an empty filter as an empty and', () => {
    expect(parseVectorFilter({ a: 1 })).toMatchObject({ kind: 'condition', operator: '$eq', value: 1 });
    expect(parseVectorFilter({})).toEqual({ kind: 'and', children: [] });
    expect(parseVectorFilter({ $not: { a: 1 } })).toMatchObject({
      kind: 'not',
      child: { kind: 'condition' },
    });
  });
});
