import type { ListPage, RunDocument, RunEvent, RunStatus } from '../runtime/public/api-types.js';

/** How a run command sees the project: opened here, or through the host that holds its storage. */
export interface RunTarget {
  /** `local` (this process opened the project) or the URL of the host used. */
  readonly via: string;
  start(
    workflow: string,
    input: unknown,
    waitMs: number,
    onEvent: (event: RunEvent) => void,
  ): Promise<RunDocument>;
  resume(
    runId: string,
    request: { step?: string; data: unknown },
    waitMs: number,
    onEvent: (event: RunEvent) => void,
  ): Promise<RunDocument>;
  show(runId: string): Promise<RunDocument>;
  list(query: { workflow?: string; status?: RunStatus; limit: number }): Promise<ListPage<RunDocument>>;
  cancel(runId: string): Promise<RunDocument>;
  close(): Promise<void>;
}

/** The run statuses a `--status` option accepts. */
export const runStatuses: readonly RunStatus[] = [
  'running',
  'suspended',
  'sleeping',
  'completed',
  'failed',
  'cancelled',
];
