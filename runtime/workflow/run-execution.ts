import { setMaxListeners } from 'node:events';
import type { WeftError } from '../errors/weft-error.js';
import type { ExpressionScope } from '../expressions/index.js';
import type { ExecutorRegistryV1 } from '../spec/v1/executors.js';
import type { RetryPolicyV1, StepV1, WorkflowGraphV1 } from '../spec/v1/graph.js';
import type { JournalEntryV1, StorageV1 } from '../spec/v1/storage.js';
import type { ToolCaller } from '../tools/tool-caller.js';
import { type PendingRunCreation, RunJournalWriter } from './run-journal-writer.js';
import type { WorkflowEvents } from './workflow-events.js';

/** A request to run (or re-attach to) a sub-workflow for a `workflow` step. */
export interface ChildRunRequest {
  readonly parent: RunExecution;
  readonly workflow: string;
  readonly input: unknown;
  readonly path: string;
  readonly attempt: number;
  readonly signal: AbortSignal;
}

/** What every run execution shares: storage, tools, executors, events, defaults. */
export interface EngineServices {
  readonly storage: StorageV1;
  readonly tools: ToolCaller;
  readonly executors: ExecutorRegistryV1;
  readonly events: WorkflowEvents;
  readonly now: () => number;
  readonly random: () => number;
  readonly defaultRetry: RetryPolicyV1;
  readonly defaultStepTimeoutMs: number | undefined;
  readonly stepOutputLimitBytes: number;
  /** Runs a sub-workflow to its end (or pause) and resolves its output. */
  runChild(request: ChildRunRequest): Promise<unknown>;
  /** Runs a sequence of steps in a frame (the driver; given to container steps). */
  runSequence(frame: Frame, steps: readonly StepV1[]): Promise<unknown>;
  /** Calls a plugin error handler (`onError: { handler }`). */
  callHandler(name: string, input: unknown, signal: AbortSignal): Promise<unknown>;
}

/** A step that completed with a `compensate` action, and the scope it ran in. */
export interface Compensable {
  readonly step: StepV1;
  readonly path: string;
  readonly attempt: number;
  readonly output: unknown;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly scope: ExpressionScope;
}

/** Where a step runs: its scope, the path prefix of its sequence and the signal of its branch. */
export interface Frame {
  readonly exec: RunExecution;
  readonly scope: ExpressionScope;
  /** The mutable outputs of the steps visible here (`scope.steps`). */
  readonly steps: Record<string, { output: unknown }>;
  /** `''` at the top level, `parent/` or `loop[2]/` inside containers. */
  readonly prefix: string;
  readonly signal: AbortSignal;
}

/** One attempt of one step, handed to the step kind's module. */
export interface StepRun<S extends StepV1 = StepV1> {
  readonly frame: Frame;
  readonly step: S;
  readonly path: string;
  readonly attempt: number;
  /** When this attempt started (epoch ms). */
  readonly startedAt: number;
  readonly signal: AbortSignal;
  /** The journal entry this attempt continues (`suspended`, `resumed`, `sleeping`), if any. */
  readonly continues: JournalEntryV1 | undefined;
}

/**
 * The state of one run while this process executes it: its journal (replayed and written), the
 * run-level abort controller (cancel, workflow timeout, lost lease, shutdown), and the completed
 * steps that have compensations.
 *
 * @example
 * const exec = new RunExecution(services, record.id, workflow, journal);
 * await exec.journal({ runId: exec.runId, path: 'a', attempt: 1, status: 'started', startedAt: services.now() });
 */
export class RunExecution {
  readonly controller = new AbortController();
  /** Last journal entry per path, from the stored journal (replay) and this execution. */
  readonly replay: Map<string, JournalEntryV1> | undefined;
  /** Every entry: the stored ones first, then those written here. */
  readonly entries: JournalEntryV1[];
  readonly compensables: Compensable[] = [];
  /** Set when the run must stop at the next step boundary (cancel, lost lease, shutdown). */
  stopReason: WeftError | undefined;
  /** Set by a manual `suspend()`: pause at the next step boundary. */
  suspendRequested = false;
  private readonly failedAt = new WeakMap<object, string>();
  private readonly pendingRejects = new Set<(reason: unknown) => void>();
  /** Completions not yet written: they go with the next `journal()` call or `flush()`. */
  private deferred: JournalEntryV1[] = [];
  private readonly writer: RunJournalWriter;

  /** `creation` for a new run: its first journal write creates it (`RunJournalWriter`). */
  constructor(
    readonly services: EngineServices,
    readonly runId: string,
    readonly workflow: WorkflowGraphV1,
    stored: readonly JournalEntryV1[] | undefined,
    creation?: PendingRunCreation,
  ) {
    this.writer = new RunJournalWriter(services.storage, creation);
    setMaxListeners(0, this.controller.signal);
    this.controller.signal.addEventListener(
      'abort',
      () => {
        for (const reject of this.pendingRejects) reject(this.controller.signal.reason);
        this.pendingRejects.clear();
      },
      { once: true },
    );
    this.entries = stored === undefined ? [] : [...stored];
    if (stored !== undefined && stored.length > 0) {
      this.replay = new Map();
      for (const entry of stored) {
        const previous = this.replay.get(entry.path);
        if (previous === undefined || previous.attempt <= entry.attempt) this.replay.set(entry.path, entry);
      }
    } else {
      this.replay = undefined;
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /**
   * Writes one journal entry, together with the completions `journalWithNext` deferred, in one
   * append; resolves when all of them are durable.
   */
  journal(entry: JournalEntryV1): Promise<void> {
    this.entries.push(entry);
    if (this.deferred.length === 0) return this.writer.write([entry]);
    const batch = [...this.deferred, entry];
    this.deferred = [];
    return this.writer.write(batch);
  }

  /**
   * Records a step's completion to commit with the run's next journal write (typically the next
   * step's `started`, so "N completed" and "N+1 started" are one append) or at the latest in
   * `flush()` before the run's end is written. Nothing executes in between: the next step runs
   * only after its `started` entry, hence this completion, is durable.
   *
   * @example
   * exec.journalWithNext({ runId, path: 'a', attempt: 1, status: 'completed', output, startedAt, endedAt });
   * await exec.journal({ runId, path: 'b', attempt: 1, status: 'started', startedAt }); // both durable
   */
  journalWithNext(entry: JournalEntryV1): void {
    this.entries.push(entry);
    this.deferred.push(entry);
  }

  /**
   * Journals the entry of a step that pauses the run (`suspended`, `sleeping`) in `frame`. In the
   * run's top-level sequence nothing else executes between the pause and the write of the run's
   * end, so the entry is held for that write (one commit with the end, as `journalWithNext`); in a
   * branch or a container other steps may go on meanwhile, so it is written now.
   *
   * @example
   * await exec.journalPause(frame, { runId, path: 'approve', attempt: 1, status: 'suspended', output: { payload }, startedAt });
   */
  journalPause(frame: Frame, entry: JournalEntryV1): Promise<void> {
    if (frame.prefix !== '') return this.journal(entry);
    this.journalWithNext(entry);
    return Promise.resolve();
  }

  /**
   * Commits the completions `journalWithNext` deferred (before the run's end is written); a new
   * run that has not written yet is created with them.
   */
  flush(): Promise<void> {
    if (this.deferred.length === 0) return this.writer.created();
    const batch = this.deferred;
    this.deferred = [];
    return this.writer.write(batch);
  }

  /** Resolves once the run exists in storage (a new run is created now if it has not written yet). */
  created(): Promise<void> {
    return this.writer.created();
  }

  /** Set when creating this new run failed: nothing of it was written, and nothing may be. */
  get creationFailure(): { readonly error: unknown } | undefined {
    return this.writer.creationFailure;
  }

  /**
   * Hands over the completions `journalWithNext` deferred, for a write that commits them together
   * with the run's end (`appendJournalAndUpdateRun`); the caller must write them.
   *
   * @example
   * const entries = exec.takeDeferred();
   * await storage.appendJournalAndUpdateRun?.(exec.runId, entries, patch, expect);
   */
  takeDeferred(): JournalEntryV1[] {
    const batch = this.deferred;
    this.deferred = [];
    return batch;
  }

  /**
   * Settles like `promise`, or rejects as soon as the run is aborted (cancel, workflow timeout),
   * so an executor that ignores its signal cannot hold the run. One listener per run, not per step.
   */
  guard<T>(promise: Promise<T>): Promise<T> {
    if (this.controller.signal.aborted) return Promise.reject(this.controller.signal.reason);
    return new Promise<T>((resolve, reject) => {
      this.pendingRejects.add(reject);
      promise.then(
        (value) => {
          this.pendingRejects.delete(reject);
          resolve(value);
        },
        (error: unknown) => {
          this.pendingRejects.delete(reject);
          reject(error);
        },
      );
    });
  }

  /** Throws the stop reason (or the branch's abort reason) at a step boundary. */
  checkBoundary(signal: AbortSignal): void {
    if (this.stopReason !== undefined) throw this.stopReason;
    if (signal.aborted) throw signal.reason;
  }

  /** Remembers the innermost step where an error happened (the first call wins). */
  markFailedAt(error: object, path: string): void {
    if (!this.failedAt.has(error)) this.failedAt.set(error, path);
  }

  failedStep(error: object): string | undefined {
    return this.failedAt.get(error);
  }
}
