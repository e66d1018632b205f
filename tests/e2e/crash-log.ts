import { existsSync, readFileSync } from 'node:fs';
import type { JournalEntryV1, RunRecordV1 } from '../../runtime/spec/v1/storage.js';

/** One line of the crash fixture's log: a step execution that started. */
export interface LoggedExecution {
  readonly runId: string;
  readonly path: string;
  readonly attempt: number;
}

/**
 * Reads the crash fixture's log (`runId:stepPath:attempt` per line).
 *
 * @example
 * const executions = readCrashLog('/tmp/crash.log');
 */
export function readCrashLog(file: string): LoggedExecution[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const parts = line.split(':');
      const attempt = Number(parts.pop());
      const path = parts.pop() ?? '';
      return { runId: parts.join(':'), path, attempt };
    });
}

/** What `wait-runs.ts` prints: every run with its journal. */
export type RunReport = readonly { run: RunRecordV1; journal: JournalEntryV1[] }[];

/**
 * Checks the log against the journal: every step of every run was executed, and no step path was
 * executed again once journaled completed (a step in flight at the crash may run again, with a
 * higher attempt). Returns the problems found (none when recovery kept its promise).
 *
 * @example
 * expect(recoveryViolations(readCrashLog(log), report)).toEqual([]);
 */
export function recoveryViolations(executions: readonly LoggedExecution[], report: RunReport): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const execution of executions) {
    const key = `${execution.runId}:${execution.path}:${execution.attempt}`;
    if (seen.has(key)) problems.push(`${key} executed twice with the same attempt`);
    seen.add(key);
  }
  for (const { run, journal } of report) {
    for (const entry of journal.filter((e) => e.status === 'completed')) {
      const runs = executions.filter((e) => e.runId === run.id && e.path === entry.path);
      if (runs.length === 0) problems.push(`${run.id}:${entry.path} completed without executing`);
      const after = runs.filter((e) => e.attempt > entry.attempt);
      if (after.length > 0)
        problems.push(
          `${run.id}:${entry.path} executed again after attempt ${entry.attempt} was journaled completed`,
        );
      if (runs.length > 2) problems.push(`${run.id}:${entry.path} executed ${runs.length} times`);
    }
  }
  return problems;
}
