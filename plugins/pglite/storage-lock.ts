import { readFileSync } from 'node:fs';
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { StorageError } from '../../runtime/errors/storage-error.js';

/**
 * What `<project>/.weft/lock.json` records about the process that holds the project's storage.
 *
 * @example
 * { "pid": 4242, "hostname": "build-1", "url": "http://127.0.0.1:4111", "startedAt": 1700000000000 }
 */
export interface StorageLock {
  readonly pid: number;
  readonly hostname: string;
  /** The host's URL once it listens, so other processes (the CLI) can go through it. */
  readonly url?: string;
  /** Epoch ms. */
  readonly startedAt: number;
}

/**
 * Where the lock of a project's embedded storage lives.
 *
 * @example
 * storageLockPath('/srv/app'); // '/srv/app/.weft/lock.json'
 */
export function storageLockPath(projectDir: string): string {
  return join(projectDir, '.weft', 'lock.json');
}

/**
 * Reads a lock file; `undefined` when there is none (or it is unreadable).
 *
 * @example
 * const lock = await readLockFile('/srv/app/.weft/lock.json');
 */
export async function readLockFile(lockPath: string): Promise<StorageLock | undefined> {
  let text: string;
  try {
    text = await readFile(lockPath, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && 'pid' in value && typeof value.pid === 'number')
      return value as StorageLock;
  } catch {
    // a torn or foreign file counts as no lock
  }
  return undefined;
}

/**
 * Reads the storage lock of a project: who holds its embedded storage, and at which URL.
 *
 * @example
 * const lock = await readStorageLock(projectDir);
 * if (lock?.url !== undefined) await fetch(`${lock.url}/api/health`);
 */
export function readStorageLock(projectDir: string): Promise<StorageLock | undefined> {
  return readLockFile(storageLockPath(projectDir));
}

/**
 * Records the host's URL in the project's lock (after it listens). Resolves whether it was recorded:
 * only the process holding the lock may record it.
 *
 * @example
 * await setStorageLockUrl(projectDir, 'http://127.0.0.1:4111');
 */
export async function setStorageLockUrl(projectDir: string, url: string): Promise<boolean> {
  const lockPath = storageLockPath(projectDir);
  const lock = await readLockFile(lockPath);
  if (lock === undefined || lock.pid !== process.pid) return false;
  await writeAtomically(lockPath, { ...lock, url });
  return true;
}

/**
 * True when a process with this id exists and has not exited (`process.kill(pid, 0)`; `EPERM`
 * means it exists). A zombie, a process that has exited but whose parent has not collected it yet
 * (Linux: state `Z` in `/proc/<pid>/stat`), counts as dead: it holds nothing any more.
 *
 * @example
 * isProcessAlive(process.pid); // true
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !isZombie(pid);
}

/** True when `/proc` says the process has exited and waits to be collected (Linux only; false elsewhere). */
function isZombie(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return false;
  }
  // `pid (command) state ...`: the command may hold spaces and parentheses, the state follows the last `)`.
  return stat[stat.lastIndexOf(')') + 2] === 'Z';
}

/**
 * Takes the lock at `lockPath` for this process: when there is none, when its owner is dead, or
 * when this process already holds it. A live other owner throws `STORAGE_LOCKED` with its pid and URL.
 *
 * @example
 * await acquireStorageLock('/srv/app/.weft/lock.json');
 */
export async function acquireStorageLock(lockPath: string): Promise<void> {
  await mkdir(dirname(lockPath), { recursive: true });
  const mine: StorageLock = { pid: process.pid, hostname: hostname(), startedAt: Date.now() };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const current = await readLockFile(lockPath);
    if (current?.pid === process.pid) return;
    if (current !== undefined && isProcessAlive(current.pid)) throw lockedError(lockPath, current);
    if (
      current === undefined
        ? await createExclusively(lockPath, mine)
        : await replaceAndConfirm(lockPath, mine)
    )
      return;
  }
  const holder = await readLockFile(lockPath);
  throw lockedError(lockPath, holder ?? mine);
}

/**
 * Removes the lock when this process holds it.
 *
 * @example
 * await releaseStorageLock('/srv/app/.weft/lock.json');
 */
export async function releaseStorageLock(lockPath: string): Promise<void> {
  const current = await readLockFile(lockPath);
  if (current?.pid !== process.pid) return;
  await unlink(lockPath).catch(() => undefined);
}

function lockedError(lockPath: string, holder: StorageLock): StorageError {
  return new StorageError('STORAGE_LOCKED', {
    message: `The project storage is in use by process ${holder.pid}${holder.url === undefined ? '' : ` (${holder.url})`}; go through that host, or stop it (remove ${lockPath} if that process is not weft).`,
    details: { pid: holder.pid, url: holder.url, hostname: holder.hostname, lockPath },
  });
}

async function writeTemporary(lockPath: string, lock: StorageLock): Promise<string> {
  const temporary = `${lockPath}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, `${JSON.stringify(lock)}\n`, 'utf8');
  return temporary;
}

async function writeAtomically(lockPath: string, lock: StorageLock): Promise<void> {
  await rename(await writeTemporary(lockPath, lock), lockPath);
}

/** Creates the lock only if absent, with its full content at once (hard link of a temp file). */
async function createExclusively(lockPath: string, lock: StorageLock): Promise<boolean> {
  const temporary = await writeTemporary(lockPath, lock);
  try {
    await link(temporary, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/** Takes over a dead owner's lock, then checks no concurrent taker won. */
async function replaceAndConfirm(lockPath: string, lock: StorageLock): Promise<boolean> {
  await writeAtomically(lockPath, lock);
  return (await readLockFile(lockPath))?.pid === process.pid;
}
