import { randomUUID } from 'node:crypto';
import { weftError } from './errors/create-weft-error.js';
import { WeftError } from './errors/weft-error.js';
import type { StorageV1 } from './spec/v1/storage.js';
import type { ToolExecutorV1 } from './spec/v1/tool-executor.js';
import { fromRunError } from './workflow/retry-policy.js';
import type { WorkflowEngine } from './workflow/workflow-engine.js';

/**
 * Workflows used as tools (a `workflow` tool executor, an agent's `workflows:`): each call starts a
 * run and waits for its output; an aborted call cancels its run. Runs started by an agent's
 * workflow tool remember the agent depth, so the agent steps inside them (and in their child
 * runs) continue the depth count instead of restarting it.
 *
 * @example
 * const workflows = new WorkflowAsTool(enginePromise, storage);
 * const output = await workflows.executor('order-approval')(input, context);
 */
export class WorkflowAsTool {
  /** The agent depth of runs that agents' workflow tools started, while they execute. */
  private readonly agentDepths = new Map<string, number>();

  constructor(
    private readonly ready: Promise<WorkflowEngine>,
    private readonly storage: StorageV1,
  ) {}

  /**
   * A workflow as a tool: a run, waited for. When the call's signal aborts, the run is cancelled and
   * the call ends at once with the signal's reason. `agentDepth` (an agent's workflow tool) is the
   * depth the run's `agent` steps start at.
   */
  executor(workflowName: string, agentDepth?: number): ToolExecutorV1 {
    return async (input, { signal }) => {
      const engine = await this.ready;
      if (signal.aborted) throw abortReason(signal);
      const runId = randomUUID();
      if (agentDepth !== undefined) this.agentDepths.set(runId, agentDepth);
      const started = engine.start(workflowName, input, { runId, assumeNew: true });
      const cancel = () => void engine.cancel(runId).catch(() => undefined);
      void started.then(
        ({ record }) => {
          this.agentDepths.delete(runId);
          if (signal.aborted && (record.status === 'suspended' || record.status === 'sleeping')) cancel();
        },
        () => this.agentDepths.delete(runId),
      );
      const { record } = await untilAborted(started, signal, cancel);
      if (record.status === 'completed') return record.output ?? null;
      if (record.status === 'failed' && record.error !== undefined) throw fromRunError(record.error);
      throw weftError('CHILD_RUN_FAILED', {
        message: `Workflow "${workflowName}" used as a tool ended ${record.status}.`,
        details: { runId: record.id, status: record.status },
      });
    };
  }

  /** The agent depth of a run's `agent` steps: its own, or that of the run it is a child of. */
  async agentDepthOfRun(runId: string): Promise<number | undefined> {
    if (this.agentDepths.size === 0) return undefined;
    let id: string | undefined = runId;
    for (let hops = 0; id !== undefined && hops < 64; hops += 1) {
      const depth = this.agentDepths.get(id);
      if (depth !== undefined) return depth;
      id = (await this.storage.getRun(id))?.parentRunId;
    }
    return undefined;
  }
}

/** `work`, or the signal's reason as soon as it aborts (after calling `onAbort`). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal, onAbort: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort();
      reject(abortReason(signal));
    };
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

function abortReason(signal: AbortSignal): unknown {
  const reason: unknown = signal.reason;
  return WeftError.isInstance(reason) ? reason : weftError('RUN_CANCELLED', { cause: reason });
}
