import type { JournalEntryV1 } from '../../spec/v1/storage.js';
import { jsonParam } from './row-mappers.js';
import type { SqlDriver } from './sql-driver.js';

interface PendingCall {
  readonly entries: readonly JournalEntryV1[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

const idempotent = { idempotent: true } as const;

const upsertJournalSql = `
INSERT INTO weft_journal (run_id, path, attempt, status, output, error, started_at, ended_at)
SELECT run_id, path, attempt, status, output::jsonb, error::jsonb, started_at, ended_at
FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[])
  WITH ORDINALITY AS batch(run_id, path, attempt, status, output, error, started_at, ended_at, position)
ORDER BY position
ON CONFLICT (run_id, path, attempt) DO UPDATE SET
  status = excluded.status, output = excluded.output, error = excluded.error,
  started_at = excluded.started_at, ended_at = excluded.ended_at`;

/**
 * Writes journal entries with group commit: calls that arrive while a write is in flight are
 * gathered into the next single write (one multi-row upsert statement), and each call resolves
 * when the statement holding its entries commits (or rejects with its error). When a batch of several
 * calls fails, each call is retried alone so one bad entry fails only its own caller.
 *
 * @example
 * const journal = new JournalGroupCommit(driver);
 * await Promise.all(runs.map((run) => journal.append([{ runId: run, path: 'a', attempt: 1, status: 'started', startedAt: 1 }])));
 */
export class JournalGroupCommit {
  readonly #driver: SqlDriver;
  #pending: PendingCall[] = [];
  #writing = false;

  constructor(driver: SqlDriver) {
    this.#driver = driver;
  }

  append(entries: readonly JournalEntryV1[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ entries, resolve, reject });
      if (!this.#writing) {
        this.#writing = true;
        queueMicrotask(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    while (this.#pending.length > 0) {
      const batch = this.#pending;
      this.#pending = [];
      try {
        await writeJournalEntries(
          this.#driver,
          batch.flatMap((call) => call.entries),
        );
        for (const call of batch) call.resolve();
      } catch (error) {
        if (batch.length === 1) batch[0]?.reject(error);
        else await this.#writeOneByOne(batch);
      }
    }
    this.#writing = false;
  }

  async #writeOneByOne(batch: readonly PendingCall[]): Promise<void> {
    for (const call of batch) {
      try {
        await writeJournalEntries(this.#driver, call.entries);
        call.resolve();
      } catch (error) {
        call.reject(error);
      }
    }
  }
}

/**
 * Upserts journal entries by `(runId, path, attempt)` in one statement, hence one transaction
 * (no BEGIN/COMMIT round trips). Entries with the same key collapse to the last one, kept at the
 * position of the first (the order of first write). Idempotent, so drivers may retry it.
 *
 * @example
 * await writeJournalEntries(driver, entries);
 */
export async function writeJournalEntries(
  driver: SqlDriver,
  entries: readonly JournalEntryV1[],
): Promise<void> {
  const byKey = new Map<string, JournalEntryV1>();
  for (const entry of entries) byKey.set(`${entry.runId}\u0000${entry.attempt}\u0000${entry.path}`, entry);
  const columns: unknown[][] = [[], [], [], [], [], [], [], []];
  for (const entry of byKey.values()) {
    const values = [
      entry.runId,
      entry.path,
      entry.attempt,
      entry.status,
      jsonParam(entry.output),
      jsonParam(entry.error),
      entry.startedAt,
      entry.endedAt ?? null,
    ];
    for (const [index, value] of values.entries()) columns[index]?.push(value);
  }
  await driver.query(upsertJournalSql, columns, idempotent);
}
