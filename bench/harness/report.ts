/**
 * The Markdown summary of one bench run: per workload each engine+config's median, p95, CPU,
 * peak RSS (and W5 runs/s, W4 phases), weft's ratio to each peer (weft / peer: below 1 means
 * weft is faster), W1's per-step costs, and the cold start.
 */
import { comparedAs } from './jobs.js';
import { dataTables, hostTables } from './report-data.js';
import { cell, label, ratio } from './report-format.js';
import type { ColdStartRecord, WorkloadRecord } from './report-records.js';
import { round } from './stats.js';
import { targetTable } from './targets.js';
import { batchSize } from './workloads.js';

export type { ColdStartRecord, WorkloadRecord } from './report-records.js';

const order = ['W1', 'W1-1step', 'W2', 'W3', 'W4', 'W5'];

function workloadTable(group: string, records: WorkloadRecord[]): string[] {
  const w5 = group === 'W5';
  const w4 = group === 'W4';
  const head = [
    'engine config',
    'runs',
    'median ms',
    'p95 ms',
    'CPU ms',
    'peak RSS MB',
    'RSS before MB',
    'load 1m',
  ];
  if (w5) head.push('runs/s');
  if (w4) head.push('start→suspend ms', 'resume→complete ms');
  const perCommit = records.some((r) => r.commits_per_run !== undefined);
  if (perCommit) head.push('commits/run', 'ms/commit');
  const lines = [
    `### ${group}`,
    '',
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
  ];
  for (const r of records) {
    if (r.error !== undefined || r.median_ms === undefined) {
      const error = (r.error ?? '').slice(0, 160);
      const text = r.unexpected_success
        ? 'succeeded (expected to fail)'
        : r.workload === 'W4-nostorage'
          ? `fails as expected: ${error}`
          : `error: ${error}`;
      lines.push(`| ${label(r)} | ${text} |${' |'.repeat(head.length - 2)}`);
      continue;
    }
    const row = [
      label(r),
      String(r.runs),
      cell(r.median_ms),
      cell(r.p95_ms),
      cell(r.cpu_median_ms),
      cell(r.peak_rss_mb, 1),
      cell(r.rss_before_mb, 1),
      cell(r.loadavg_1m, 2),
    ];
    if (w5) row.push(cell(r.runs_per_s, 0));
    if (w4)
      row.push(cell(r.phases_median_ms?.start_to_suspend), cell(r.phases_median_ms?.resume_to_complete));
    if (perCommit)
      row.push(
        cell(r.commits_per_run, 0),
        r.commits_per_run === undefined || r.commits_per_run === 0
          ? '-'
          : cell((r.median_ms as number) / r.commits_per_run, 4),
      );
    lines.push(`| ${row.join(' | ')} |`);
  }
  const weft = records.filter((r) => r.engine === 'weft' && r.median_ms !== undefined);
  const peers = records.filter((r) => r.engine !== 'weft' && r.median_ms !== undefined);
  if (weft.length > 0 && peers.length > 0) {
    const cols = peers.map(label);
    lines.push(
      '',
      `weft / peer (median wall; CPU in brackets; < 1 = weft faster):`,
      '',
      `| weft | ${cols.join(' | ')} |`,
      `|---|${cols.map(() => '---:').join('|')}|`,
    );
    for (const w of weft) {
      lines.push(
        `| ${w.workload === group ? w.config : `${w.config} (${w.workload})`} | ${peers.map((p) => `${ratio(w.median_ms, p.median_ms)} (${ratio(w.cpu_median_ms, p.cpu_median_ms)})`).join(' | ')} |`,
      );
    }
  }
  lines.push('');
  return lines;
}

function perStepTable(records: WorkloadRecord[]): string[] {
  const fifty = records.filter((r) => r.workload === 'W1' && r.median_ms !== undefined);
  if (fifty.length === 0) return [];
  const lines = [
    '### W1 per-step cost',
    '',
    '| engine config | per_step_ms (median/50) | marginal_step_ms | one_step_run_median_ms |',
    '|---|---:|---:|---:|',
  ];
  for (const r of fifty) {
    const one = records.find(
      (o) =>
        o.workload === 'W1-1step' &&
        o.engine === r.engine &&
        o.config === r.config &&
        o.median_ms !== undefined,
    );
    const median = r.median_ms as number;
    const marginal = one?.median_ms === undefined ? undefined : (median - one.median_ms) / 49;
    lines.push(
      `| ${label(r)} | ${cell(median / 50, 4)} | ${cell(marginal, 4)} | ${cell(one?.median_ms, 4)} |`,
    );
  }
  lines.push('');
  return lines;
}

function coldStartTable(records: ColdStartRecord[]): string[] {
  if (records.length === 0) return [];
  const lines = [
    '### Cold start (fresh node process, spawn to exit)',
    '',
    '| engine | item | median ms | p95 ms | min ms | load 1m |',
    '|---|---|---:|---:|---:|---:|',
  ];
  for (const r of records) {
    lines.push(
      r.error === undefined
        ? `| ${r.engine} | ${r.item} | ${cell(r.median_ms, 1)} | ${cell(r.p95_ms, 1)} | ${cell(r.min_ms, 1)} | ${cell(r.loadavg_1m, 2)} |`
        : `| ${r.engine} | ${r.item} | error: ${r.error.split('\n')[0]?.slice(0, 160)} | | | |`,
    );
  }
  lines.push('');
  return lines;
}

/** Adds W5's runs/s to a record. */
export function withRunsPerSecond(record: WorkloadRecord): WorkloadRecord {
  if (record.workload !== 'W5' || record.median_ms === undefined) return record;
  return { ...record, runs_per_s: round(batchSize / (record.median_ms / 1000), 1) };
}

export function markdownReport(
  header: string,
  workloads: WorkloadRecord[],
  coldStart: ColdStartRecord[],
): string {
  const lines = [header, ''];
  for (const group of order) {
    const records = workloads.filter((r) => comparedAs(r.workload) === group);
    if (records.length > 0) lines.push(...workloadTable(group, records));
  }
  lines.push(
    ...hostTables(workloads),
    ...dataTables(workloads),
    ...perStepTable(workloads),
    ...coldStartTable(coldStart),
    ...targetTable(workloads, coldStart),
  );
  return lines.join('\n');
}
