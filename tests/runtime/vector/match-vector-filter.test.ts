import { describe, expect, it } from 'vitest';
import type { VectorFilterV1, VectorMetadataV1 } from '../../../runtime/spec/v1/vector-store.js';
import { matchesVectorFilter } from '../../../runtime/vector/match-vector-filter.js';

const metadata: VectorMetadataV1 = {
  lang: 'en',
  year: 2024,
  rating: 4.5,
  draft: false,
  deleted: null,
  tags: ['ai', 'db', 3, null, ['nested']],
  author: { name: 'Ada', born: 1815, links: { site: 'x' } },
  emptyList: [],
  title: 'éclair',
};

const cases: [string, { filter: VectorFilterV1; want: boolean }][] = [
  ['shorthand $eq on a string', { filter: { lang: 'en' }, want: true }],
  ['$eq is type-strict', { filter: { year: '2024' }, want: false }],
  ['$eq on a float', { filter: { rating: 4.5 }, want: true }],
  ['$eq on a boolean', { filter: { draft: false }, want: true }],
  ['$eq: null matches a missing field', { filter: { missing: null }, want: true }],
  ['$eq: null matches a null field', { filter: { deleted: null }, want: true }],
  ['$eq: null does not match a present field', { filter: { lang: null }, want: false }],
  ['$ne matches a missing field', { filter: { missing: { $ne: 'x' } }, want: true }],
  ['$ne matches a null field', { filter: { deleted: { $ne: 'x' } }, want: true }],
  ['$ne does not match an equal value', { filter: { lang: { $ne: 'en' } }, want: false }],
  ['$ne: null matches a present field', { filter: { lang: { $ne: null } }, want: true }],
  ['$in matches one of its items', { filter: { lang: { $in: ['fr', 'en'] } }, want: true }],
  ['$in: [] matches nothing', { filter: { lang: { $in: [] } }, want: false }],
  ['$in with null matches a missing field', { filter: { missing: { $in: [null, 'x'] } }, want: true }],
  ['$nin matches a missing field', { filter: { missing: { $nin: ['x'] } }, want: true }],
  ['$nin: [] matches everything', { filter: { lang: { $nin: [] } }, want: true }],
  ['$nin does not match a listed value', { filter: { lang: { $nin: ['en'] } }, want: false }],
  ['$gt on numbers', { filter: { year: { $gt: 2023 } }, want: true }],
  ['$gte on the bound', { filter: { year: { $gte: 2024 } }, want: true }],
  ['$lt on the bound', { filter: { year: { $lt: 2024 } }, want: false }],
  ['$lte on the bound', { filter: { year: { $lte: 2024 } }, want: true }],
  ['a number range never matches a string', { filter: { lang: { $gt: 0 } }, want: false }],
  ['a string range never matches a number', { filter: { year: { $gt: '0' } }, want: false }],
  ['a string range never matches a boolean', { filter: { draft: { $lt: 'z' } }, want: false }],
  ['strings compare by code point: upper case sorts first', { filter: { lang: { $gt: 'EN' } }, want: true }],
  ['strings compare by code point: é after z', { filter: { title: { $gt: 'zzz' } }, want: true }],
  ['a range on a missing field', { filter: { missing: { $lt: 10 } }, want: false }],
  ['$exists: true on a present field', { filter: { lang: { $exists: true } }, want: true }],
  ['$exists: true on a null field', { filter: { deleted: { $exists: true } }, want: false }],
  ['$exists: false on a missing field', { filter: { missing: { $exists: false } }, want: true }],
  ['$exists: true on an empty array', { filter: { emptyList: { $exists: true } }, want: true }],
  ['$exists: true on an object', { filter: { author: { $exists: true } }, want: true }],
  ['an array matches $eq on any element', { filter: { tags: 'db' }, want: true }],
  ['an array matches a number element', { filter: { tags: 3 }, want: true }],
  ['an array never matches a nested array element', { filter: { tags: 'nested' }, want: false }],
  ['an array matches $in on any element', { filter: { tags: { $in: ['x', 'ai'] } }, want: true }],
  ['an array matches $ne only when no element is equal', { filter: { tags: { $ne: 'ai' } }, want: false }],
  ['an array matches a range on any element', { filter: { tags: { $gt: 2 } }, want: true }],
  ['an array with a null element is not null', { filter: { tags: null }, want: false }],
  ['an empty array equals nothing', { filter: { emptyList: { $in: ['a'] } }, want: false }],
  ['a dotted path reaches a nested field', { filter: { 'author.name': 'Ada' }, want: true }],
  ['a dotted path reaches two levels down', { filter: { 'author.links.site': 'x' }, want: true }],
  [
    'a dotted path through a scalar is missing',
    { filter: { 'lang.length': { $exists: false } }, want: true },
  ],
  ['a dotted path never steps into an array', { filter: { 'tags.0': 'ai' }, want: false }],
  ['an object never equals a scalar', { filter: { author: 'Ada' }, want: false }],
  ['several fields are and-ed', { filter: { lang: 'en', year: 2023 }, want: false }],
  ['two operators on a field are and-ed', { filter: { year: { $gt: 2000, $lt: 2030 } }, want: true }],
  ['$and', { filter: { $and: [{ lang: 'en' }, { draft: true }] }, want: false }],
  ['$or', { filter: { $or: [{ lang: 'fr' }, { draft: false }] }, want: true }],
  ['$not', { filter: { $not: { lang: 'en' } }, want: false }],
  ['$not of a missing field test', { filter: { $not: { missing: 1 } }, want: true }],
  ['$not of an empty filter', { filter: { $not: {} }, want: false }],
  ['an empty filter', { filter: {}, want: true }],
];

describe('matchesVectorFilter', () => {
  it.each(cases)('%s', (_, { filter, want }) => {
    expect(matchesVectorFilter(metadata, filter)).toBe(want);
  });

  it('treats missing metadata as an empty object', () => {
    expect(matchesVectorFilter(undefined, { lang: { $ne: 'en' } })).toBe(true);
    expect(matchesVectorFilter(undefined, { lang: 'en' })).toBe(false);
  });

  it('validates the filter first', () => {
    expect(() => matchesVectorFilter(metadata, { lang: { $like: 'e' } } as never)).toThrow(
      /unknown operator/,
    );
  });
});
