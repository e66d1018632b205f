import { weftError } from '../errors/create-weft-error.js';
import type { WorkflowGraphV1 } from '../spec/v1/graph.js';
import type { SchedulerV1 } from '../spec/v1/scheduler.js';
import type { JournalEntryV1, RunPatchV1, RunRecordV1, RunStatusV1, StorageV1 } from '../spec/v1/storage.js';
import type { LeaseKeeper } from './lease-keeper.js';
import type { ChildRunRequest } from './run-execution.js';
import type { RunExecutor, RunOutcome } from './run-executor.js';
import { childResult, isDue, pickSuspension, validateWorkflowInput } from './run-transitions.js';
import type { WorkflowEvents } from './workflow-events.js';
import type { WorkflowVersions } from './workflow-versions.js';

/** What the run claims work with: the engine's storage, versions, executor and lease owner. */
export interface RunClaimsContext {
  readonly storage: StorageV1;
  readonly versions: WorkflowVersions;
  readonly executor: RunExecutor;
  readonly leases: LeaseKeeper;
  readonly scheduler: SchedulerV1;
  readonly events: WorkflowEvents;
  readonly ownerId: string;
  readonly now: () => number;
}

/**
 * The run record, or `RUN_NOT_FOUND`.
 *
 * @example
 * const record = await getRunRecord(storage, 'r1');
 */
export async function getRunRecord(storage: StorageV1, runId: string): Promise<RunRecordV1> {
  const record = await storage.getRun(runId);
  if (record === undefined) {
    throw weftError('RUN_NOT_FOUND', { message: `No run has the id "${runId}".`, details: { runId } });
  }
  return record;
}

/**
 * How this process takes a run for execution, always through a conditional update or a lease, so
 * that two processes never execute the same run: creating a run, resuming it, waking it when it
 * is due, and running or re-attaching to a sub-workflow's child run.
 *
 * @example
 * const claims = new RunClaims(context);
 * const claimed = await claims.claim(record); // undefined when not due or held elsewhere
 */
export class RunClaims {
  private readonly storage: StorageV1;
  private readonly versions: WorkflowVersions;
  private readonly executor: RunExecutor;
  private readonly leases: LeaseKeeper;
  private readonly scheduler: SchedulerV1;
  private readonly events: WorkflowEvents;
  private readonly ownerId: string;
  private readonly now: () => number;

  constructor(context: RunClaimsContext) {
    this.storage = context.storage;
    this.versions = context.versions;
    this.executor = context.executor;
    this.leases = context.leases;
    this.scheduler = context.scheduler;
    this.events = context.events;
    this.ownerId = context.ownerId;
    this.now = context.now;
  }

  /** Creates a run holding its lease (with its first journal write), and executes it. */
  async createAndExecute(
    runId: string,
    workflow: WorkflowGraphV1,
    input: unknown,
    link: { parentRunId?: string; parentStep?: string },
  ): Promise<RunOutcome> {
    const now = this.now();
    const record: RunRecordV1 = {
      id: runId,
      workflow: workflow.name,
      workflowHash: workflow.hash,
      status: 'running',
      input,
      ...link,
      leaseOwner: this.ownerId,
      leaseExpiresAt: this.leases.expiresAt(),
      createdAt: now,
      updatedAt: now,
    };
    // The run is created with its first journal write (one commit with its first step's `started`).
    return this.executor.execute(record, workflow, undefined, () => {
      if (this.events.has('run:start'))
        this.events.emit('run:start', { runId, workflow: workflow.name, input });
    });
  }

  /** The conditional `suspended -> running` transition plus the `resumed` journal entry. */
  async markResumed(
    runId: string,
    step: string | undefined,
    data: unknown,
    known?: RunRecordV1,
  ): Promise<JournalEntryV1[]> {
    const record = known ?? (await getRunRecord(this.storage, runId));
    const target = pickSuspension(record, step);
    const journal = await this.storage.getJournal(runId);
    const remaining = (record.suspended ?? []).filter((s) => s.step !== target.step);
    const entry = lastEntry(journal, target.step);
    const resumed: JournalEntryV1 = {
      runId,
      path: target.step,
      attempt: entry?.attempt ?? 1,
      status: 'resumed',
      output: data,
      startedAt: entry?.startedAt ?? this.now(),
    };
    const patch: RunPatchV1 = {
      status: 'running',
      suspended: remaining.length > 0 ? remaining : null,
      wakeAt: null,
      leaseOwner: this.ownerId,
      leaseExpiresAt: this.leases.expiresAt(),
      updatedAt: this.now(),
    };
    if (!(await this.claimWithEntry(runId, patch, resumed))) {
      throw weftError('RUN_NOT_SUSPENDED', {
        message: `Run "${runId}" is no longer suspended.`,
        details: { runId },
      });
    }
    journal.push(resumed);
    return journal;
  }

  /**
   * The conditional `suspended -> running` update and, only if it applied, `entry`: one write
   * when storage offers it (`updateRunAndAppendJournal`), else the update, then the entry.
   */
  private async claimWithEntry(runId: string, patch: RunPatchV1, entry: JournalEntryV1): Promise<boolean> {
    const expect = { status: ['suspended' as const] };
    if (this.storage.updateRunAndAppendJournal !== undefined)
      return this.storage.updateRunAndAppendJournal(runId, patch, expect, [entry]);
    if (!(await this.storage.updateRun(runId, patch, expect))) return false;
    await this.storage.appendJournal([entry]);
    return true;
  }

  /** Takes a run for execution here when it is due; undefined when it is not (or another process has it). */
  async claim(record: RunRecordV1): Promise<RunRecordV1 | undefined> {
    const now = this.now();
    if (record.status === 'running') {
      const taken = await this.storage.acquireLease(record.id, this.ownerId, this.leases.expiresAt(), now);
      return taken ? record : undefined;
    }
    if (record.status !== 'sleeping' && record.status !== 'suspended') return undefined;
    const workflow = await this.versions.forRun(record);
    if (!isDue(record, workflow, now)) {
      const deadline = workflow.timeoutMs === undefined ? undefined : record.createdAt + workflow.timeoutMs;
      const next = Math.min(record.wakeAt ?? Number.POSITIVE_INFINITY, deadline ?? Number.POSITIVE_INFINITY);
      if (Number.isFinite(next)) await this.scheduler.enqueue({ runId: record.id, notBefore: next });
      return undefined;
    }
    return this.transition(record, [record.status]);
  }

  async transition(record: RunRecordV1, from: readonly RunStatusV1[]): Promise<RunRecordV1 | undefined> {
    const patch: RunPatchV1 = {
      status: 'running',
      suspended: null,
      wakeAt: null,
      leaseOwner: this.ownerId,
      leaseExpiresAt: this.leases.expiresAt(),
      updatedAt: this.now(),
    };
    const applied = await this.storage.updateRun(record.id, patch, { status: from });
    if (!applied) return undefined;
    const { suspended: _s, wakeAt: _w, ...rest } = record;
    return { ...rest, status: 'running', leaseOwner: this.ownerId, updatedAt: patch.updatedAt };
  }

  /** Runs a `workflow` step's child, or re-attaches to it (id `parentRunId:stepPath:attempt`). */
  async runChild(request: ChildRunRequest): Promise<unknown> {
    const childId = `${request.parent.runId}:${request.path}:${request.attempt}`;
    let child = await this.storage.getRun(childId);
    if (child === undefined) {
      const workflow = this.versions.current(request.workflow);
      validateWorkflowInput(workflow, request.input);
      await this.versions.ensureStored(workflow);
      const link = { parentRunId: request.parent.runId, parentStep: request.path };
      child = (await this.createAndExecute(childId, workflow, request.input, link)).record;
    } else if (!this.executor.executing.has(childId)) {
      const claimed = await this.claim(child);
      if (claimed !== undefined) {
        const workflow = await this.versions.forRun(claimed);
        child = (await this.executor.execute(claimed, workflow, await this.storage.getJournal(childId)))
          .record;
      }
    }
    return childResult(child, request.path, this.now(), this.leases.leaseMs);
  }

  /** A child finished on its own (resumed directly, woken by its timer): continue its waiting parent. */
  async wakeParent(child: RunRecordV1): Promise<void> {
    if (child.parentRunId === undefined || this.executor.executing.has(child.parentRunId)) return;
    const parent = await this.storage.getRun(child.parentRunId);
    if (parent === undefined || (parent.status !== 'suspended' && parent.status !== 'sleeping')) return;
    const waiting =
      parent.status === 'sleeping' || (parent.suspended ?? []).some((s) => s.step === child.parentStep);
    if (!waiting) return;
    const claimed = await this.transition(parent, [parent.status]);
    if (claimed === undefined) return;
    const workflow = await this.versions.forRun(claimed);
    await this.executor.execute(claimed, workflow, await this.storage.getJournal(parent.id)).catch(() => {});
  }
}

function lastEntry(journal: readonly JournalEntryV1[], path: string): JournalEntryV1 | undefined {
  let found: JournalEntryV1 | undefined;
  for (const entry of journal)
    if (entry.path === path && (found === undefined || entry.attempt >= found.attempt)) found = entry;
  return found;
}
