import { resolve } from 'node:path';
import { isProcessAlive, readStorageLock } from '../plugins/pglite/storage-lock.js';
import { StorageError } from '../runtime/errors/storage-error.js';
import { WeftError } from '../runtime/errors/weft-error.js';
import { hostListens } from './host-listens.js';
import { HostRunTarget } from './host-run-target.js';
import { LocalRunTarget } from './local-run-target.js';
import type { RunTarget } from './run-target.js';

/**
 * Opens a project for a run command: in this process when its storage is free, or through the
 * host that holds it (the URL recorded in `.weft/lock.json`), sending `WEFT_API_KEY` when it is
 * set (a host with `server.auth.keys` answers 401 without it). A live holder without a URL is
 * `STORAGE_LOCKED` (a refused command, exit 2). So is a holder whose URL refuses connections and
 * that is still there after `holderExitWaitMs` (default 5 s); one that exits meanwhile (a host
 * killed a moment ago, still tearing down its memory, or a host shutting down) leaves the storage
 * to this process.
 *
 * @example
 * const target = await openRunTarget('definitions');
 * try { await target.show(runId); } finally { await target.close(); }
 */
export async function openRunTarget(
  dir: string,
  { holderExitWaitMs = 5000 }: { holderExitWaitMs?: number } = {},
): Promise<RunTarget> {
  const projectDir = resolve(dir);
  const lock = await readStorageLock(projectDir);
  if (lock?.url !== undefined && lock.pid !== process.pid && isProcessAlive(lock.pid)) {
    if (await hostListens(lock.url)) return new HostRunTarget(lock.url, process.env.WEFT_API_KEY);
    if (!(await exitsWithin(lock.pid, holderExitWaitMs)))
      throw lockedError(
        `The project storage is held by process ${lock.pid}, whose host at ${lock.url} accepts no connections: wait until it serves, or stop it, and try again.`,
        { pid: lock.pid, url: lock.url },
      );
  }
  const { Weft } = await import('../runtime/weft.js');
  try {
    return new LocalRunTarget(await Weft.open(projectDir));
  } catch (error) {
    if (!(WeftError.isInstance(error) && error.code === 'STORAGE_LOCKED')) throw error;
    const url = error.details?.url;
    if (typeof url === 'string') return new HostRunTarget(url, process.env.WEFT_API_KEY);
    throw lockedError(
      `The project storage is held by process ${String(error.details?.pid)}, which serves no API: stop it, or run \`weft serve\` instead of it, and try again.`,
      error.details ?? {},
    );
  }
}

/** `STORAGE_LOCKED` (a refused command, exit 2) with what the CLI user can do about it. */
function lockedError(message: string, details: Readonly<Record<string, unknown>>): StorageError {
  return new StorageError('STORAGE_LOCKED', { message, details });
}

/** Resolves true once process `pid` has exited (checked every 50 ms), false if it is still there after `waitMs`. */
async function exitsWithin(pid: number, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  while (isProcessAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}
