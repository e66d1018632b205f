import { resolve } from 'node:path';
import { isProcessAlive, readStorageLock } from '../plugins/pglite/storage-lock.js';
import { WeftError } from '../runtime/errors/weft-error.js';
import { HostRunTarget } from './host-run-target.js';
import { LocalRunTarget } from './local-run-target.js';
import { RunUsageError } from './parse-run-options.js';
import type { RunTarget } from './run-target.js';

/**
 * Opens a project for a run command: in this process when its storage is free, or through the
 * host that holds it (the URL recorded in `.weft/lock.json`), sending `WEFT_API_KEY` when it is
 * set (a host with `server.auth.keys` answers 401 without it). A live holder without a URL is a
 * refused command (exit 2).
 *
 * @example
 * const target = await openRunTarget('definitions');
 * try { await target.show(runId); } finally { await target.close(); }
 */
export async function openRunTarget(dir: string): Promise<RunTarget> {
  const projectDir = resolve(dir);
  const lock = await readStorageLock(projectDir);
  if (lock?.url !== undefined && lock.pid !== process.pid && isProcessAlive(lock.pid))
    return new HostRunTarget(lock.url, process.env.WEFT_API_KEY);
  const { Weft } = await import('../runtime/weft.js');
  try {
    return new LocalRunTarget(await Weft.open(projectDir));
  } catch (error) {
    if (!(WeftError.isInstance(error) && error.code === 'STORAGE_LOCKED')) throw error;
    const url = error.details?.url;
    if (typeof url === 'string') return new HostRunTarget(url, process.env.WEFT_API_KEY);
    throw new RunUsageError(
      `the project storage is held by process ${String(error.details?.pid)}, which serves no API: stop it, or run \`weft serve\` instead of it and try again`,
    );
  }
}
