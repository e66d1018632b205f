/** Cells of the Markdown tables of harness/report.ts, report-data.ts and targets.ts. */
import { comparedAs } from './jobs.js';
import type { WorkloadRecord } from './report-records.js';
import { round } from './stats.js';

/** `engine config`, with the workload when it is a variant (`mastra libsql-file (W4-libsql-file)`). */
export function label(record: WorkloadRecord): string {
  return record.workload === comparedAs(record.workload)
    ? `${record.engine} ${record.config}`
    : `${record.engine} ${record.config} (${record.workload})`;
}

/** A number for a table cell, `-` when missing. */
export function cell(value: number | undefined, digits = 3): string {
  return value === undefined || !Number.isFinite(value) ? '-' : String(round(value, digits));
}

/** `a / b` for a table cell (3 digits below 0.1), `-` when either is missing. */
export function ratio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || b === 0) return '-';
  return round(a / b, a / b < 0.1 ? 3 : 2).toString();
}
