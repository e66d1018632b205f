import type { SqlDriver } from './sql-driver.js';

/**
 * One schema change, applied once and recorded in `weft_migrations`.
 *
 * @example
 * const migration: SqlMigration = { version: 2, name: 'runs tags', sql: 'ALTER TABLE weft_runs ADD COLUMN tags jsonb' };
 */
export interface SqlMigration {
  readonly version: number;
  readonly name: string;
  /** Several statements separated by `;`. */
  readonly sql: string;
}

/**
 * The storage schema, in order. Never edit an applied migration: append a new one.
 * Ids use the `C` collation so SQL ordering matches JavaScript string ordering (cursors).
 *
 * @example
 * storageMigrations.at(-1)?.version; // the current schema version
 */
export const storageMigrations: readonly SqlMigration[] = [
  {
    version: 1,
    name: 'runs, journal, graphs, threads, messages, kv',
    sql: `
CREATE TABLE weft_graphs (
  hash text COLLATE "C" PRIMARY KEY,
  graph jsonb NOT NULL
);
CREATE TABLE weft_runs (
  id text COLLATE "C" PRIMARY KEY,
  workflow text NOT NULL,
  workflow_hash text NOT NULL,
  status text NOT NULL,
  input jsonb,
  output jsonb,
  error jsonb,
  suspended jsonb,
  wake_at bigint,
  parent_run_id text,
  parent_step text,
  lease_owner text,
  lease_expires_at bigint,
  cancel_requested boolean,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
CREATE INDEX weft_runs_created ON weft_runs (created_at DESC, id DESC);
CREATE INDEX weft_runs_workflow_created ON weft_runs (workflow, created_at DESC, id DESC);
CREATE INDEX weft_runs_status_created ON weft_runs (status, created_at DESC, id DESC);
CREATE INDEX weft_runs_parent ON weft_runs (parent_run_id) WHERE parent_run_id IS NOT NULL;
CREATE INDEX weft_runs_recoverable ON weft_runs (created_at, id) WHERE status IN ('running', 'sleeping');
CREATE TABLE weft_journal (
  run_id text COLLATE "C" NOT NULL,
  path text COLLATE "C" NOT NULL,
  attempt integer NOT NULL,
  seq bigserial NOT NULL,
  status text NOT NULL,
  output jsonb,
  error jsonb,
  started_at bigint NOT NULL,
  ended_at bigint,
  PRIMARY KEY (run_id, path, attempt)
);
CREATE TABLE weft_threads (
  id text COLLATE "C" PRIMARY KEY,
  resource_id text,
  title text,
  metadata jsonb,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
CREATE INDEX weft_threads_created ON weft_threads (created_at DESC, id DESC);
CREATE INDEX weft_threads_resource_created ON weft_threads (resource_id, created_at DESC, id DESC);
CREATE TABLE weft_messages (
  id text COLLATE "C" PRIMARY KEY,
  thread_id text COLLATE "C" NOT NULL,
  resource_id text,
  role text NOT NULL,
  content jsonb,
  created_at bigint NOT NULL
);
CREATE INDEX weft_messages_thread_created ON weft_messages (thread_id, created_at, id);
CREATE TABLE weft_kv (
  namespace text COLLATE "C" NOT NULL,
  key text COLLATE "C" NOT NULL,
  value jsonb,
  PRIMARY KEY (namespace, key)
);`,
  },
  {
    version: 2,
    name: 'append-only journal',
    // Rows become immutable: a new state of (run, path, attempt) is a new row, the last by `seq`
    // wins (at the position of the first). Existing rows (one per key) stay as they are, valid.
    sql: `
ALTER TABLE weft_journal DROP CONSTRAINT weft_journal_pkey;
ALTER TABLE weft_journal ADD CONSTRAINT weft_journal_pkey PRIMARY KEY (run_id, seq);`,
  },
  {
    version: 3,
    name: 'packed journal rows',
    // One row per run per write, its entries a JSON array as text (`journalEntryJson`'s shape;
    // nothing in SQL looks inside). Each old row becomes a one-entry array under its old `seq`, so
    // `getJournal` reads the same entries in the same order. SQL NULL output/error/ended_at is an
    // absent key; a jsonb `null` output stays `"output":null`. The old table's constraint and
    // sequence are renamed first so the new ones get the usual names.
    sql: `
ALTER TABLE weft_journal RENAME TO weft_journal_v2;
ALTER TABLE weft_journal_v2 RENAME CONSTRAINT weft_journal_pkey TO weft_journal_v2_pkey;
ALTER SEQUENCE weft_journal_seq_seq RENAME TO weft_journal_v2_seq_seq;
CREATE TABLE weft_journal (
  run_id text COLLATE "C" NOT NULL,
  seq bigserial NOT NULL,
  entries text NOT NULL,
  PRIMARY KEY (run_id, seq)
);
INSERT INTO weft_journal (run_id, seq, entries)
SELECT run_id, seq,
  '[{"path":' || to_json(path)::text
    || ',"attempt":' || attempt
    || ',"status":' || to_json(status)::text
    || CASE WHEN output IS NULL THEN '' ELSE ',"output":' || output::text END
    || CASE WHEN error IS NULL THEN '' ELSE ',"error":' || error::text END
    || ',"startedAt":' || started_at
    || CASE WHEN ended_at IS NULL THEN '' ELSE ',"endedAt":' || ended_at END
    || '}]'
FROM weft_journal_v2
ORDER BY seq;
SELECT setval(pg_get_serial_sequence('weft_journal', 'seq'), (SELECT coalesce(max(seq), 0) + 1 FROM weft_journal), false);
DROP TABLE weft_journal_v2;`,
  },
  {
    version: 4,
    name: 'lighter indexes on the write path',
    // Every step appends journal rows and every run is inserted once: each index on that path is
    // paid per row. The journal is only ever read by run (`run_id = $1`, its rows sorted by `seq`),
    // so a hash index replaces the (run_id, seq) primary key (about a quarter cheaper per row on
    // PGlite; `seq` stays unique by its sequence). Recovery reads running and sleeping runs through
    // `weft_runs_status_created`, which holds them too, so their partial index goes.
    sql: `
ALTER TABLE weft_journal DROP CONSTRAINT weft_journal_pkey;
CREATE INDEX weft_journal_run ON weft_journal USING hash (run_id);
DROP INDEX weft_runs_recoverable;`,
  },
  {
    version: 5,
    name: 'unfinished runs in their own table; run updates in place',
    // A run's row changes status a few times and nearly always ends `completed`. An index on
    // `status` made each of those updates write a new entry into every index of the table; with
    // no index on a column an update changes (and room left on the page: fillfactor 50), Postgres
    // updates the row in place (a HOT update, no index entries). Queries by status still need to
    // find the few runs that are not completed (recovery, suspended runs awaiting a human, failed
    // runs), so those runs' ids live in `weft_runs_unfinished`, kept by two statement triggers for
    // every writer: a run is in it exactly while its status is not `completed`. Lists by status
    // that exclude `completed` read through it; others scan newest first.
    sql: `
CREATE TABLE weft_runs_unfinished (run_id text COLLATE "C" PRIMARY KEY);
INSERT INTO weft_runs_unfinished (run_id) SELECT id FROM weft_runs WHERE status <> 'completed';
CREATE OR REPLACE FUNCTION weft_runs_track_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO weft_runs_unfinished (run_id) SELECT id FROM inserted WHERE status <> 'completed';
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION weft_runs_track_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM weft_runs_unfinished AS u USING updated AS n
    WHERE u.run_id = n.id AND n.status = 'completed';
  INSERT INTO weft_runs_unfinished (run_id)
    SELECT n.id FROM updated AS n JOIN previous AS o ON o.id = n.id
    WHERE o.status = 'completed' AND n.status <> 'completed'
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER weft_runs_track_inserted AFTER INSERT ON weft_runs
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION weft_runs_track_inserted();
CREATE TRIGGER weft_runs_track_updated AFTER UPDATE ON weft_runs
  REFERENCING OLD TABLE AS previous NEW TABLE AS updated FOR EACH STATEMENT EXECUTE FUNCTION weft_runs_track_updated();
DROP INDEX weft_runs_status_created;
ALTER TABLE weft_runs SET (fillfactor = 50);`,
  },
  {
    version: 6,
    name: 'first journal entries in the run row',
    // The entries a run is created with (`createRunAndAppendJournal`: its first step's `started`)
    // as one packed row (`journalEntryJson`'s array, as `weft_journal.entries`) held in the run's
    // own row: the run's insert writes them, so they cost no journal row and no index entry of
    // their own. `getJournal` reads them before the run's journal rows. NULL for runs created
    // without entries and for every run created before this version.
    sql: 'ALTER TABLE weft_runs ADD COLUMN entries text;',
  },
];

/** Advisory lock key that serialises concurrent `init()`s on one database ("weft" in ASCII). */
const migrationLockKey = 0x77656674;

/**
 * Creates `weft_migrations` if needed and applies every migration not yet recorded, in one
 * transaction under an advisory lock (several processes may start at once). Idempotent.
 *
 * @example
 * await runMigrations(driver); // resolves the versions it applied, [] when up to date
 */
export async function runMigrations(
  driver: SqlDriver,
  migrations: readonly SqlMigration[] = storageMigrations,
): Promise<number[]> {
  return driver.transaction(
    async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
      await tx.exec(
        'CREATE TABLE IF NOT EXISTS weft_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)',
      );
      const rows = await tx.query('SELECT version FROM weft_migrations');
      const applied = new Set(rows.map((row) => Number(row.version)));
      const done: number[] = [];
      for (const migration of migrations) {
        if (applied.has(migration.version)) continue;
        await tx.exec(migration.sql);
        await tx.query('INSERT INTO weft_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          migration.version,
          migration.name,
          Date.now(),
        ]);
        done.push(migration.version);
      }
      return done;
    },
    { idempotent: true },
  );
}
