import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteStorage } from '../../../plugins/pglite/pglite-storage.js';
import { SqlParameters, vectorFilterSql } from '../../../plugins/pgvector/vector-filter-sql.js';
import type {
  VectorFilterScalarV1,
  VectorFilterV1,
  VectorMetadataV1,
} from '../../../runtime/spec/v1/vector-store.js';
import { matchesVectorFilter } from '../../../runtime/vector/match-vector-filter.js';
import { parseVectorFilter } from '../../../runtime/vector/parse-vector-filter.js';
import { seededRandom } from '../../contracts/vector-store/vector-contract-helpers.js';

/** Rows covering the semantic corners: missing, null, mixed types, arrays, nesting, code points. */
const rows: readonly (VectorMetadataV1 | undefined)[] = [
  undefined,
  {},
  { a: 1, b: 'x', c: true },
  { a: 1.0, b: 'X', c: false, d: null },
  { a: '1', b: 'é', c: null, d: [1, 'x', null] },
  { a: 2.5, b: 'xa', d: [], e: { f: 1, g: { h: 'x' } } },
  { a: -3, b: '', d: ['x', 'y', ['z']], e: { f: '1', g: 'x' } },
  { a: [1, 2], b: ['x', 'é'], e: [{ f: 1 }], 'dotted.key': 1 },
  { a: { f: 1 }, b: 'zz', c: true, e: { f: null } },
  { a: 1e21, b: '😀', d: [true, false], e: { f: [1, 5] } },
];

const fields = ['a', 'b', 'c', 'd', 'e.f', 'e.g.h', 'e.g', 'missing', 'a.f'];
const scalars: readonly VectorFilterScalarV1[] = [
  1,
  2,
  2.5,
  -3,
  1e21,
  0,
  '1',
  'x',
  'X',
  'xa',
  'é',
  '',
  '😀',
  'zz',
  true,
  false,
  null,
];
const rangeOperands: readonly (number | string)[] = [1, 2, -3, 1e21, 0.5, '1', 'x', 'X', 'é', '', 'xb', '😀'];

function randomFilter(random: () => number, depth: number): VectorFilterV1 {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const roll = random();
  if (depth > 0 && roll < 0.12)
    return { $and: [randomFilter(random, depth - 1), randomFilter(random, depth - 1)] };
  if (depth > 0 && roll < 0.24)
    return { $or: [randomFilter(random, depth - 1), randomFilter(random, depth - 1)] };
  if (depth > 0 && roll < 0.32) return { $not: randomFilter(random, depth - 1) };
  const field = pick(fields);
  const operator = pick([
    '$eq',
    '$ne',
    '$gt',
    '$gte',
    '$lt',
    '$lte',
    '$in',
    '$nin',
    '$exists',
    'shorthand',
  ] as const);
  if (operator === 'shorthand') return { [field]: pick(scalars) };
  if (operator === '$exists') return { [field]: { $exists: random() < 0.5 } };
  if (operator === '$in' || operator === '$nin') {
    return { [field]: { [operator]: Array.from({ length: Math.floor(random() * 3) }, () => pick(scalars)) } };
  }
  if (operator === '$eq' || operator === '$ne') return { [field]: { [operator]: pick(scalars) } };
  return { [field]: { [operator]: pick(rangeOperands) } };
}

describe('vectorFilterSql', () => {
  const storage = new PgliteStorage({ dataDir: 'memory://', vector: false });
  const driver = storage.sqlDriver();

  beforeAll(async () => {
    await driver.exec('CREATE TABLE filter_rows (position int PRIMARY KEY, metadata jsonb)');
    for (const [position, metadata] of rows.entries()) {
      await driver.query('INSERT INTO filter_rows VALUES ($1, $2::jsonb)', [
        position,
        metadata === undefined ? null : JSON.stringify(metadata),
      ]);
    }
  });
  afterAll(() => storage.close());

  const sqlMatches = async (filter: VectorFilterV1): Promise<number[]> => {
    const params = new SqlParameters();
    const where = vectorFilterSql(parseVectorFilter(filter), params, 'metadata');
    const found = await driver.query(
      `SELECT position FROM filter_rows WHERE ${where} ORDER BY position`,
      params.values,
    );
    return found.map((row) => Number(row.position));
  };
  const referenceMatches = (filter: VectorFilterV1): number[] =>
    rows.flatMap((metadata, position) => (matchesVectorFilter(metadata, filter) ? [position] : []));

  it('selects exactly the rows the reference matcher selects, for 400 random filters', async () => {
    const random = seededRandom(7);
    for (let attempt = 0; attempt < 400; attempt += 1) {
      const filter = randomFilter(random, 2);
      expect(await sqlMatches(filter), JSON.stringify(filter)).toEqual(referenceMatches(filter));
    }
  });

  it('passes values and field names as parameters, never in the SQL text', () => {
    const params = new SqlParameters(1);
    const sql = vectorFilterSql(
      parseVectorFilter({ "name'; DROP TABLE x; --": { $in: ["'); DELETE FROM y; --"] }, n: { $gt: 5 } }),
      params,
      'metadata',
    );
    expect(sql).not.toContain('DROP');
    expect(sql).not.toContain('DELETE');
    expect(sql).toContain('$2');
    expect(params.values).toContain("name'; DROP TABLE x; --");
  });
});
