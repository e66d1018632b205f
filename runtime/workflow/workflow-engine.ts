import { randomUUID } from 'node:crypto';
import { weftError } from '../errors/create-weft-error.js';
import { EmbeddedScheduler } from '../scheduler/embedded-scheduler.js';
import type { AgentExecutorV1, ExecutorRegistryV1 } from '../spec/v1/executors.js';
import type { CompiledGraphV1 } from '../spec/v1/graph.js';
import type { SchedulerV1 } from '../spec/v1/scheduler.js';
import type { RunRecordV1, StorageV1 } from '../spec/v1/storage.js';
import { compileSchema } from '../tools/schema-validator.js';
import type { ToolCaller } from '../tools/tool-caller.js';
import { LeaseKeeper } from './lease-keeper.js';
import { releaseStaleLeases } from './release-stale-leases.js';
import { getRunRecord, RunClaims } from './run-claims.js';
import type { EngineServices } from './run-execution.js';
import { RunExecutor, type RunOutcome } from './run-executor.js';
import { runSteps } from './run-steps.js';
import { pickSuspension, validateWorkflowInput } from './run-transitions.js';
import { findStep } from './step-index.js';
import { WorkflowEvents } from './workflow-events.js';
import { WorkflowVersions } from './workflow-versions.js';

export interface WorkflowEngineOptions {
  readonly graph: CompiledGraphV1;
  readonly storage: StorageV1;
  readonly tools: ToolCaller;
  readonly executors?: ExecutorRegistryV1;
  readonly scheduler?: SchedulerV1;
  readonly events?: WorkflowEvents;
  /** How long a lease lasts without renewal (default 30 s); renewed every third of it. */
  readonly leaseMs?: number;
  /** How often to look for runs whose owner died (default `leaseMs`; 0 = only at `recover()`). */
  readonly recoverEveryMs?: number;
  readonly ownerId?: string;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly generateId?: () => string;
  /** Calls a plugin error handler (`onError: { handler }`). */
  readonly callHandler?: (name: string, input: unknown, signal: AbortSignal) => Promise<unknown>;
}

/**
 * The durable workflow engine: starts, resumes, cancels and recovers runs; every step transition
 * is journaled before the run moves on, and a recovered run replays its journal (completed steps
 * are never executed again). Who advances a run later (sleeps, timeouts, recovery) is the
 * scheduler's business.
 *
 * @example
 * const engine = new WorkflowEngine({ graph, storage, tools });
 * await engine.open();
 * const { record } = await engine.start('order-approval', { orderId: 'A1', amount: 10 });
 * if (record.status === 'suspended') await engine.resume(record.id, { data: { approved: true } });
 */
export class WorkflowEngine {
  readonly events: WorkflowEvents;
  readonly ownerId: string;
  readonly versions: WorkflowVersions;
  readonly storage: StorageV1;
  private readonly scheduler: SchedulerV1;
  private readonly leases: LeaseKeeper;
  private readonly executor: RunExecutor;
  private readonly claims: RunClaims;
  private readonly executors: { agent?: AgentExecutorV1 } = {};
  private readonly now: () => number;
  private readonly generateId: () => string;
  private readonly recoverEveryMs: number;
  private recoverTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(options: WorkflowEngineOptions) {
    const defaults = options.graph.project.defaults;
    if (options.executors?.agent !== undefined) this.executors.agent = options.executors.agent;
    this.storage = options.storage;
    this.events = options.events ?? new WorkflowEvents();
    this.ownerId = options.ownerId ?? randomUUID();
    this.now = options.now ?? Date.now;
    this.generateId = options.generateId ?? randomUUID;
    this.scheduler = options.scheduler ?? new EmbeddedScheduler({ now: this.now });
    const leaseMs = options.leaseMs ?? 30_000;
    this.recoverEveryMs = options.recoverEveryMs ?? leaseMs;
    this.versions = new WorkflowVersions(options.graph, options.storage);
    this.leases = new LeaseKeeper(options.storage, this.ownerId, leaseMs, this.now, (runId) =>
      this.loseLease(runId),
    );
    const callHandler = options.callHandler;
    const services: EngineServices = {
      storage: options.storage,
      tools: options.tools,
      executors: this.executors,
      events: this.events,
      now: this.now,
      random: options.random ?? Math.random,
      defaultRetry: defaults.retry,
      defaultStepTimeoutMs: defaults.stepTimeoutMs,
      stepOutputLimitBytes:
        defaults.stepOutputLimitBytes > 0 ? defaults.stepOutputLimitBytes : Number.POSITIVE_INFINITY,
      runSequence: runSteps,
      runChild: (request) => this.claims.runChild(request),
      callHandler: (name, input, signal) =>
        callHandler === undefined
          ? Promise.reject(weftError('TOOL_NOT_FOUND', { details: { handler: name } }))
          : callHandler(name, input, signal),
    };
    this.executor = new RunExecutor(services, options.storage, this.leases, this.scheduler, (record) => {
      void this.claims.wakeParent(record).catch(() => {});
    });
    this.claims = new RunClaims({
      storage: this.storage,
      versions: this.versions,
      executor: this.executor,
      leases: this.leases,
      scheduler: this.scheduler,
      events: this.events,
      ownerId: this.ownerId,
      now: this.now,
    });
  }

  /** Sets the executor of `agent` steps (the `Weft` class wires the agent runtime in). */
  setAgentExecutor(agent: AgentExecutorV1): void {
    this.executors.agent = agent;
  }

  /** Starts the scheduler and recovers the runs left behind by a stopped process. */
  async open(): Promise<void> {
    await this.scheduler.start((task) => this.advance(task.runId));
    if (this.storage.exclusive === true) await releaseStaleLeases(this.storage, this.ownerId, this.now());
    await this.recover();
    if (this.recoverEveryMs > 0) {
      this.recoverTimer = setInterval(
        () => void this.recover({ full: false }).catch(() => {}),
        this.recoverEveryMs,
      );
      this.recoverTimer.unref();
    }
  }

  /**
   * Starts a run (input validated before the run is created) and resolves when it completes,
   * fails, suspends or starts sleeping. `assumeNew` skips the existence check of a `runId` the
   * caller has just generated.
   */
  async start(
    workflowName: string,
    input: unknown,
    options: { runId?: string; assumeNew?: boolean } = {},
  ): Promise<RunOutcome> {
    this.assertOpen();
    const workflow = this.versions.current(workflowName);
    validateWorkflowInput(workflow, input);
    const runId = options.runId ?? this.generateId();
    if (
      options.runId !== undefined &&
      options.assumeNew !== true &&
      (await this.storage.getRun(runId)) !== undefined
    ) {
      throw weftError('RUN_ALREADY_EXISTS', { details: { runId } });
    }
    await this.versions.ensureStored(workflow);
    return this.claims.createAndExecute(runId, workflow, input, {});
  }

  /**
   * Resumes a suspended run with `data` (validated against the step's resume schema), from any
   * process, exactly once: of concurrent resumes one wins, the others get `RUN_NOT_SUSPENDED`.
   */
  async resume(runId: string, request: { step?: string; data: unknown }): Promise<RunOutcome> {
    this.assertOpen();
    const record = await this.getRecord(runId);
    const target = pickSuspension(record, request.step);
    const workflow = await this.versions.forRun(record);
    const step = findStep(workflow, target.step);
    if (step?.kind === 'suspend') {
      const issues = compileSchema(step.resume)(request.data);
      if (issues !== undefined) {
        throw weftError('VALIDATION_FAILED', {
          message: `The resume data of step "${target.step}" is invalid: ${issues[0]?.message ?? 'it does not match its schema'}.`,
          details: { runId, step: target.step, pointer: issues[0]?.pointer ?? '', issues },
        });
      }
    }
    const child = childRunOf(target.payload);
    if (step?.kind === 'workflow' && child !== undefined)
      await this.claims.markResumed(child, undefined, request.data);
    const journal = await this.claims.markResumed(runId, target.step, request.data, record);
    if (this.events.has('run:resumed'))
      this.events.emit('run:resumed', { runId, workflow: record.workflow, step: target.step });
    return this.executor.execute({ ...record, status: 'running' }, workflow, journal);
  }

  /** Cancels a run: its status becomes `cancelled` at once; a local execution stops. */
  async cancel(runId: string): Promise<RunOutcome> {
    const now = this.now();
    const applied = await this.storage.updateRun(
      runId,
      {
        status: 'cancelled',
        cancelRequested: true,
        suspended: null,
        wakeAt: null,
        leaseOwner: null,
        leaseExpiresAt: null,
        updatedAt: now,
      },
      { status: ['running', 'suspended', 'sleeping'] },
    );
    if (!applied) {
      const record = await this.getRecord(runId);
      throw weftError('RUN_ALREADY_FINISHED', {
        message: `Run "${runId}" has already finished (${record.status}).`,
        details: { runId, status: record.status },
      });
    }
    const exec = this.executor.executing.get(runId);
    if (exec !== undefined) {
      exec.stopReason = weftError('RUN_CANCELLED', { details: { runId } });
      exec.controller.abort(exec.stopReason);
    }
    const record = await this.getRecord(runId);
    if (this.events.has('run:cancelled'))
      this.events.emit('run:cancelled', { runId, workflow: record.workflow });
    const children = await this.storage.listRuns({
      parentRunId: runId,
      status: ['running', 'suspended', 'sleeping'],
    });
    for (const child of children.items) await this.cancel(child.id).catch(() => {});
    return { record, journal: await this.storage.getJournal(runId) };
  }

  /** Asks a run executing here to pause at its next step boundary; false if it is not executing here. */
  requestSuspend(runId: string): boolean {
    const exec = this.executor.executing.get(runId);
    if (exec === undefined) return false;
    exec.suspendRequested = true;
    return true;
  }

  /** The scheduler's handler: continues a run that is due (recovery, wake-up, suspend timeout). */
  async advance(runId: string): Promise<void> {
    if (this.closed || this.executor.executing.has(runId)) return;
    const record = await this.storage.getRun(runId);
    if (record === undefined) return;
    const claimed = await this.claims.claim(record);
    if (claimed === undefined) return;
    const workflow = await this.versions.forRun(claimed);
    await this.executor.execute(claimed, workflow, await this.storage.getJournal(runId));
  }

  /**
   * Enqueues the runs that need an executor: running with a lapsed lease and, with `full` (the
   * default, at start-up), every sleeping run and timed suspension. The periodic pass is not full.
   */
  async recover(options: { full?: boolean } = {}): Promise<number> {
    if (this.closed) return 0;
    const now = this.now();
    const recoverable = await this.storage.findRecoverableRuns(now, 1_000);
    for (const run of recoverable) await this.scheduler.enqueue({ runId: run.id });
    if (options.full === false) return recoverable.length;
    let count = recoverable.length;
    for (const status of ['sleeping', 'suspended'] as const) {
      let cursor: string | undefined;
      do {
        const page = await this.storage.listRuns({
          status: [status],
          limit: 500,
          ...(cursor === undefined ? {} : { cursor }),
        });
        for (const run of page.items) {
          if (run.wakeAt === undefined || this.executor.executing.has(run.id)) continue;
          await this.scheduler.enqueue({ runId: run.id, notBefore: run.wakeAt });
          count += 1;
        }
        cursor = page.nextCursor;
      } while (cursor !== undefined);
    }
    return count;
  }

  /** The run record, or `RUN_NOT_FOUND`. */
  getRecord(runId: string): Promise<RunRecordV1> {
    return getRunRecord(this.storage, runId);
  }

  /**
   * Stops taking work, lets in-flight steps finish until `deadlineMs`, then stops the runs at their
   * step boundary (they stay resumable) and releases their leases.
   */
  async close(deadlineMs = 5_000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.recoverTimer !== undefined) clearInterval(this.recoverTimer);
    const executions = [...this.executor.executing.values()];
    for (const exec of executions) exec.stopReason ??= weftError('ENGINE_CLOSED');
    await this.scheduler.stop(deadlineMs);
    const deadline = new Promise<void>((resolve) => setTimeout(resolve, deadlineMs).unref());
    await Promise.race([this.executor.whenIdle(), deadline]);
    for (const exec of this.executor.executing.values())
      exec.controller.abort(exec.stopReason ?? weftError('ENGINE_CLOSED'));
    await Promise.race([
      this.executor.whenIdle(),
      new Promise<void>((resolve) => setTimeout(resolve, 100).unref()),
    ]);
    this.leases.stop();
  }

  private loseLease(runId: string): void {
    const exec = this.executor.executing.get(runId);
    if (exec !== undefined) exec.stopReason ??= weftError('RUN_LEASE_LOST', { details: { runId } });
  }

  private assertOpen(): void {
    if (this.closed) throw weftError('ENGINE_CLOSED');
  }
}

function childRunOf(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const runId = (payload as { runId?: unknown }).runId;
  return typeof runId === 'string' ? runId : undefined;
}
