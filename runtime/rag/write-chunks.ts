import { weftError } from '../errors/create-weft-error.js';
import { WeftError } from '../errors/weft-error.js';
import type { VectorRecordV1, VectorStoreV1 } from '../spec/v1/vector-store.js';

/**
 * The most vectors sent in one `upsert` call.
 *
 * @example
 * upsertBatchSize; // 100
 */
export const upsertBatchSize = 100;

/**
 * One document to write: its new chunk records (ids `<documentId>#<n>`, n from 0) and how many
 * chunks its previous version had (0 for a new document).
 *
 * @example
 * const write: DocumentWrite = { id: 'refunds', records: [{ id: 'refunds#0', vector }], previousChunks: 3 };
 */
export interface DocumentWrite {
  readonly id: string;
  readonly records: readonly VectorRecordV1[];
  readonly previousChunks: number;
}

/**
 * Writes new versions of documents whose embeddings are all computed, as close to atomically as a
 * vector store without transactions allows:
 *
 * 1. the previous chunks of replaced documents are read back (vectors and metadata), as a backup;
 * 2. the new chunks are upserted (overwriting `#0..#n-1`), then the previous chunks past the new
 *    count are deleted;
 * 3. if step 2 fails part-way, the new chunk ids that did not exist before are deleted and the
 *    backed-up chunks are upserted again, and the call fails with `INGEST_FAILED`
 *    (`details.restored` says whether that rollback itself succeeded).
 *
 * So after a failure, every document is either at its previous version (`restored: true`) or, when
 * the store fails the rollback too (or the backup read could not find every previous chunk), in an
 * unknown state that the caller must mark as dirty. A failure in step 1 writes nothing.
 *
 * @example
 * await writeChunks(store, 'help_center', [{ id: 'refunds', records, previousChunks: 2 }]);
 */
export async function writeChunks(
  store: VectorStoreV1,
  index: string,
  writes: readonly DocumentWrite[],
): Promise<void> {
  const backup = await readBackup(store, index, writes);
  try {
    for (const write of writes) {
      for (let start = 0; start < write.records.length; start += upsertBatchSize)
        await store.upsert({ index, vectors: write.records.slice(start, start + upsertBatchSize) });
    }
    const stale = writes.flatMap((write) => chunkIds(write.id, write.records.length, write.previousChunks));
    if (stale.length > 0) await store.delete({ index, ids: stale });
  } catch (error) {
    const restored = (await rollback(store, index, writes, backup.records)) && backup.complete;
    throw weftError('INGEST_FAILED', {
      message: `Writing ${writes.length} document${writes.length === 1 ? '' : 's'} to the vector index "${index}" failed (${describe(error)}); ${restored ? 'their previous versions were restored' : 'restoring their previous versions failed too'}.`,
      details: {
        index,
        documents: writes.map((write) => write.id),
        restored,
        ...(WeftError.isInstance(error) ? { causeCode: error.code } : {}),
      },
      cause: error,
    });
  }
}

/**
 * `<id>#from` .. `<id>#(to-1)`.
 *
 * @example
 * chunkIds('refunds', 1, 3); // ['refunds#1', 'refunds#2']
 */
export function chunkIds(id: string, from: number, to: number): string[] {
  const ids: string[] = [];
  for (let n = from; n < to; n += 1) ids.push(`${id}#${n}`);
  return ids;
}

async function readBackup(
  store: VectorStoreV1,
  index: string,
  writes: readonly DocumentWrite[],
): Promise<{ records: VectorRecordV1[]; complete: boolean }> {
  const backup: VectorRecordV1[] = [];
  let complete = true;
  for (const write of writes) {
    const probe = write.records[0]?.vector;
    if (write.previousChunks === 0 || probe === undefined) continue;
    const hits = await store.query({
      index,
      vector: probe,
      topK: write.previousChunks,
      filter: { documentId: write.id },
      includeVector: true,
    });
    // An approximate (HNSW) filtered search may miss chunks: the rollback is then partial.
    if (hits.length < write.previousChunks) complete = false;
    for (const hit of hits) {
      if (hit.vector === undefined) continue;
      backup.push(
        hit.metadata === undefined
          ? { id: hit.id, vector: hit.vector }
          : { id: hit.id, vector: hit.vector, metadata: hit.metadata },
      );
    }
  }
  return { records: backup, complete };
}

async function rollback(
  store: VectorStoreV1,
  index: string,
  writes: readonly DocumentWrite[],
  backup: readonly VectorRecordV1[],
): Promise<boolean> {
  try {
    const previous = new Set(backup.map((record) => record.id));
    const added = writes
      .flatMap((write) => write.records.map((record) => record.id))
      .filter((id) => !previous.has(id));
    if (added.length > 0) await store.delete({ index, ids: added });
    for (let start = 0; start < backup.length; start += upsertBatchSize)
      await store.upsert({ index, vectors: backup.slice(start, start + upsertBatchSize) });
    return true;
  } catch {
    return false;
  }
}

function describe(error: unknown): string {
  if (WeftError.isInstance(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
