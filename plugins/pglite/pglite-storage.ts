import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { ValidationError } from '../../runtime/errors/validation-error.js';
import type { SqlDriver } from '../../runtime/storage/sql/sql-driver.js';
import { SqlStorage } from '../../runtime/storage/sql/sql-storage.js';
import { PgliteDriver } from './pglite-driver.js';
import { acquireStorageLock, releaseStorageLock, storageLockPath } from './storage-lock.js';

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
}

const defaultSharedBuffers = '32MB';
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
  readonly #driver: PgliteDriver;
  readonly #lockPath: string | undefined;
  readonly #vector: boolean;

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
    const driver = new PgliteDriver(() => openDatabase(dataDir, lockPath, useVector, sharedBuffers));
    super(driver);
    this.#driver = driver;
    this.#lockPath = lockPath;
    this.#vector = useVector;
  }

  /** The PGlite database (opened if needed), for adapters that share it (the pgvector store). */
  database(): Promise<PGlite> {
    return this.#driver.database();
  }

  /** The SQL driver over this database, for adapters that share it (the pgvector store). */
  sqlDriver(): SqlDriver {
    return this.#driver;
  }

  override async init(): Promise<void> {
    if (this.#vector) await this.driver.exec('CREATE EXTENSION IF NOT EXISTS vector');
    await super.init();
  }

  override async close(): Promise<void> {
    if (!this.#driver.opened) return;
    try {
      await super.close();
    } finally {
      if (this.#lockPath !== undefined) await releaseStorageLock(this.#lockPath);
    }
  }
}

async function openDatabase(
  dataDir: string,
  lockPath: string | undefined,
  useVector: boolean,
  sharedBuffers: string,
): Promise<PGlite> {
  if (lockPath !== undefined) await acquireStorageLock(lockPath);
  try {
    if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
    // PGlite's own start parameters (single-user mode, `-F`: no fsync, see ADR 0015) plus ours.
    const startParams = [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffers}`];
    return await PGlite.create(
      useVector ? { dataDir, startParams, extensions: { vector } } : { dataDir, startParams },
    );
  } catch (error) {
    if (lockPath !== undefined) await releaseStorageLock(lockPath);
    throw error;
  }
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
