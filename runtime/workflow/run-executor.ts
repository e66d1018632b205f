import { weftError } from '../errors/create-weft-error.js';
import type { WeftError } from '../errors/weft-error.js';
import { evaluateValue } from '../expressions/index.js';
import type { WorkflowGraphV1 } from '../spec/v1/graph.js';
import type { SchedulerV1 } from '../spec/v1/scheduler.js';
import type { JournalEntryV1, RunErrorV1, RunPatchV1, RunRecordV1, StorageV1 } from '../spec/v1/storage.js';
import { compileSchema } from '../tools/schema-validator.js';
import { runCompensations } from './compensate.js';
import type { LeaseKeeper } from './lease-keeper.js';
import { toRunError, toWeftError } from './retry-policy.js';
import { type EngineServices, type Frame, RunExecution } from './run-execution.js';
import { RunPause } from './run-pause.js';
import { runSteps } from './run-steps.js';

/** A run as it stands after an execution, with the journal entries this process knows. */
export interface RunOutcome {
  readonly record: RunRecordV1;
  readonly journal: readonly JournalEntryV1[];
}

const clearLease = { leaseOwner: null, leaseExpiresAt: null } as const;

/**
 * Executes runs in this process: holds the lease while a run executes, walks its steps, and
 * writes the run's end (completed, failed with compensations and `onError`, suspended, sleeping)
 * through a conditional update, so a cancelled run or a lost lease is never overwritten.
 *
 * @example
 * const outcome = await executor.execute(record, workflow, undefined); // a new run
 * outcome.record.status; // 'completed'
 */
export class RunExecutor {
  readonly executing = new Map<string, RunExecution>();
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly services: EngineServices,
    private readonly storage: StorageV1,
    private readonly leases: LeaseKeeper,
    private readonly scheduler: SchedulerV1,
    private readonly onFinished: (record: RunRecordV1) => void,
  ) {}

  /**
   * Executes (or continues, given its stored journal) a run whose lease this process holds. With
   * `onCreated`, `record` is a new run not yet in storage: its first journal write creates it (the
   * run and its first step's `started` entry in one commit), then `onCreated` is called; a failed
   * creation rejects with its error and nothing of the run executes.
   */
  async execute(
    record: RunRecordV1,
    workflow: WorkflowGraphV1,
    journal: readonly JournalEntryV1[] | undefined,
    onCreated?: () => void,
  ): Promise<RunOutcome> {
    const creation =
      onCreated === undefined
        ? undefined
        : {
            record,
            onCreated: () => {
              this.leases.hold(record.id);
              onCreated();
            },
          };
    const exec = new RunExecution(this.services, record.id, workflow, journal, creation);
    this.executing.set(record.id, exec);
    if (creation === undefined) this.leases.hold(record.id);
    const timer = this.armTimeout(exec, record);
    try {
      const final = await this.drive(exec, record);
      return { record: final, journal: exec.entries };
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      this.executing.delete(record.id);
      this.leases.release(record.id);
      if (this.executing.size === 0 && this.idleWaiters.length > 0) {
        for (const resolve of this.idleWaiters) resolve();
        this.idleWaiters = [];
      }
    }
  }

  /** Resolves when no run executes in this process. */
  whenIdle(): Promise<void> {
    if (this.executing.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async drive(exec: RunExecution, record: RunRecordV1): Promise<RunRecordV1> {
    const steps: Record<string, { output: unknown }> = {};
    const frame: Frame = {
      exec,
      scope: { input: record.input, steps },
      steps,
      prefix: '',
      signal: exec.signal,
    };
    try {
      const last = await runSteps(frame, exec.workflow.steps);
      if (exec.stopReason !== undefined) return this.stopped(exec, record);
      if (exec.signal.aborted) throw exec.signal.reason;
      const output = workflowOutput(exec.workflow, frame, last);
      return await this.end(exec, record, { status: 'completed', output, error: null });
    } catch (thrown) {
      const notCreated = exec.creationFailure;
      if (notCreated !== undefined) throw notCreated.error;
      if (exec.stopReason !== undefined) return this.stopped(exec, record);
      if (thrown instanceof RunPause) return this.pause(exec, record, thrown);
      return this.fail(exec, record, frame, toWeftError(thrown));
    }
  }

  private async pause(exec: RunExecution, record: RunRecordV1, pause: RunPause): Promise<RunRecordV1> {
    const suspended = pause.suspensions.length > 0;
    const wakeAt = pause.wakeAt ?? null;
    const patch = suspended
      ? { status: 'suspended' as const, suspended: pause.suspensions, wakeAt }
      : { status: 'sleeping' as const, suspended: null, wakeAt };
    const final = await this.end(exec, record, patch);
    if (final.status === patch.status && wakeAt !== null)
      await this.scheduler.enqueue({ runId: record.id, notBefore: wakeAt });
    return final;
  }

  private async fail(
    exec: RunExecution,
    record: RunRecordV1,
    frame: Frame,
    error: WeftError,
  ): Promise<RunRecordV1> {
    const runError = toRunError(error, exec.failedStep(error));
    if (exec.compensables.length > 0) await runCompensations(exec);
    await this.runOnError(exec, frame, runError);
    return this.end(exec, record, { status: 'failed', error: runError });
  }

  private async runOnError(exec: RunExecution, frame: Frame, error: RunErrorV1): Promise<void> {
    const onError = exec.workflow.onError;
    if (onError === undefined) return;
    const signal = new AbortController().signal;
    const errorScope = { code: error.code, message: error.message, step: error.step ?? null };
    try {
      if ('handler' in onError) {
        await this.services.callHandler(
          onError.handler,
          { runId: exec.runId, workflow: exec.workflow.name, error: errorScope },
          signal,
        );
      } else {
        const steps = { ...frame.steps };
        await runSteps(
          { exec, scope: { ...frame.scope, steps, error: errorScope }, steps, prefix: 'onError/', signal },
          onError.steps,
        );
      }
    } catch {
      // The error handler's own failure is journaled on its steps; the run fails with the original error.
    }
  }

  /** Writes the end of this execution, only if the run is still ours and still running. */
  private async end(
    exec: RunExecution,
    record: RunRecordV1,
    patch: Omit<RunPatchV1, 'updatedAt'> & { status: RunRecordV1['status'] },
  ): Promise<RunRecordV1> {
    const updatedAt = this.services.now();
    const applied = await this.writeEnd(exec, { ...patch, ...clearLease, updatedAt });
    if (!applied) return this.stopped(exec, record);
    const final = finalRecord(record, patch, updatedAt);
    this.emitEnd(exec, final);
    if (final.parentRunId !== undefined && (final.status === 'completed' || final.status === 'failed')) {
      this.onFinished(final);
    }
    return final;
  }

  /**
   * The held completions and the run's end in one write when storage offers it, else the
   * completions first; the end applies only if the run is still ours and still running.
   */
  private async writeEnd(exec: RunExecution, patch: RunPatchV1): Promise<boolean> {
    const expect = { status: ['running' as const], leaseOwner: this.leases.owner };
    await exec.created();
    if (this.storage.appendJournalAndUpdateRun === undefined) {
      await exec.flush();
      return this.storage.updateRun(exec.runId, patch, expect);
    }
    return this.storage.appendJournalAndUpdateRun(exec.runId, exec.takeDeferred(), patch, expect);
  }

  private emitEnd(exec: RunExecution, final: RunRecordV1): void {
    const events = this.services.events;
    const base = { runId: final.id, workflow: exec.workflow.name };
    switch (final.status) {
      case 'completed':
        if (events.has('run:complete')) events.emit('run:complete', { ...base, output: final.output });
        break;
      case 'failed':
        if (events.has('run:failed') && final.error !== undefined)
          events.emit('run:failed', { ...base, error: final.error });
        break;
      case 'suspended':
        if (events.has('run:suspended'))
          events.emit('run:suspended', { ...base, suspended: final.suspended ?? [] });
        break;
      case 'sleeping':
        if (events.has('run:sleeping') && final.wakeAt !== undefined)
          events.emit('run:sleeping', { ...base, wakeAt: final.wakeAt });
        break;
      default:
        break;
    }
  }

  /** The run stopped early (cancelled, lease lost, shutdown): report it as storage has it. */
  private async stopped(exec: RunExecution, record: RunRecordV1): Promise<RunRecordV1> {
    // Completions still deferred: keep them (a lost one only means the step runs again on recovery).
    await exec.flush().catch(() => undefined);
    if (exec.stopReason?.code === 'ENGINE_CLOSED') {
      await this.storage.updateRun(
        record.id,
        { ...clearLease, updatedAt: this.services.now() },
        { leaseOwner: this.leases.owner },
      );
    }
    return (await this.storage.getRun(record.id)) ?? record;
  }

  private armTimeout(exec: RunExecution, record: RunRecordV1): NodeJS.Timeout | undefined {
    const timeoutMs = exec.workflow.timeoutMs;
    if (timeoutMs === undefined) return undefined;
    const error = weftError('WORKFLOW_TIMEOUT', { details: { workflow: exec.workflow.name, timeoutMs } });
    const remaining = record.createdAt + timeoutMs - this.services.now();
    if (remaining <= 0) {
      exec.controller.abort(error);
      return undefined;
    }
    const timer = setTimeout(() => exec.controller.abort(error), remaining);
    timer.unref();
    return timer;
  }
}

function workflowOutput(workflow: WorkflowGraphV1, frame: Frame, last: unknown): unknown {
  const output = workflow.output === undefined ? last : evaluateValue(workflow.output, frame.scope);
  const issues = compileSchema(workflow.outputSchema)(output);
  if (issues !== undefined) {
    throw weftError('WORKFLOW_OUTPUT_INVALID', {
      details: { workflow: workflow.name, pointer: issues[0]?.pointer ?? '', issues },
    });
  }
  return output;
}

function finalRecord(
  record: RunRecordV1,
  patch: Omit<RunPatchV1, 'updatedAt'>,
  updatedAt: number,
): RunRecordV1 {
  const {
    leaseOwner: _owner,
    leaseExpiresAt: _expires,
    output: _output,
    error: _error,
    suspended: _suspended,
    wakeAt: _wakeAt,
    ...base
  } = record;
  const final: { -readonly [K in keyof RunRecordV1]: RunRecordV1[K] } = {
    ...base,
    status: patch.status ?? record.status,
    updatedAt,
  };
  if (patch.output !== undefined) final.output = patch.output;
  if (patch.error !== undefined && patch.error !== null) final.error = patch.error;
  if (patch.suspended !== undefined && patch.suspended !== null) final.suspended = patch.suspended;
  if (patch.wakeAt !== undefined && patch.wakeAt !== null) final.wakeAt = patch.wakeAt;
  return final;
}
