/** The records of one bench run, as written to the JSON lines (one per job, one per cold start item). */
import type { DataItem } from './measure-data.js';
import type { WorkloadName } from './workloads.js';

export interface WorkloadRecord {
  readonly kind: 'workload';
  readonly engine: string;
  readonly config: string;
  readonly workload: WorkloadName;
  readonly error?: string;
  readonly unexpected_success?: boolean;
  readonly runs?: number;
  /** Wall time of the whole job (process start to exit), s. */
  readonly child_wall_s?: number;
  readonly median_ms?: number;
  readonly p95_ms?: number;
  readonly cpu_median_ms?: number;
  readonly peak_rss_mb?: number;
  readonly rss_before_mb?: number;
  readonly loadavg_1m?: number;
  readonly runs_per_s?: number;
  readonly phases_median_ms?: Record<string, number>;
  /** weft on SQL storage: commits of one run (W5: one batch), see harness/commit-counter.ts. */
  readonly commits_per_run?: number;
  /** W6 (harness/host-load.ts). */
  readonly req_per_s?: number;
  readonly requests_total?: number;
  readonly latency_p50_ms?: number;
  readonly latency_p97_5_ms?: number;
  readonly latency_p99_ms?: number;
  readonly latency_max_ms?: number;
  readonly little_mean_ms?: number;
  readonly cpu_ms_per_req?: number;
  /** W7/W8 (harness/measure-data.ts). */
  readonly items?: readonly DataItem[];
}

export interface ColdStartRecord {
  readonly kind: 'cold-start';
  readonly engine: string;
  readonly item: string;
  readonly median_ms?: number;
  readonly p95_ms?: number;
  readonly min_ms?: number;
  readonly runs?: number;
  readonly loadavg_1m?: number;
  readonly error?: string;
}
