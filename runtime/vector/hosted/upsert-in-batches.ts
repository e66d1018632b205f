import { weftError } from '../../errors/create-weft-error.js';
import { WeftError } from '../../errors/weft-error.js';

/**
 * The limits of one write request of a hosted store.
 *
 * @example
 * const limits: BatchLimits = { maxRecords: 1000, maxBytes: 2_000_000 };
 */
export interface BatchLimits {
  /** The most records in one request. */
  readonly maxRecords: number;
  /** The most bytes of (JSON) payload in one request. */
  readonly maxBytes: number;
}

/**
 * Splits records into consecutive batches within a request's record and byte limits (`sizeOf`
 * estimates a record's bytes in the request). A single record larger than `maxBytes` gets a
 * batch of its own (the service then says why it is too large).
 *
 * @example
 * batchRecords(records, { maxRecords: 1000, maxBytes: 2_000_000 }, (record) => JSON.stringify(record).length);
 */
export function batchRecords<T>(
  records: readonly T[],
  limits: BatchLimits,
  sizeOf: (record: T) => number,
): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const record of records) {
    const size = sizeOf(record) + 1;
    if (current.length > 0 && (current.length >= limits.maxRecords || bytes + size > limits.maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(record);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Writes batches one after the other. When a batch fails after earlier ones were written, the
 * failure is `VECTOR_UPSERT_PARTIAL` with `details.writtenIds` (the ids of the written batches)
 * and `details.failedIds`, its cause the batch's own error; when the first batch fails, its error
 * is thrown as is (nothing was written).
 *
 * @example
 * await upsertInBatches('qdrant', 'docs', batches, (record) => record.id, (batch) => client.upsert(batch));
 */
export async function upsertInBatches<T>(
  store: string,
  index: string,
  batches: readonly (readonly T[])[],
  idOf: (record: T) => string,
  write: (batch: readonly T[]) => Promise<void>,
): Promise<void> {
  const writtenIds: string[] = [];
  for (const batch of batches) {
    try {
      await write(batch);
    } catch (error) {
      if (writtenIds.length === 0) throw error;
      const failedIds = batches.slice(batches.indexOf(batch)).flatMap((rest) => rest.map(idOf));
      const reason = WeftError.isInstance(error) ? `${error.code}: ${error.message}` : String(error);
      throw weftError('VECTOR_UPSERT_PARTIAL', {
        message: `${store}: the upsert into "${index}" failed after ${writtenIds.length} of ${writtenIds.length + failedIds.length} vectors were written (${reason}).`,
        details: { store, index, writtenIds: [...writtenIds], failedIds },
        cause: error,
      });
    }
    for (const record of batch) writtenIds.push(idOf(record));
  }
}
