import { ValidationError } from '../../runtime/errors/validation-error.js';
import type { PgliteStorageOptions } from './pglite-storage.js';

/**
 * The `storage.config` of a project using the `pglite` adapter.
 *
 * @example
 * # weft.yaml
 * storage: { adapter: pglite, config: { thread: worker, sharedBuffers: 64MB } }
 */
export type PgliteConfig = Pick<PgliteStorageOptions, 'thread' | 'sharedBuffers'>;

const threads = ['worker', 'main'] as const;

/**
 * Checks a `storage.config` section for the `pglite` adapter: `thread` (`main`, the default, or
 * `worker`: see `PgliteStorageOptions.thread`) and
 * `sharedBuffers` (checked by `PgliteStorage`); anything else is `VALIDATION_FAILED` naming the
 * field as a pointer.
 *
 * @example
 * checkPgliteConfig({ thread: 'main' }); // { thread: 'main' }
 */
export function checkPgliteConfig(config: unknown): PgliteConfig {
  if (config === undefined || config === null) return {};
  if (typeof config !== 'object' || Array.isArray(config)) throw invalid('', 'must be an object');
  const { thread, sharedBuffers, ...unknown } = config as Record<string, unknown>;
  const extra = Object.keys(unknown)[0];
  if (extra !== undefined) throw invalid(`/${extra}`, 'is not an option (thread, sharedBuffers)');
  if (thread !== undefined && !threads.includes(thread as (typeof threads)[number]))
    throw invalid('/thread', 'must be worker or main');
  if (sharedBuffers !== undefined && typeof sharedBuffers !== 'string')
    throw invalid('/sharedBuffers', 'must be a size such as 32MB');
  return {
    ...(thread === undefined ? {} : { thread: thread as (typeof threads)[number] }),
    ...(sharedBuffers === undefined ? {} : { sharedBuffers }),
  };
}

function invalid(pointer: string, problem: string): ValidationError {
  return new ValidationError('VALIDATION_FAILED', {
    message: `storage.config${pointer.replaceAll('/', '.')} ${problem}.`,
    details: { pointer: `/spec/storage/config${pointer}` },
  });
}
