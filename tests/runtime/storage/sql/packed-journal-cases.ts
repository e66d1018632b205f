import { beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntryV1 } from '../../../../runtime/spec/v1/storage.js';
import { writeJournalEntries } from '../../../../runtime/storage/sql/journal-group-commit.js';
import { packJournal } from '../../../../runtime/storage/sql/journal-insert-sql.js';
import { runMigrations, storageMigrations } from '../../../../runtime/storage/sql/migrations.js';
import { journalEntryJson } from '../../../../runtime/storage/sql/row-mappers.js';
import { runUpdateBatchStatement } from '../../../../runtime/storage/sql/run-update-batch-statement.js';
import { RunUpdateGroupCommit } from '../../../../runtime/storage/sql/run-update-group-commit.js';
import { runUpdateStatement } from '../../../../runtime/storage/sql/run-update-statement.js';
import type { SqlDriver } from '../../../../runtime/storage/sql/sql-driver.js';
import { SqlStorage } from '../../../../runtime/storage/sql/sql-storage.js';

/** A `weft_journal` row as schema versions 1 and 2 stored it; `output`/`error` are jsonb texts. */
interface OldRow {
  readonly seq: number;
  readonly runId: string;
  readonly path: string;
  readonly attempt: number;
  readonly status: JournalEntryV1['status'];
  readonly output?: string;
  readonly error?: string;
  readonly startedAt: number;
  readonly endedAt?: number;
}

const entry = (
  runId: string,
  path: string,
  status: JournalEntryV1['status'],
  extra: Partial<JournalEntryV1> = {},
): JournalEntryV1 => ({ runId, path, attempt: 1, status, startedAt: 1, ...extra });

/**
 * Old rows and the entries `getJournal` returned for them before migration 3 (SQL NULL is an
 * absent key, a jsonb `null` a `null` value). Objects in outputs and errors keep jsonb's key order
 * (shorter keys first), so a migrated entry's text can be compared with the writer's.
 */
const rowsOfEveryVersion: readonly OldRow[] = [
  {
    seq: 1,
    runId: 'r1',
    path: 'fetch',
    attempt: 1,
    status: 'completed',
    output: '{"n": 1}',
    startedAt: 1700000000000,
    endedAt: 1700000000002,
  },
  {
    seq: 2,
    runId: 'r1',
    path: 'nothing',
    attempt: 1,
    status: 'completed',
    output: 'null',
    startedAt: 3,
    endedAt: 4,
  },
  {
    seq: 3,
    runId: 'r1',
    path: 'nested',
    attempt: 1,
    status: 'completed',
    output: '{"a": null, "list": [null, {"b": null}]}',
    startedAt: 5,
    endedAt: 6,
  },
  {
    seq: 4,
    runId: 'r1',
    path: 'squares[0]/"quoted" é\n',
    attempt: 2,
    status: 'failed',
    error: '{"code": "X", "message": "no \\"way\\""}',
    startedAt: 7,
    endedAt: 8,
  },
  { seq: 5, runId: 'r2', path: 'other', attempt: 1, status: 'started', startedAt: 9 },
  { seq: 6, runId: 'r1', path: 'waiting', attempt: 1, status: 'started', startedAt: 10 },
];

const journalOfEveryVersion: readonly JournalEntryV1[] = [
  entry('r1', 'fetch', 'completed', { output: { n: 1 }, startedAt: 1700000000000, endedAt: 1700000000002 }),
  entry('r1', 'nothing', 'completed', { output: null, startedAt: 3, endedAt: 4 }),
  entry('r1', 'nested', 'completed', {
    output: { a: null, list: [null, { b: null }] },
    startedAt: 5,
    endedAt: 6,
  }),
  entry('r1', 'squares[0]/"quoted" é\n', 'failed', {
    attempt: 2,
    error: { code: 'X', message: 'no "way"' },
    startedAt: 7,
    endedAt: 8,
  }),
  entry('r1', 'waiting', 'started', { startedAt: 10 }),
];

const migrationCases: readonly [
  string,
  { from: number; given: readonly OldRow[]; want: Readonly<Record<string, readonly JournalEntryV1[]>> },
][] = [
  [
    'version 1 (one row per key)',
    {
      from: 1,
      given: rowsOfEveryVersion,
      want: { r1: journalOfEveryVersion, r2: [entry('r2', 'other', 'started', { startedAt: 9 })] },
    },
  ],
  [
    'version 2 (append-only: a key written twice, rows stored out of seq order)',
    {
      from: 2,
      given: [
        // Stored before the rows it follows: the journal is ordered by seq, not by storage.
        {
          seq: 900,
          runId: 'r1',
          path: 'waiting',
          attempt: 1,
          status: 'completed',
          output: '"done"',
          startedAt: 10,
          endedAt: 11,
        },
        ...rowsOfEveryVersion,
      ],
      want: {
        r1: journalOfEveryVersion.map((old) =>
          old.path === 'waiting' ? { ...old, status: 'completed', output: 'done', endedAt: 11 } : old,
        ),
        r2: [entry('r2', 'other', 'started', { startedAt: 9 })],
      },
    },
  ],
];

/** Statements that write journal entries: alone, and as the `WITH` clause of run updates. */
const journalWriters: readonly [
  string,
  (driver: SqlDriver, entries: readonly JournalEntryV1[]) => Promise<void>,
][] = [
  ['a journal append', writeJournalEntries],
  [
    'a run update',
    async (driver, entries) => {
      const { sql, params } = runUpdateStatement('no-such-run', { updatedAt: 1 }, undefined, entries);
      await driver.query(sql, params);
    },
  ],
  [
    'a batch of run updates',
    async (driver, entries) => {
      const updates = ['no-such-run', 'nor-this-one'].map((runId) => ({ runId, patch: { updatedAt: 1 } }));
      const { sql, params } = runUpdateBatchStatement(updates, packJournal(entries));
      await driver.query(sql, params);
    },
  ],
  [
    'group-committed run updates',
    async (driver, entries) => {
      // One update per run, each with that run's entries, all in one write (COPY on PGlite from 32 runs).
      const byRun = new Map<string, JournalEntryV1[]>();
      for (const entry of entries) byRun.set(entry.runId, [...(byRun.get(entry.runId) ?? []), entry]);
      const updates = new RunUpdateGroupCommit(driver);
      await Promise.all(
        [...byRun].map(([runId, journal]) => updates.update({ runId, patch: { updatedAt: 1 } }, journal)),
      );
    },
  ],
];

/**
 * Run ids (and outputs) that COPY's text format must escape, or that quoting and JSON must keep:
 * tabs, newlines, carriage returns, backslashes, the `\.` end marker, quotes, non-ASCII, empty.
 */
const awkwardIds = [
  'tab\there',
  'new\nline',
  'carriage\rreturn',
  'back\\slash',
  '\\.',
  '\\N',
  'a\u001eb',
  '"quoted"',
  "it's",
  '🙂 ünï',
  '',
];

const weftTables = [
  'weft_migrations',
  'weft_graphs',
  'weft_runs',
  'weft_runs_unfinished',
  'weft_journal',
  'weft_threads',
  'weft_messages',
  'weft_kv',
];

async function count(driver: SqlDriver, where = 'TRUE'): Promise<number> {
  const rows = await driver.query(`SELECT count(*)::int AS n FROM weft_journal WHERE ${where}`);
  return Number(rows[0]?.n);
}

/**
 * The packed journal (schema version 3 and later) over one SQL driver: migrating older journals, and what
 * the writer stores. Each test starts from an empty database (the weft tables dropped).
 *
 * @example
 * describePackedJournal('pglite', () => driver);
 */
export function describePackedJournal(name: string, driverOf: () => SqlDriver): void {
  describe(`packed journal rows (${name})`, () => {
    beforeEach(async () => {
      await driverOf().exec(`DROP TABLE IF EXISTS ${weftTables.join(', ')} CASCADE`);
    });

    it.each(migrationCases)(
      'opens a journal of schema %s at the current version with the same entries',
      async (_, { from, given, want }) => {
        const driver = driverOf();
        await runMigrations(driver, storageMigrations.slice(0, from));
        for (const row of given)
          await driver.query(
            `INSERT INTO weft_journal (seq, run_id, path, attempt, status, output, error, started_at, ended_at)
             VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9)`,
            [
              row.seq,
              row.runId,
              row.path,
              row.attempt,
              row.status,
              row.output ?? null,
              row.error ?? null,
              row.startedAt,
              row.endedAt ?? null,
            ],
          );
        const storage = new SqlStorage(driver);
        await storage.init();
        expect(await runMigrations(driver)).toEqual([]);
        for (const [runId, journal] of Object.entries(want))
          expect(await storage.getJournal(runId), runId).toStrictEqual(journal);
        expect(await count(driver)).toBe(given.length);
      },
    );

    it('migrates each old row to the entry text the writer produces', async () => {
      const driver = driverOf();
      await runMigrations(driver, storageMigrations.slice(0, 2));
      for (const row of rowsOfEveryVersion)
        await driver.query(
          `INSERT INTO weft_journal (run_id, path, attempt, status, output, error, started_at, ended_at)
           VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8)`,
          [
            row.runId,
            row.path,
            row.attempt,
            row.status,
            row.output ?? null,
            row.error ?? null,
            row.startedAt,
            row.endedAt ?? null,
          ],
        );
      await runMigrations(driver);
      const rows = await driver.query("SELECT entries FROM weft_journal WHERE run_id = 'r1' ORDER BY seq");
      // jsonb's text has spaces after `:` and `,`; parsing and printing again removes only those.
      expect(rows.map((row) => JSON.stringify(JSON.parse(String(row.entries))))).toEqual(
        journalOfEveryVersion.map((written) => `[${journalEntryJson(written)}]`),
      );
    });

    it('appends after migrated rows: a new state of a migrated key wins, at its old position', async () => {
      const driver = driverOf();
      await runMigrations(driver, storageMigrations.slice(0, 2));
      await driver.query(
        `INSERT INTO weft_journal (seq, run_id, path, attempt, status, started_at)
         VALUES (1000, 'r1', 'a', 1, 'started', 1), (1001, 'r1', 'b', 1, 'started', 2)`,
      );
      const storage = new SqlStorage(driver);
      await storage.init();
      await storage.appendJournal([
        entry('r1', 'a', 'completed', { output: 1, endedAt: 3 }),
        entry('r1', 'c', 'started'),
      ]);
      expect(await storage.getJournal('r1')).toStrictEqual([
        entry('r1', 'a', 'completed', { output: 1, endedAt: 3 }),
        entry('r1', 'b', 'started', { startedAt: 2 }),
        entry('r1', 'c', 'started'),
      ]);
    });

    it.each(journalWriters)('writes one row per run for %s of many runs', async (_, write) => {
      const driver = driverOf();
      await new SqlStorage(driver).init();
      const runIds = Array.from({ length: 40 }, (_, index) => `many-${index}`);
      // The engine's shape: each run's previous step completed, its next step started.
      await write(
        driver,
        runIds.flatMap((runId) => [
          entry(runId, 'a', 'completed', { output: { runId }, endedAt: 2 }),
          entry(runId, 'b', 'started', { startedAt: 2 }),
        ]),
      );
      expect(await count(driver)).toBe(runIds.length);
      const storage = new SqlStorage(driver);
      for (const runId of runIds)
        expect(await storage.getJournal(runId)).toStrictEqual([
          entry(runId, 'a', 'completed', { output: { runId }, endedAt: 2 }),
          entry(runId, 'b', 'started', { startedAt: 2 }),
        ]);
    });

    it.each(journalWriters)(
      'keeps each of many runs apart for %s, whatever its id and output hold',
      async (_, write) => {
        const driver = driverOf();
        const storage = new SqlStorage(driver);
        await storage.init();
        const runIds = [...awkwardIds, ...Array.from({ length: 40 }, (_, index) => `plain-${index}`)];
        const written = (runId: string) => [
          entry(runId, 'a', 'completed', { output: { text: `${runId}\t${runId}\n\\.` }, endedAt: 2 }),
          entry(runId, 'b\tc', 'started', { startedAt: 2 }),
        ];
        await write(driver, runIds.flatMap(written));
        for (const runId of runIds)
          expect(await storage.getJournal(runId), JSON.stringify(runId)).toStrictEqual(written(runId));
        expect(await count(driver)).toBe(runIds.length);
        const rows = await driver.query('SELECT run_id FROM weft_journal ORDER BY seq');
        expect(rows.map((row) => row.run_id)).toEqual(runIds);
      },
    );

    it('keeps the entries of one run in one statement in the given order, interleaved with other runs', async () => {
      const driver = driverOf();
      const storage = new SqlStorage(driver);
      await storage.init();
      await writeJournalEntries(driver, [
        entry('r1', 'b', 'started'),
        entry('r2', 'x', 'started'),
        entry('r1', 'a', 'started'),
        entry('r1', 'b', 'completed', { output: null, endedAt: 2 }),
        entry('r2', 'x', 'failed', { error: { code: 'E', message: 'boom' }, endedAt: 3 }),
      ]);
      expect(await count(driver)).toBe(2);
      expect(await storage.getJournal('r1')).toStrictEqual([
        entry('r1', 'b', 'completed', { output: null, endedAt: 2 }),
        entry('r1', 'a', 'started'),
      ]);
      expect(await storage.getJournal('r2')).toStrictEqual([
        entry('r2', 'x', 'failed', { error: { code: 'E', message: 'boom' }, endedAt: 3 }),
      ]);
    });

    it('stores the runs of one statement in the order of their first entry, whatever their ids', async () => {
      const driver = driverOf();
      await new SqlStorage(driver).init();
      const runIds = ['2', '10', '1', 'run "quoted" ü', 'a\\b'];
      await writeJournalEntries(
        driver,
        runIds.map((runId) => entry(runId, 'a', 'started')),
      );
      const rows = await driver.query('SELECT run_id FROM weft_journal ORDER BY seq');
      expect(rows.map((row) => row.run_id)).toEqual(runIds);
    });

    it('changes nothing a reader sees when the same statement is written again (a retry)', async () => {
      const driver = driverOf();
      const storage = new SqlStorage(driver);
      await storage.init();
      await writeJournalEntries(driver, [entry('r1', 'a', 'started'), entry('r2', 'a', 'started')]);
      const batch = [
        entry('r1', 'a', 'completed', { output: [1], endedAt: 2 }),
        entry('r1', 'b', 'started', { startedAt: 2 }),
        entry('r1', 'b', 'completed', { startedAt: 2, output: null, endedAt: 3 }),
        entry('r2', 'a', 'failed', { error: { code: 'E', message: 'boom' }, endedAt: 2 }),
      ];
      await writeJournalEntries(driver, batch);
      const once = [await storage.getJournal('r1'), await storage.getJournal('r2')];
      await writeJournalEntries(driver, batch);
      expect([await storage.getJournal('r1'), await storage.getJournal('r2')]).toStrictEqual(once);
      expect(once).toStrictEqual([
        [
          entry('r1', 'a', 'completed', { output: [1], endedAt: 2 }),
          entry('r1', 'b', 'completed', { startedAt: 2, output: null, endedAt: 3 }),
        ],
        [entry('r2', 'a', 'failed', { error: { code: 'E', message: 'boom' }, endedAt: 2 })],
      ]);
    });

    it('keeps each run apart whatever its id holds: separators, quotes, backslashes, non-ASCII', async () => {
      const driver = driverOf();
      const storage = new SqlStorage(driver);
      await storage.init();
      const ids = ['a\u001eb', 'c\u001fd', '"quoted"', 'back\\slash', '🙂 ünï', "it's", ''];
      await writeJournalEntries(
        driver,
        ids.map((runId, index) => entry(runId, `step-${index}`, 'completed', { output: { text: runId } })),
      );
      for (const [index, runId] of ids.entries())
        expect(await storage.getJournal(runId), JSON.stringify(runId)).toStrictEqual([
          entry(runId, `step-${index}`, 'completed', { output: { text: runId } }),
        ]);
      expect(await count(driver)).toBe(ids.length);
    });

    it('writes nothing for an empty batch', async () => {
      const driver = driverOf();
      const storage = new SqlStorage(driver);
      await storage.init();
      await writeJournalEntries(driver, []);
      expect(await count(driver)).toBe(0);
    });
  });
}
