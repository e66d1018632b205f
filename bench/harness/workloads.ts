/**
 * The workloads of bench/WORKLOADS.md as the harness knows them: run counts (scaled by
 * BENCH_SCALE), whether one measurement is a run or a batch, and the check of every result.
 */

export type WorkloadName =
  | 'W1'
  | 'W1-1step'
  | 'W2'
  | 'W3'
  | 'W3-openai-http'
  | 'W4'
  | 'W4-nostorage'
  | 'W4-libsql-memory'
  | 'W4-libsql-file'
  | 'W5'
  | 'W6a'
  | 'W6b'
  | 'W7'
  | 'W8';

/** What one measured run hands back: its output, and for W4 the time of each phase (ms). */
export interface RunOutcome {
  readonly output: unknown;
  readonly phases?: Readonly<Record<string, number>>;
}

/** An engine's prepared workload: one call of `run` is one measured unit (a run, or a W5 batch). */
export interface PreparedWorkload {
  run(): Promise<RunOutcome>;
  /**
   * Numbers taken after the measured runs, outside any timer (weft on disk: the storage commits
   * of one more run, `commits_per_run`).
   */
  extras?(): Promise<Record<string, number>>;
  close?(): Promise<void>;
}

/** What an engine module exports: `prepare(config, workload)`, done once outside any timer. */
export type PrepareWorkload = (config: string, workload: WorkloadName) => Promise<PreparedWorkload>;

/** The W5 batch size (concurrent runs per batch); fixed, never scaled. */
export const batchSize = 1_000;

interface WorkloadPlan {
  readonly warmup: number;
  readonly runs: number;
  /** Per-run base counts of WORKLOADS.md before scaling. */
  readonly baseWarmup: number;
  readonly baseRuns: number;
  readonly check: (output: unknown) => void;
}

/** BENCH_SCALE (default 1): multiplies the run counts; at least 3 measured runs and 5 warmup runs (W5: 1 warmup batch). */
export function benchScale(): number {
  const raw = process.env.BENCH_SCALE;
  if (raw === undefined || raw === '') return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0)
    throw new Error(`BENCH_SCALE must be a positive number (got ${raw})`);
  return scale;
}

/**
 * True below BENCH_SCALE 0.25: a smoke run that checks every answer and must stay short (one W5
 * batch and no warmup batch, 1 s of W6 load, no extra W6 servers); its numbers are indicative only.
 */
export function isSmokeScale(): boolean {
  return benchScale() < 0.25;
}

function plan(baseWarmup: number, baseRuns: number, check: (output: unknown) => void): WorkloadPlan {
  const scale = benchScale();
  return {
    baseWarmup,
    baseRuns,
    warmup: Math.min(baseWarmup, Math.max(5, Math.round(baseWarmup * scale))),
    runs: Math.max(3, Math.round(baseRuns * scale)),
    check,
  };
}

function expectN(want: number): (output: unknown) => void {
  return (output) => {
    const n = (output as { n?: unknown } | null)?.n;
    if (n !== want) throw new Error(`wrong answer: expected { n: ${want} }, got ${JSON.stringify(output)}`);
  };
}

function expectSum(output: unknown): void {
  const sum = (output as { sum?: unknown } | null)?.sum;
  if (sum !== 1225) throw new Error(`wrong answer: expected { sum: 1225 }, got ${JSON.stringify(output)}`);
}

/** W3's answer: the final text and how many times the scripted model was called for it. */
export interface AgentAnswer {
  readonly text: string;
  readonly modelCalls: number;
}

function expectAgentAnswer(output: unknown): void {
  const { text, modelCalls } = (output ?? {}) as Partial<AgentAnswer>;
  if (text !== 'The sum is 5' || modelCalls !== 2)
    throw new Error(
      `wrong answer: expected "The sum is 5" after 2 model calls, got ${JSON.stringify(output)}`,
    );
}

function expectBatch(output: unknown): void {
  if (!Array.isArray(output) || output.length !== batchSize) {
    throw new Error(
      `wrong answer: expected ${batchSize} outputs, got ${Array.isArray(output) ? output.length : typeof output}`,
    );
  }
  const check = expectN(10);
  for (const one of output) check(one);
}

/** The plan of a workload at the current BENCH_SCALE. */
export function workloadPlan(name: WorkloadName): WorkloadPlan {
  switch (name) {
    case 'W1':
      return plan(20, 200, expectN(50));
    case 'W1-1step':
      return plan(20, 200, expectN(1));
    case 'W2':
      return plan(20, 200, expectSum);
    case 'W3':
    case 'W3-openai-http':
      return plan(20, 500, expectAgentAnswer);
    case 'W4':
    case 'W4-libsql-memory':
    case 'W4-libsql-file':
      return plan(20, 200, expectN(12));
    case 'W4-nostorage':
      return { baseWarmup: 0, baseRuns: 1, warmup: 0, runs: 1, check: expectN(12) };
    case 'W5': {
      const scaled = plan(1, 5, expectBatch);
      // A smoke run (BENCH_SCALE < 0.25) measures one batch and warms up none: a LangGraph batch
      // alone takes ~7 s.
      return isSmokeScale() ? { ...scaled, warmup: 0, runs: 1 } : { ...scaled, warmup: 1 };
    }
    case 'W6a':
    case 'W6b':
    case 'W7':
    case 'W8':
      throw new Error(
        `${name} is not measured run by run (see harness/host-load.ts, harness/measure-data.ts)`,
      );
  }
}

/** A W4 phase timer: `phase()` returns the ms since the previous call (or since creation). */
export function phaseTimer(): () => number {
  let last = process.hrtime.bigint();
  return () => {
    const now = process.hrtime.bigint();
    const ms = Number(now - last) / 1e6;
    last = now;
    return ms;
  };
}
