/**
 * The Markdown tables of W6 (host throughput: req/s, latency, server CPU per request, peak RSS,
 * weft's ratio to each other server) and W7/W8 (one row per engine and measured item). A weft
 * row whose feature has not landed yet is shown as `pending`, never filled in.
 */
import { cell, label, ratio } from './report-format.js';
import type { WorkloadRecord } from './report-records.js';

function errorRow(r: WorkloadRecord, columns: number): string {
  const error = (r.error ?? '').split('\n')[0]?.slice(0, 200) ?? '';
  const text = error.startsWith('pending') ? error : `error: ${error}`;
  return `| ${label(r)} | ${text} |${' |'.repeat(columns - 2)}`;
}

function hostTable(workload: 'W6a' | 'W6b', title: string, records: WorkloadRecord[]): string[] {
  const rows = records.filter((r) => r.workload === workload);
  if (rows.length === 0) return [];
  const head = [
    'server',
    'req/s',
    'p50 ms',
    'p97.5 ms',
    'p99 ms',
    'max ms',
    'mean ms (Little)',
    'server CPU ms/req',
    'server peak RSS MB',
    'requests',
  ];
  const lines = [
    `### ${workload}: ${title}`,
    '',
    `| ${head.join(' | ')} |`,
    `|---|${head
      .slice(1)
      .map(() => '---:')
      .join('|')}|`,
  ];
  for (const r of rows) {
    if (r.req_per_s === undefined) {
      lines.push(errorRow(r, head.length));
      continue;
    }
    lines.push(
      `| ${label(r)} | ${cell(r.req_per_s, 0)} | ${cell(r.latency_p50_ms)} | ${cell(r.latency_p97_5_ms)} | ${cell(r.latency_p99_ms)} | ${cell(r.latency_max_ms)} | ${cell(r.little_mean_ms)} | ${cell(r.cpu_ms_per_req, 4)} | ${cell(r.peak_rss_mb, 1)} | ${cell(r.requests_total, 0)} |`,
    );
  }
  const weft = rows.filter((r) => r.engine === 'weft' && r.req_per_s !== undefined);
  const others = rows.filter((r) => r.engine !== 'weft' && r.req_per_s !== undefined);
  if (weft.length > 0 && others.length > 0) {
    lines.push(
      '',
      'weft req/s / other req/s (> 1 = weft serves more):',
      '',
      `| weft | ${others.map(label).join(' | ')} |`,
      `|---|${others.map(() => '---:').join('|')}|`,
    );
    for (const w of weft)
      lines.push(`| ${w.config} | ${others.map((o) => ratio(w.req_per_s, o.req_per_s)).join(' | ')} |`);
  }
  lines.push('');
  return lines;
}

/** W6a and W6b. */
export function hostTables(records: WorkloadRecord[]): string[] {
  return [
    ...hostTable('W6a', 'execute a trivial tool over HTTP (autocannon -c 10)', records),
    ...hostTable('W6b', 'start a 10-step workflow run and wait for it over HTTP (autocannon -c 10)', records),
  ];
}

function dataTable(workload: 'W7' | 'W8', title: string, records: WorkloadRecord[]): string[] {
  const rows = records.filter((r) => r.workload === workload);
  if (rows.length === 0) return [];
  const head = [
    'engine config',
    'item',
    'runs',
    'median ms',
    'p95 ms',
    'CPU ms',
    'total s',
    'recall@10',
    'peak RSS MB',
    'note',
  ];
  const lines = [
    `### ${workload}: ${title}`,
    '',
    `| ${head.join(' | ')} |`,
    `|---|---|${head
      .slice(2)
      .map(() => '---:')
      .join('|')}|`,
  ];
  for (const r of rows) {
    if (r.items === undefined) {
      lines.push(errorRow(r, head.length));
      continue;
    }
    for (const item of r.items) {
      lines.push(
        `| ${label(r)} | ${item.item} | ${item.runs} | ${cell(item.median_ms, 4)} | ${cell(item.p95_ms, 4)} | ${cell(item.cpu_median_ms, 4)} | ${cell(item.total_s)} | ${cell(item.recall_at_10, 4)} | ${cell(r.peak_rss_mb, 1)} | ${item.note ?? ''} |`,
      );
    }
  }
  lines.push('');
  return lines;
}

/** W7 and W8. */
export function dataTables(records: WorkloadRecord[]): string[] {
  return [
    ...dataTable('W7', 'memory, save one message / recall the last 20', records),
    ...dataTable('W8', 'vectors, ingest / query topK 10 / recall@10', records),
  ];
}
