/**
 * Times 10,000 journal appends from 1,000 concurrent "runs" (10 each, every run awaiting its own
 * appends one after another; each append is the previous step's completion plus the next step's
 * start, as the engine writes them) on memory, PGlite on disk and Postgres. A measurement, not a test.
 *
 * @example
 * npx tsx bench/storage-journal.ts            # all three
 * WEFT_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/storage-journal.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PgliteStorage } from '../plugins/pglite/pglite-storage.js';
import { PgStorage } from '../plugins/postgres/pg-storage.js';
import type { StorageV1 } from '../runtime/spec/v1/storage.js';
import { MemoryStorage } from '../runtime/storage/memory-storage.js';

const runs = 1_000;
const appendsPerRun = 10;
const postgresUrl = process.env.WEFT_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function appendAll(storage: StorageV1, label: string): Promise<number> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: runs }, async (_, run) => {
      // The engine's shape: step N's completion goes with step N+1's start, one append each.
      for (let step = 0; step < appendsPerRun; step += 1) {
        const runId = `${label}-${run}`;
        const started = { runId, path: `step-${step}`, attempt: 1, startedAt: step } as const;
        const previous = { runId, path: `step-${step - 1}`, attempt: 1, startedAt: step - 1 } as const;
        await storage.appendJournal(
          step === 0
            ? [{ ...started, status: 'started' }]
            : [
                { ...previous, status: 'completed', output: { run, step, text: 'output' }, endedAt: step },
                { ...started, status: 'started' },
              ],
        );
      }
    }),
  );
  return performance.now() - started;
}

async function measure(name: string, storage: StorageV1): Promise<number> {
  await storage.init();
  await appendAll(storage, 'warmup');
  const elapsed = await appendAll(storage, 'measured');
  const check = await storage.getJournal('measured-999');
  if (check.length !== appendsPerRun)
    throw new Error(`${name}: expected ${appendsPerRun} entries, found ${check.length}`);
  await storage.close();
  console.log(
    `${name.padEnd(16)} ${elapsed.toFixed(0).padStart(6)} ms  ${((runs * appendsPerRun) / (elapsed / 1000)).toFixed(0).padStart(8)} appends/s`,
  );
  return elapsed;
}

const memory = await measure('memory', new MemoryStorage());
const projectDir = await mkdtemp(join(tmpdir(), 'weft-bench-'));
const pglite = await measure('pglite (disk)', new PgliteStorage({ projectDir, vector: false }));
await rm(projectDir, { recursive: true, force: true });
const schema = `weft_bench_${Math.random().toString(36).slice(2, 8)}`;
const postgres = await measure('postgres', new PgStorage({ connectionString: postgresUrl, schema }));
const admin = new pg.Client({ connectionString: postgresUrl });
await admin.connect();
await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
await admin.end();
console.log(
  `ratio to memory: pglite ${(pglite / memory).toFixed(1)}x, postgres ${(postgres / memory).toFixed(1)}x`,
);
