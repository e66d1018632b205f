/**
 * The measuring of W7 (memory save/recall) and W8 (vector ingest/query/recall) of
 * bench/WORKLOADS.md, the same for every engine: warmup calls first (checked), `gc()` once, then
 * each call timed alone (`process.hrtime.bigint()`, CPU from `process.cpuUsage()`), RSS sampled
 * every 5 ms over the whole workload. Every recall is checked (the right 20 texts, oldest first),
 * every query's recall@10 is computed against the exact cosine top 10 outside the timer; a W8
 * step is capped at 300 s and reports what it finished.
 */
import { loadavg } from 'node:os';
import { dataPlan, type MemoryWorkload, type VectorWorkload } from './data-workloads.js';
import { RssSampler } from './rss-sampler.js';
import { median, p95, round } from './stats.js';
import { ExactSearch, seededVectors } from './vector-data.js';

const mb = 1024 * 1024;

/** One measured item of W7/W8 (`save`, `recall remember`, `ingest`, `query`...). */
export interface DataItem {
  readonly item: string;
  readonly runs: number;
  readonly median_ms: number;
  readonly p95_ms: number;
  readonly cpu_median_ms?: number;
  readonly total_s?: number;
  readonly recall_at_10?: number;
  readonly note?: string;
}

export interface DataMeasurement {
  readonly items: readonly DataItem[];
  readonly median_ms: number;
  readonly p95_ms: number;
  readonly peak_rss_mb: number;
  readonly rss_before_mb: number;
  readonly loadavg_1m: number;
  readonly loadavg_1m_end: number;
}

function forceGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run the child with node --expose-gc');
  gc();
}

async function timed(call: () => Promise<void>): Promise<{ wall: number; cpu: number }> {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  await call();
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpuStart);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

function summary(item: string, wall: number[], cpu: number[], extra: Partial<DataItem> = {}): DataItem {
  return {
    item,
    runs: wall.length,
    median_ms: round(median(wall), 4),
    p95_ms: round(p95(wall), 4),
    cpu_median_ms: round(median(cpu), 4),
    ...extra,
  };
}

async function withSampler(
  body: () => Promise<DataItem[]>,
  headline: (items: DataItem[]) => DataItem | undefined,
): Promise<DataMeasurement> {
  forceGc();
  const loadBefore = loadavg()[0] ?? Number.NaN;
  const rssBefore = process.memoryUsage.rss();
  const sampler = new RssSampler();
  sampler.start(5);
  const items = await body();
  const peak = sampler.stop();
  const main = headline(items);
  return {
    items,
    median_ms: main?.median_ms ?? Number.NaN,
    p95_ms: main?.p95_ms ?? Number.NaN,
    peak_rss_mb: round(peak / mb, 1),
    rss_before_mb: round(rssBefore / mb, 1),
    loadavg_1m: round(loadBefore, 2),
    loadavg_1m_end: round(loadavg()[0] ?? Number.NaN, 2),
  };
}

function checkRecall(name: string, texts: readonly string[], saves: number, count: number): void {
  const want = Array.from({ length: count }, (_, k) => `message ${saves - count + k}`);
  if (texts.length !== count || texts.some((text, k) => text !== want[k])) {
    throw new Error(
      `wrong answer (${name}): expected the last ${count} messages, oldest first (${want[0]} ... ${want[count - 1]}), got ${JSON.stringify(texts.slice(0, 3))}... (${texts.length})`,
    );
  }
}

/**
 * W7: `saves` single-message saves to one thread (after warmup saves to another), then each
 * recall way: warmup + measured calls of "the last 20 messages", each checked.
 * The headline (median/p95) is `recall remember` when the engine has it, else the first recall.
 */
export async function measureMemory(memory: MemoryWorkload): Promise<DataMeasurement> {
  const plan = dataPlan();
  for (let i = 0; i < plan.saveWarmup; i += 1) await memory.save('warmup-thread', `warmup ${i}`);
  return withSampler(
    async () => {
      const items: DataItem[] = [];
      const wall: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < plan.saves; i += 1) {
        const one = await timed(() => memory.save('bench-thread', `message ${i}`));
        wall.push(one.wall);
        cpu.push(one.cpu);
      }
      items.push(
        summary('save one message', wall, cpu, memory.note === undefined ? {} : { note: memory.note }),
      );
      for (const [name, recall] of Object.entries(memory.recalls)) {
        for (let i = 0; i < plan.recallWarmup; i += 1)
          checkRecall(name, await recall('bench-thread', plan.recallCount), plan.saves, plan.recallCount);
        const recallWall: number[] = [];
        const recallCpu: number[] = [];
        for (let i = 0; i < plan.recalls; i += 1) {
          let texts: readonly string[] = [];
          const one = await timed(async () => {
            texts = await recall('bench-thread', plan.recallCount);
          });
          checkRecall(name, texts, plan.saves, plan.recallCount);
          recallWall.push(one.wall);
          recallCpu.push(one.cpu);
        }
        items.push(summary(`recall last 20 (${name})`, recallWall, recallCpu));
      }
      return items;
    },
    (items) => items.find((item) => item.item === 'recall last 20 (remember)') ?? items[1],
  );
}

/**
 * W8: createIndex, `vectors` seeded vectors upserted in batches of 500 (capped at 300 s), the
 * count checked through describeIndex, then warmup + measured `query({ topK: 10 })` with fresh
 * random vectors (capped at 300 s), recall@10 of each against the exact top 10 of the vectors
 * actually ingested. The headline (median/p95) is the query.
 */
export async function measureVectors(store: VectorWorkload): Promise<DataMeasurement> {
  const plan = dataPlan();
  const data = seededVectors(plan.vectors, plan.dimension, 1);
  const queries = seededVectors(plan.queryWarmup + plan.queries, plan.dimension, 2).map((q) => q.vector);
  const exact = new ExactSearch();
  exact.reset(plan.dimension);
  return withSampler(
    async () => {
      const items: DataItem[] = [];
      const ingestStart = process.hrtime.bigint();
      const elapsed = () => Number(process.hrtime.bigint() - ingestStart) / 1e6;
      await store.createIndex(plan.dimension);
      const batchWall: number[] = [];
      const batchCpu: number[] = [];
      let ingested = 0;
      for (let offset = 0; offset < data.length && elapsed() < plan.stepCapMs; offset += plan.batch) {
        const batch = data.slice(offset, offset + plan.batch);
        const one = await timed(() => store.upsert(batch));
        batchWall.push(one.wall);
        batchCpu.push(one.cpu);
        ingested += batch.length;
      }
      const ingestMs = elapsed();
      exact.add(data.slice(0, ingested));
      const stored = await store.count();
      if (stored !== ingested)
        throw new Error(`wrong answer: the index holds ${stored} vectors, ${ingested} were upserted`);
      items.push(
        summary(`ingest ${ingested} x ${plan.dimension} (per batch of ${plan.batch})`, batchWall, batchCpu, {
          total_s: round(ingestMs / 1000, 3),
          note: [store.note, ingested < data.length ? `capped at ${plan.stepCapMs / 1000} s` : undefined]
            .filter((text) => text !== undefined)
            .join('; '),
        }),
      );
      for (const query of queries.slice(0, plan.queryWarmup)) await store.query(query, plan.topK);
      const wall: number[] = [];
      const cpu: number[] = [];
      let recallSum = 0;
      const queryStart = process.hrtime.bigint();
      for (const query of queries.slice(plan.queryWarmup)) {
        if (Number(process.hrtime.bigint() - queryStart) / 1e6 > plan.stepCapMs) break;
        let ids: readonly string[] = [];
        const one = await timed(async () => {
          ids = await store.query(query, plan.topK);
        });
        if (ids.length !== plan.topK)
          throw new Error(`wrong answer: query returned ${ids.length} ids, expected ${plan.topK}`);
        const truth = new Set(exact.top(query, plan.topK));
        recallSum += ids.filter((id) => truth.has(id)).length / plan.topK;
        wall.push(one.wall);
        cpu.push(one.cpu);
      }
      items.push(
        summary(`query topK ${plan.topK}`, wall, cpu, {
          recall_at_10: round(recallSum / wall.length, 4),
          ...(wall.length < plan.queries ? { note: `capped at ${plan.stepCapMs / 1000} s` } : {}),
        }),
      );
      return items;
    },
    (items) => items.find((item) => item.item.startsWith('query')),
  );
}
