/**
 * The contract of W7 (memory) and W8 (vectors) of bench/WORKLOADS.md: what an engine module
 * exports for them (`prepareMemory`, `prepareVectors`), and the sizes at the current BENCH_SCALE.
 * The measuring itself is engine-independent (harness/measure-data.ts).
 */
import { benchScale } from './workloads.js';

/** W7: one engine's memory, prepared once (store created, outside any timer). */
export interface MemoryWorkload {
  /** Saves one user message whose text is `text` to `thread` (creating the thread on first use is the engine's business). */
  save(thread: string, text: string): Promise<void>;
  /**
   * The ways this engine recalls the last `count` messages of a thread (`remember` = what an agent
   * call does, `query`, `storage` = the store alone...). Each resolves the texts, oldest first.
   */
  readonly recalls: Readonly<Record<string, (thread: string, count: number) => Promise<readonly string[]>>>;
  /** What the save does besides storing, shown next to it (weft: embeds and indexes the message). */
  readonly note?: string;
  close(): Promise<void>;
}

/** One vector of W8 with its small metadata. */
export interface VectorItem {
  readonly id: string;
  readonly vector: readonly number[];
  readonly metadata: { readonly i: number; readonly group: string };
}

/** W8: one engine's vector store, prepared once (store opened, outside any timer). */
export interface VectorWorkload {
  /** Creates the index `bench` (cosine). */
  createIndex(dimension: number): Promise<void>;
  upsert(batch: readonly VectorItem[]): Promise<void>;
  /** `describeIndex` (+ `listIndexes`): how many vectors the index holds. */
  count(): Promise<number>;
  /** The ids of the `topK` nearest vectors, best first. */
  query(vector: readonly number[], topK: number): Promise<readonly string[]>;
  /** Which store this is, shown next to the ingest. */
  readonly note?: string;
  close(): Promise<void>;
}

export type PrepareMemory = (config: string) => Promise<MemoryWorkload>;
export type PrepareVectors = (config: string) => Promise<VectorWorkload>;

/**
 * The W7 and W8 sizes at the current BENCH_SCALE (WORKLOADS.md at scale 1). Below scale 1 the
 * W8 vector count, batch size and the per-step cap shrink with the scale (at 0.05: 500 vectors in
 * batches of 25, 20 s per step), so a smoke run stays short even where an engine ingests slowly.
 */
export function dataPlan(): {
  readonly saves: number;
  readonly saveWarmup: number;
  readonly recalls: number;
  readonly recallWarmup: number;
  readonly recallCount: number;
  readonly vectors: number;
  readonly dimension: number;
  readonly batch: number;
  readonly queries: number;
  readonly queryWarmup: number;
  readonly topK: number;
  readonly stepCapMs: number;
} {
  const scale = benchScale();
  return {
    saves: Math.max(40, Math.round(1_000 * scale)),
    saveWarmup: Math.min(20, Math.max(5, Math.round(20 * scale))),
    recalls: Math.max(3, Math.round(200 * scale)),
    recallWarmup: Math.min(20, Math.max(5, Math.round(20 * scale))),
    recallCount: 20,
    vectors: Math.max(500, Math.round(10_000 * Math.min(1, scale))),
    dimension: 384,
    batch: scale >= 1 ? 500 : Math.max(25, Math.round(500 * scale)),
    queries: Math.max(3, Math.round(200 * scale)),
    queryWarmup: Math.min(20, Math.max(5, Math.round(20 * scale))),
    topK: 10,
    stepCapMs: scale >= 1 ? 300_000 : Math.max(20_000, Math.round(300_000 * scale)),
  };
}
