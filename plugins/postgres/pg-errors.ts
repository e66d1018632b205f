import { StorageError } from '../../runtime/errors/storage-error.js';
import { WeftError } from '../../runtime/errors/weft-error.js';

/** Socket errors and SQLSTATEs after which the same statement may succeed on a new connection. */
const transientCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

/**
 * True when a `pg` error is worth retrying: a refused or dropped connection, a server shutting
 * down or starting, class 08 (connection exception), or a serialization failure/deadlock.
 *
 * @example
 * isTransientPgError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })); // true
 */
export function isTransientPgError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  if (code !== undefined && (transientCodes.has(code) || code.startsWith('08'))) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    message,
  );
}

/**
 * Maps a `pg` failure to the storage error codes: `STORAGE_UNAVAILABLE` (transient, retryable) or
 * `STORAGE_FAILED`; the original error is the `cause`. WeftErrors pass through.
 *
 * @example
 * catch (error) { throw toStorageError(error, sql); }
 */
export function toStorageError(error: unknown, statement: string | undefined): WeftError {
  if (WeftError.isInstance(error)) return error;
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  const details: Record<string, unknown> = {};
  if (code !== undefined) details.code = code;
  if (statement !== undefined) details.statement = statement.trim().slice(0, 200);
  const message = error instanceof Error ? error.message : String(error);
  const transient = isTransientPgError(error);
  return new StorageError(transient ? 'STORAGE_UNAVAILABLE' : 'STORAGE_FAILED', {
    message: `Postgres: ${message}`,
    details,
    cause: error,
  });
}
