import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { ValidationError } from '../../runtime/errors/validation-error.js';
import type {
  JournalEntryV1,
  MessageRecordV1,
  RunRecordV1,
  ThreadRecordV1,
} from '../../runtime/spec/v1/storage.js';
import type { SqlDriver } from '../../runtime/storage/sql/sql-driver.js';
import { SqlStorage } from '../../runtime/storage/sql/sql-storage.js';
import { AutoAnalyze } from './auto-analyze.js';
import { PgliteDriver } from './pglite-driver.js';
import { PgliteWorkerDriver, startPgliteWorker } from './pglite-worker-driver.js';
import { acquireStorageLock, releaseStorageLock, storageLockPath } from './storage-lock.js';
import { TransactionIdFreezer } from './transaction-id-freezer.js';

/**
 * Options of `PgliteStorage`.
 *
 * @example
 * new PgliteStorage({ projectDir: '/srv/app', dataDir: '.weft/data' });
 */
export interface PgliteStorageOptions {
  /** Where the database lives: a folder, or `memory://` (nothing on disk). Default `<projectDir>/.weft/data`. */
  readonly dataDir?: string;
  /** The project folder: a relative `dataDir` resolves against it, and its `.weft/lock.json` guards the data. */
  readonly projectDir?: string;
  /** Load pgvector and create the `vector` extension (default true). */
  readonly vector?: boolean;
  /**
   * Postgres's buffer pool (`shared_buffers`), e.g. `'32MB'` (the default; Postgres's own default
   * is 128MB). PGlite allocates it inside its WebAssembly memory at start, so it is resident memory
   * of the process whether used or not; pages beyond it are read through the OS page cache.
   */
  readonly sharedBuffers?: string;
  /**
   * Where the database runs: `main` (the default), the calling thread; or `worker`, its own worker
   * thread, so a long statement (a large ingest, an index build) never blocks the event loop of a
   * host. PGlite executes statements synchronously, so `worker` only moves that time, plus one
   * message each way per statement, about 80 µs on the 2-vCPU machines here (waking the other
   * thread): measured (W1 and W5 on disk, ADR 0026) a 50-step run took about 2.5 times as long
   * (6.9-7.1 ms against 2.8 ms) and 1,000 concurrent runs no less time, since group-committed runs
   * wait for their statement anyway (pipelined group commits did not help either: the second core
   * is already busy with V8's own threads).
   */
  readonly thread?: 'worker' | 'main';
  /**
   * Write transactions the database may age before its old tables are frozen
   * (`TransactionIdFreezer`: PGlite has no autovacuum to prevent transaction ID wraparound).
   * Default 100,000,000; checked at opening and every 10 minutes while open.
   */
  readonly freezeMaxAge?: number;
}

const defaultSharedBuffers = '32MB';
/** Journal `seq` values PGlite's one session takes from its sequence at a time. */
const journalSequenceCache = 1000;
const memorySizePattern = /^[1-9][0-9]{0,6}(kB|MB|GB)$/;

/**
 * The embedded storage: the SQL implementation over PGlite (WASM Postgres with pgvector) in one
 * folder of the project. The database opens on `init()` (or first use). Only one process may open
 * a project's data at a time: opening takes `<project>/.weft/lock.json` (or `lock.json` next to the
 * data dir), takes over a dead owner's lock, and fails with `STORAGE_LOCKED` (the holder's pid and
 * URL) when a live process holds it. `close()` releases the lock.
 *
 * @example
 * const storage = new PgliteStorage({ projectDir: '/srv/app' }); // data in /srv/app/.weft/data
 * await storage.init();
 * const inMemory = new PgliteStorage({ dataDir: 'memory://' });
 */
export class PgliteStorage extends SqlStorage {
  /** One process owns a PGlite data dir (the lock in `.weft/lock.json`). */
  readonly exclusive = true;
  readonly #driver: PgliteDriver | PgliteWorkerDriver;
  readonly #lockPath: string | undefined;
  readonly #vector: boolean;
  readonly #analyze: AutoAnalyze;
  readonly #freezer: TransactionIdFreezer;

  constructor(options: PgliteStorageOptions = {}) {
    const { dataDir, lockPath } = resolvePaths(options);
    const useVector = options.vector !== false;
    const sharedBuffers = options.sharedBuffers ?? defaultSharedBuffers;
    if (!memorySizePattern.test(sharedBuffers)) {
      throw new ValidationError('VALIDATION_FAILED', {
        message: `Invalid PGlite sharedBuffers "${sharedBuffers}" (e.g. 32MB).`,
        details: { sharedBuffers },
      });
    }
    // New WAL files are not zero-filled (Postgres writes their last byte only). Segments are
    // recycled only after a checkpoint, which PGlite (no checkpointer process) takes at
    // `max_wal_size` or at close, so a busy database creates a new 16 MB file every few thousand
    // steps, and zero-filling them doubled the bytes written (ADR 0024). Commits stay as durable:
    // each WAL record is written before its commit returns, zero-filled file or not.
    const startParams = ['-c', `shared_buffers=${sharedBuffers}`, '-c', 'wal_init_zero=off'];
    const driver =
      options.thread === 'worker'
        ? new PgliteWorkerDriver(() =>
            underLock(lockPath, dataDir, () =>
              startPgliteWorker({ dataDir, startParams, vector: useVector }),
            ),
          )
        : new PgliteDriver(() =>
            underLock(lockPath, dataDir, () => openDatabase(dataDir, useVector, startParams)),
          );
    super(driver);
    this.#driver = driver;
    this.#lockPath = lockPath;
    this.#vector = useVector;
    this.#analyze = new AutoAnalyze(driver, ['weft_runs_unfinished']);
    this.#freezer = new TransactionIdFreezer(
      driver,
      options.freezeMaxAge === undefined ? {} : { maxAge: options.freezeMaxAge },
    );
  }

  /** The SQL driver over this database, for adapters that share it (the pgvector store). */
  sqlDriver(): SqlDriver {
    return this.#driver;
  }

  override async init(): Promise<void> {
    if (this.#vector) await this.driver.exec('CREATE EXTENSION IF NOT EXISTS vector');
    await super.init();
    // One session ever uses the sequence, so it may hand out journal `seq` values from a cache:
    // the sequence's page is read and locked once per 1,000 rows instead of once per row (ADR
    // 0021). Unused cached values are skipped at the next opening, never reused, so a run's rows
    // stay in order across openings. Never on Postgres, where each session's cache would misorder
    // rows of concurrent writers. Set once (a check at each opening, no catalog write).
    const [sequence] = await this.driver.query(
      "SELECT seqcache FROM pg_sequence WHERE seqrelid = 'weft_journal_seq_seq'::regclass",
    );
    if (Number(sequence?.seqcache) !== journalSequenceCache)
      await this.driver.exec(`ALTER SEQUENCE weft_journal_seq_seq CACHE ${journalSequenceCache}`);
    // No autovacuum in PGlite: statistics as of opening, then `AutoAnalyze` for the memory tables;
    // old tables frozen at opening and while open, before transaction IDs could wrap around.
    await this.driver.exec('ANALYZE');
    await this.#freezer.start();
  }

  override async createRun(run: RunRecordV1): Promise<void> {
    await super.createRun(run);
    // A run's id enters `weft_runs_unfinished` now and (nearly always) leaves it when it completes.
    this.#analyze.wrote('weft_runs_unfinished', 1);
  }

  override async createRunAndAppendJournal(
    run: RunRecordV1,
    entries: readonly JournalEntryV1[],
  ): Promise<void> {
    await super.createRunAndAppendJournal(run, entries);
    this.#analyze.wrote('weft_runs_unfinished', 1);
  }

  override async saveThread(thread: ThreadRecordV1): Promise<ThreadRecordV1> {
    const saved = await super.saveThread(thread);
    this.#analyze.wrote('weft_threads', 1);
    return saved;
  }

  override async saveMessages(messages: readonly MessageRecordV1[]): Promise<void> {
    await super.saveMessages(messages);
    this.#analyze.wrote('weft_messages', messages.length);
  }

  override async close(): Promise<void> {
    if (!this.#driver.opened) return;
    await this.#freezer.stop();
    await this.#analyze.settled();
    try {
      await super.close();
    } finally {
      if (this.#lockPath !== undefined) await releaseStorageLock(this.#lockPath);
    }
  }
}

/** Opens the database (`open`) holding the project's lock (taken first, released if opening fails). */
async function underLock<T>(
  lockPath: string | undefined,
  dataDir: string,
  open: () => Promise<T>,
): Promise<T> {
  if (lockPath !== undefined) await acquireStorageLock(lockPath);
  try {
    if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
    return await open();
  } catch (error) {
    if (lockPath !== undefined) await releaseStorageLock(lockPath);
    throw error;
  }
}

/**
 * PGlite in this thread (loaded only then), with PGlite's own start parameters (single-user,
 * `-F`: see ADR 0015) plus ours.
 */
async function openDatabase(
  dataDir: string,
  useVector: boolean,
  startParams: readonly string[],
): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const params = [...PGlite.defaultStartParams, ...startParams];
  if (!useVector) return PGlite.create({ dataDir, startParams: params });
  const { vector } = await import('@electric-sql/pglite-pgvector');
  return PGlite.create({ dataDir, startParams: params, extensions: { vector } });
}

function resolvePaths(options: PgliteStorageOptions): { dataDir: string; lockPath: string | undefined } {
  const projectDir = options.projectDir === undefined ? undefined : resolve(options.projectDir);
  const given = options.dataDir;
  if (given?.startsWith('memory://')) return { dataDir: given, lockPath: undefined };
  if (given === undefined && projectDir === undefined) return { dataDir: 'memory://', lockPath: undefined };
  const dataDir =
    given === undefined ? join(projectDir ?? '.', '.weft', 'data') : resolve(projectDir ?? '.', given);
  return {
    dataDir,
    lockPath: projectDir === undefined ? join(dirname(dataDir), 'lock.json') : storageLockPath(projectDir),
  };
}
