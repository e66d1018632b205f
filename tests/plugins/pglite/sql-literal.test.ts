import { afterAll, describe, expect, it } from 'vitest';
import { sqlLiteral } from '../../../plugins/pglite/sql-literal.js';
import { latch } from './latch.js';
import { memoryPgliteDrivers } from './memory-drivers.js';

describe('sqlLiteral', () => {
  const cases: [string, { given: unknown; want: string | undefined }][] = [
    ['a string', { given: 'abc', want: "'abc'" }],
    ['a quote', { given: "it's", want: "'it''s'" }],
    ['a backslash, kept as it is', { given: 'a\\b', want: "'a\\b'" }],
    ['an integer', { given: 42, want: "'42'" }],
    ['a fraction', { given: -1.5, want: "'-1.5'" }],
    ['a bigint', { given: 2n ** 63n - 1n, want: "'9223372036854775807'" }],
    ['a boolean', { given: false, want: "'false'" }],
    ['null', { given: null, want: 'NULL' }],
    ['undefined', { given: undefined, want: 'NULL' }],
    ['an array with a null', { given: ['a', null, 'b'], want: `'{"a",NULL,"b"}'` }],
    ['an array element with quotes and backslashes', { given: ['x"y\\z'], want: `'{"x\\"y\\\\z"}'` }],
    ['an empty array', { given: [], want: "'{}'" }],
    ['a nested array', { given: [[1, 2], [3]], want: `'{{"1","2"},{"3"}}'` }],
    ['an object: bound instead', { given: { a: 1 }, want: undefined }],
    ['an array holding an object: bound instead', { given: [{ a: 1 }], want: undefined }],
    ['NaN: bound instead', { given: Number.NaN, want: undefined }],
    ['a date: bound instead', { given: new Date(0), want: undefined }],
  ];
  it.each(cases)('writes %s', (_, { given, want }) => {
    expect(sqlLiteral(given)).toBe(want);
  });
});

describe.each(memoryPgliteDrivers)('PGlite prepared statements, %s (EXECUTE with literals)', (_, open) => {
  const driver = open();
  afterAll(() => driver.close());
  const prepared = { prepare: true } as const;
  const tricky = [
    "'; DROP TABLE kept; --",
    "it''s",
    'back\\slash \\',
    '"quoted" {braces}, commas',
    'line\nbreak\ttab',
    'ünïcödé 🙂 漢字',
    '',
    '$1 $$ dollar $$',
  ];

  it.each(tricky)('returns a string parameter exactly as given: %j', async (value) => {
    await driver.exec('CREATE TABLE IF NOT EXISTS kept (id int)');
    const rows = await driver.query(
      'SELECT $1::text AS value, $2::text[] AS list',
      [value, [value, null, value]],
      prepared,
    );
    expect(rows).toEqual([{ value, list: [value, null, value] }]);
    expect(await driver.query("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'kept'")).toEqual([
      { n: 1 },
    ]);
  });

  it('gives the same rows prepared and bound, with numbers, booleans, nulls and RETURNING', async () => {
    await driver.exec('CREATE TABLE items (id text PRIMARY KEY, n bigint, flag boolean, doc jsonb)');
    const insert =
      'INSERT INTO items (id, n, flag, doc) VALUES ($1, $2, $3, $4::jsonb) RETURNING id, n, flag, doc';
    const first = await driver.query(insert, ['a', 7, true, '{"k":"v\'"}'], prepared);
    const second = await driver.query(insert, ['b', null, false, null]);
    expect(first).toEqual([{ id: 'a', n: 7, flag: true, doc: { k: "v'" } }]);
    expect(second).toEqual([{ id: 'b', n: null, flag: false, doc: null }]);
    const select = 'SELECT id FROM items WHERE id = ANY($1::text[]) ORDER BY id';
    expect(await driver.query(select, [['a', 'b']], prepared)).toEqual(
      await driver.query(select, [['a', 'b']]),
    );
  });

  it('prepares a hot statement once and executes it by name afterwards', async () => {
    const sql = 'SELECT $1::int + $2::int AS sum';
    for (const n of [1, 2, 3]) expect(await driver.query(sql, [n, 10], prepared)).toEqual([{ sum: n + 10 }]);
    const statements = await driver.query(
      'SELECT name, statement FROM pg_prepared_statements WHERE statement LIKE $1',
      ['%AS sum'],
    );
    expect(statements).toEqual([
      {
        name: expect.stringMatching(/^weft_\d+$/),
        statement: `PREPARE ${String(statements[0]?.name)} AS ${sql}`,
      },
    ]);
  });

  it('reports a failing prepared statement as STORAGE_FAILED naming the statement, not EXECUTE', async () => {
    await driver.exec('CREATE TABLE IF NOT EXISTS unique_ids (id text PRIMARY KEY)');
    const sql = 'INSERT INTO unique_ids (id) VALUES ($1)';
    await driver.query(sql, ['same'], prepared);
    const failure = await driver.query(sql, ['same'], prepared).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 'STORAGE_FAILED', details: { statement: sql } });
  });

  it('runs a hot statement prepared inside a transaction, and keeps it prepared after a rollback', async () => {
    await driver.exec('CREATE TABLE IF NOT EXISTS tx_items (id text PRIMARY KEY)');
    const insert = 'INSERT INTO tx_items (id) VALUES ($1) RETURNING id';
    const rolledBack = await driver
      .transaction(async (tx) => {
        expect(await tx.query(insert, ['gone'], prepared)).toEqual([{ id: 'gone' }]);
        throw new Error('roll back');
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(rolledBack).toMatchObject({ code: 'STORAGE_FAILED' });
    await driver.transaction((tx) => tx.query(insert, ['kept'], prepared));
    expect(await driver.query('SELECT id FROM tx_items ORDER BY id')).toEqual([{ id: 'kept' }]);
    expect(
      await driver.query('SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE $1', [
        '%INSERT INTO tx_items%',
      ]),
    ).toEqual([{ n: 1 }]);
  });

  it('runs a hot statement issued while a transaction is open after it, never inside it', async () => {
    await driver.exec('CREATE TABLE IF NOT EXISTS tx_notes (text text)');
    const insert = 'INSERT INTO tx_notes (text) VALUES ($1) RETURNING text';
    await driver.query(insert, ['warm-up'], prepared);
    const gate = latch();
    const transactionOpen = latch();
    const transaction = driver
      .transaction(async (tx) => {
        await tx.query(insert, ['inside'], prepared);
        transactionOpen.open();
        await gate.reached;
        throw new Error('roll back');
      })
      .catch((error: unknown) => error);
    await transactionOpen.reached;
    const outside = driver.query(insert, ['outside'], prepared);
    gate.open();
    expect(await transaction).toMatchObject({ code: 'STORAGE_FAILED' });
    expect(await outside).toEqual([{ text: 'outside' }]);
    expect(await driver.query('SELECT text FROM tx_notes ORDER BY text')).toEqual([
      { text: 'outside' },
      { text: 'warm-up' },
    ]);
  });

  it('runs as usual what SQL PREPARE refuses (a utility statement)', async () => {
    expect(await driver.query('SHOW standard_conforming_strings', [], prepared)).toEqual([
      { standard_conforming_strings: 'on' },
    ]);
  });

  it('binds a parameter that has no literal form (an object)', async () => {
    const rows = await driver.query('SELECT $1::jsonb AS doc', [{ a: 1 }], prepared);
    expect(rows).toEqual([{ doc: { a: 1 } }]);
  });
});
