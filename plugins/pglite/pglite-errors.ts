import { StorageError } from '../../runtime/errors/storage-error.js';
import { WeftError } from '../../runtime/errors/weft-error.js';

/**
 * A PGlite failure as `STORAGE_FAILED`, with the statement's first 200 characters (never its
 * parameters) and the original error as `cause`; a `WeftError` passes through unchanged.
 *
 * @example
 * try { await db.query(sql, params); } catch (error) { throw pgliteStorageError(error, sql); }
 */
export function pgliteStorageError(error: unknown, statement: string): WeftError {
  if (WeftError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StorageError('STORAGE_FAILED', {
    message: `PGlite: ${message}`,
    details: { statement: statement.trim().slice(0, 200) },
    cause: error,
  });
}
