/**
 * The measurement loop of bench/WORKLOADS.md, in the child process: warmup runs (checked),
 * `gc()` once, then each measured run timed alone with `process.hrtime.bigint()` and its CPU
 * time from `process.cpuUsage()`, RSS sampled every 5 ms. Every result is checked after its
 * timer stops; a wrong answer throws.
 */
import { loadavg } from 'node:os';
import { RssSampler } from './rss-sampler.js';
import { median, p95, round } from './stats.js';
import { type PreparedWorkload, type WorkloadName, workloadPlan } from './workloads.js';

const mb = 1024 * 1024;

/** The numbers of one (engine, configuration, workload), as written to the JSON lines. */
export interface Measurement {
  readonly warmup: number;
  readonly runs: number;
  readonly median_ms: number;
  readonly p95_ms: number;
  readonly min_ms: number;
  readonly max_ms: number;
  readonly cpu_median_ms: number;
  readonly peak_rss_mb: number;
  readonly rss_before_mb: number;
  readonly loadavg_1m: number;
  readonly loadavg_1m_end: number;
  readonly phases_median_ms?: Record<string, number>;
}

function forceGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run the child with node --expose-gc');
  gc();
}

export async function measure(workload: WorkloadName, prepared: PreparedWorkload): Promise<Measurement> {
  const plan = workloadPlan(workload);
  for (let i = 0; i < plan.warmup; i += 1) plan.check((await prepared.run()).output);
  forceGc();
  const loadBefore = loadavg()[0] ?? Number.NaN;
  const rssBefore = process.memoryUsage.rss();
  const sampler = new RssSampler();
  sampler.start(5);
  const wall: number[] = [];
  const cpu: number[] = [];
  const phases = new Map<string, number[]>();
  for (let i = 0; i < plan.runs; i += 1) {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    const outcome = await prepared.run();
    const end = process.hrtime.bigint();
    const cpuUsed = process.cpuUsage(cpuStart);
    plan.check(outcome.output);
    wall.push(Number(end - start) / 1e6);
    cpu.push((cpuUsed.user + cpuUsed.system) / 1000);
    for (const [name, ms] of Object.entries(outcome.phases ?? {})) {
      const list = phases.get(name) ?? [];
      list.push(ms);
      phases.set(name, list);
    }
  }
  const peak = sampler.stop();
  const measurement: Measurement = {
    warmup: plan.warmup,
    runs: plan.runs,
    median_ms: round(median(wall), 4),
    p95_ms: round(p95(wall), 4),
    min_ms: round(Math.min(...wall), 4),
    max_ms: round(Math.max(...wall), 4),
    cpu_median_ms: round(median(cpu), 4),
    peak_rss_mb: round(peak / mb, 1),
    rss_before_mb: round(rssBefore / mb, 1),
    loadavg_1m: round(loadBefore, 2),
    loadavg_1m_end: round(loadavg()[0] ?? Number.NaN, 2),
  };
  if (phases.size === 0) return measurement;
  const phasesMedian: Record<string, number> = {};
  for (const [name, list] of phases) phasesMedian[name] = round(median(list), 4);
  return { ...measurement, phases_median_ms: phasesMedian };
}

/**
 * A workload that must fail (Mastra's W4 without storage): one attempt, the error recorded.
 * Succeeding with the right answer is reported too (the peer changed its behaviour).
 */
export async function expectFailure(
  prepared: PreparedWorkload,
): Promise<{ error: string } | { unexpected_success: true }> {
  try {
    const outcome = await prepared.run();
    workloadPlan('W4-nostorage').check(outcome.output);
    return { unexpected_success: true };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
