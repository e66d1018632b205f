import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleStatement } from '../../../plugins/pglite/simple-statement.js';
import { latch } from './latch.js';

describe('simpleStatement', () => {
  let database: PGlite;
  beforeAll(async () => {
    database = await PGlite.create({ dataDir: 'memory://' });
    await database.exec('CREATE TABLE notes (text text NOT NULL)');
  });
  afterAll(async () => {
    await database.close();
  });

  it('gives the rows exec gives, typed by the same parsers', async () => {
    const sql = `SELECT 1::int AS small, 2::bigint AS big, 'a'::text AS text, '{"x":[1,null]}'::jsonb AS json,
      true AS flag, NULL::text AS nothing, ARRAY['p','q']::text[] AS list`;
    const viaExec = (await database.exec(sql))[0]?.rows;
    const rows = await simpleStatement(database, sql);
    expect(rows).toEqual(viaExec);
    expect(rows).toEqual([
      { small: 1, big: 2, text: 'a', json: { x: [1, null] }, flag: true, nothing: null, list: ['p', 'q'] },
    ]);
    expect(await simpleStatement(database, "INSERT INTO notes VALUES ('no rows')")).toEqual([]);
  });

  it("rejects with PGlite's error for a failed statement, and the database goes on working", async () => {
    const failure = await simpleStatement(database, 'SELECT * FROM no_such_table').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: '42P01', message: expect.stringContaining('no_such_table') });
    expect(await simpleStatement(database, 'SELECT 2 AS two')).toEqual([{ two: 2 }]);
  });

  it('waits for a transaction in progress and never runs inside it', async () => {
    await database.exec('DELETE FROM notes');
    const gate = latch();
    const transactionOpen = latch();
    const transaction = database
      .transaction(async (tx) => {
        await tx.exec("INSERT INTO notes VALUES ('inside')");
        transactionOpen.open();
        await gate.reached;
        throw new Error('roll back');
      })
      .catch((error: unknown) => error);
    await transactionOpen.reached;
    // Issued while the transaction is open: it must neither see nor join it.
    const outside = simpleStatement(database, "INSERT INTO notes VALUES ('outside') RETURNING text");
    let settled = false;
    void outside.then(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    gate.open();
    expect(await transaction).toBeInstanceOf(Error);
    expect(await outside).toEqual([{ text: 'outside' }]);
    expect(await simpleStatement(database, 'SELECT text FROM notes ORDER BY text')).toEqual([
      { text: 'outside' },
    ]);
  });

  it('rejects as exec does once the database is closed', async () => {
    const closed = await PGlite.create({ dataDir: 'memory://' });
    await closed.close();
    await expect(closed.exec('SELECT 1')).rejects.toThrow('PGlite is closed');
    await expect(simpleStatement(closed, 'SELECT 1')).rejects.toThrow('PGlite is closed');
  });
});
