import type {
  VectorFilterV1,
  VectorMetadataV1,
  VectorRecordV1,
} from '../../../runtime/spec/v1/vector-store.js';
import type { VectorCapability } from './vector-contract-helpers.js';

/**
 * One filter case: the filter, the ids it must select from `filterRecords`, the capabilities it
 * needs and, when a needed `filter:*` capability is missing, the operators the store's
 * `VECTOR_FILTER_UNSUPPORTED` error may name.
 *
 * @example
 * const row: FilterCase = { name: '$eq', filter: { genre: 'drama' }, want: ['r1', 'r3'] };
 */
export interface FilterCase {
  readonly name: string;
  readonly filter: VectorFilterV1;
  readonly want: readonly string[];
  readonly needs?: readonly VectorCapability[];
  readonly operators?: readonly string[];
}

const everyId = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7'];

/**
 * The records the filter cases select from (dimension 4), without the array-valued (`tags`) or
 * nested (`author`) fields a store lacking `metadata:array` or `metadata:nested` cannot hold.
 * r6 has no metadata; r7's `year` is a string.
 *
 * @example
 * await store.upsert({ index, vectors: filterRecords(['metadata:nested']) });
 */
export function filterRecords(unsupported: readonly VectorCapability[]): VectorRecordV1[] {
  const arrays = !unsupported.includes('metadata:array');
  const nested = !unsupported.includes('metadata:nested');
  const rows: [string, VectorMetadataV1 | undefined, { tags?: string[]; author?: VectorMetadataV1 }][] = [
    [
      'r1',
      { genre: 'drama', year: 1999, rating: 4.5, draft: false },
      { tags: ['classic', 'award'], author: { name: 'Ada', born: 1815 } },
    ],
    [
      'r2',
      { genre: 'comedy', year: 2005, rating: 3, draft: true },
      { tags: ['family'], author: { name: 'Grace' } },
    ],
    [
      'r3',
      { genre: 'drama', year: 2012, rating: 2.5 },
      { tags: ['indie'], author: { name: 'Alan', born: 1912 } },
    ],
    ['r4', { genre: 'horror', year: 2020, draft: false }, { tags: ['award'] }],
    ['r5', { genre: 'Drama', year: 2024, rating: 5, draft: false }, {}],
    ['r6', undefined, {}],
    ['r7', { genre: 'sci-fi', year: '2001', rating: 4 }, {}],
  ];
  return rows.map(([id, metadata, extra], position) => {
    const full: Record<string, VectorMetadataV1[string]> = { ...metadata };
    if (arrays && extra.tags !== undefined) full.tags = extra.tags;
    if (nested && extra.author !== undefined) full.author = extra.author;
    const vector = [1, (position + 1) * 0.125, 0.5, -0.25];
    return metadata === undefined ? { id, vector } : { id, vector, metadata: full };
  });
}

/**
 * Every filter operator and combination, with the ids each must select.
 *
 * @example
 * for (const row of filterCases) console.log(row.name, row.want);
 */
export const filterCases: readonly FilterCase[] = [
  { name: 'an empty filter matches everything', filter: {}, want: everyId },
  { name: '{ field: value } means $eq', filter: { genre: 'drama' }, want: ['r1', 'r3'] },
  { name: '$eq on a string is case-sensitive', filter: { genre: { $eq: 'Drama' } }, want: ['r5'] },
  { name: '$eq on a number', filter: { year: 2005 }, want: ['r2'] },
  { name: '$eq on a float', filter: { rating: 4.5 }, want: ['r1'] },
  { name: '$eq on a boolean', filter: { draft: false }, want: ['r1', 'r4', 'r5'] },
  { name: '$eq never equates a number and a string', filter: { year: 2001 }, want: [] },
  { name: '$eq on a string that looks like a number', filter: { year: '2001' }, want: ['r7'] },
  {
    name: '$ne matches other values and missing fields',
    filter: { genre: { $ne: 'drama' } },
    want: ['r2', 'r4', 'r5', 'r6', 'r7'],
  },
  {
    name: '$ne on a boolean matches missing fields',
    filter: { draft: { $ne: true } },
    want: ['r1', 'r3', 'r4', 'r5', 'r6', 'r7'],
  },
  { name: '$gt on numbers ignores strings', filter: { year: { $gt: 2005 } }, want: ['r3', 'r4', 'r5'] },
  { name: '$gte', filter: { year: { $gte: 2005 } }, want: ['r2', 'r3', 'r4', 'r5'] },
  { name: '$lt', filter: { rating: { $lt: 3 } }, want: ['r3'] },
  { name: '$lte', filter: { rating: { $lte: 3 } }, want: ['r2', 'r3'] },
  {
    name: 'two operators on one field are and-ed',
    filter: { year: { $gte: 2000, $lt: 2020 } },
    want: ['r2', 'r3'],
  },
  { name: '$in on strings', filter: { genre: { $in: ['comedy', 'horror'] } }, want: ['r2', 'r4'] },
  { name: '$in on numbers', filter: { year: { $in: [1999, 2024] } }, want: ['r1', 'r5'] },
  { name: '$in with an empty list matches nothing', filter: { genre: { $in: [] } }, want: [] },
  {
    name: '$nin matches other values and missing fields',
    filter: { genre: { $nin: ['drama', 'comedy'] } },
    want: ['r4', 'r5', 'r6', 'r7'],
  },
  {
    name: '$exists: true',
    filter: { rating: { $exists: true } },
    want: ['r1', 'r2', 'r3', 'r5', 'r7'],
    needs: ['filter:$exists'],
  },
  {
    name: '$exists: false',
    filter: { draft: { $exists: false } },
    want: ['r3', 'r6', 'r7'],
    needs: ['filter:$exists'],
  },
  {
    name: '$eq: null matches missing fields',
    filter: { rating: null },
    want: ['r4', 'r6'],
    needs: ['filter:$exists'],
    operators: ['$eq', '$exists'],
  },
  {
    name: '$gt on strings compares code points',
    filter: { genre: { $gt: 'drama' } },
    want: ['r4', 'r7'],
    needs: ['filter:string-range'],
    operators: ['$gt'],
  },
  {
    name: '$lte on strings',
    filter: { genre: { $lte: 'comedy' } },
    want: ['r2', 'r5'],
    needs: ['filter:string-range'],
    operators: ['$lte'],
  },
  { name: 'several fields are and-ed', filter: { genre: 'drama', year: { $gt: 2000 } }, want: ['r3'] },
  { name: '$and', filter: { $and: [{ genre: 'drama' }, { rating: { $gte: 3 } }] }, want: ['r1'] },
  { name: '$or', filter: { $or: [{ genre: 'comedy' }, { year: { $gte: 2020 } }] }, want: ['r2', 'r4', 'r5'] },
  {
    name: '$or inside $and',
    filter: { $and: [{ $or: [{ genre: 'drama' }, { genre: 'horror' }] }, { draft: false }] },
    want: ['r1', 'r4'],
  },
  {
    name: '$not',
    filter: { $not: { genre: 'drama' } },
    want: ['r2', 'r4', 'r5', 'r6', 'r7'],
    needs: ['filter:$not'],
  },
  {
    name: '$not of an $or',
    filter: { $not: { $or: [{ genre: 'drama' }, { year: { $lt: 2010 } }] } },
    want: ['r4', 'r5', 'r6', 'r7'],
    needs: ['filter:$not'],
  },
  {
    name: 'an array field matches $eq on any element',
    filter: { tags: 'award' },
    want: ['r1', 'r4'],
    needs: ['metadata:array'],
  },
  {
    name: 'an array field matches $in on any element',
    filter: { tags: { $in: ['family', 'classic'] } },
    want: ['r1', 'r2'],
    needs: ['metadata:array'],
  },
  {
    name: 'an array field matches $ne when no element is equal',
    filter: { tags: { $ne: 'award' } },
    want: ['r2', 'r3', 'r5', 'r6', 'r7'],
    needs: ['metadata:array'],
  },
  {
    name: 'a dotted path names a nested field',
    filter: { 'author.name': 'Ada' },
    want: ['r1'],
    needs: ['metadata:nested'],
  },
  {
    name: 'a range on a nested field',
    filter: { 'author.born': { $lt: 1900 } },
    want: ['r1'],
    needs: ['metadata:nested'],
  },
  {
    name: '$exists on a nested field',
    filter: { 'author.born': { $exists: true } },
    want: ['r1', 'r3'],
    needs: ['metadata:nested', 'filter:$exists'],
  },
];

/**
 * Filters `validateVectorFilter` rejects, each with the JSON pointer it must report.
 *
 * @example
 * for (const row of malformedFilters) await expect(store.query({ ..., filter: row.filter })).rejects.toThrow();
 */
export const malformedFilters: readonly { readonly filter: unknown; readonly path: string }[] = [
  { filter: { genre: { $like: 'dr%' } }, path: '/genre/$like' },
  { filter: { genre: { $in: 'drama' } }, path: '/genre/$in' },
  { filter: { $and: { genre: 'drama' } }, path: '/$and' },
  { filter: { rating: { $exists: 'yes' } }, path: '/rating/$exists' },
  { filter: { year: { $gt: true } }, path: '/year/$gt' },
  { filter: { '': 'x' }, path: '/' },
  { filter: { $or: [{ genre: 'a' }, { year: { $lt: [1] } }] }, path: '/$or/1/year/$lt' },
];
