import { randomUUID } from 'node:crypto';
import { weftError } from '../errors/create-weft-error.js';
import type { RunDocument } from '../public/api-types.js';
import type { WorkflowGraphV1 } from '../spec/v1/graph.js';
import type { RunRecordV1, RunStatusV1 } from '../spec/v1/storage.js';
import { toRunDocument } from './run-document.js';
import type { RunOutcome } from './run-executor.js';
import type { WorkflowEngine } from './workflow-engine.js';
import type { WorkflowEventListener, WorkflowEventName } from './workflow-events.js';

/** What a `Workflow` needs from its `Weft`: the engine, once the project is ready. */
export type EngineAccess = () => Promise<WorkflowEngine>;

/** A page of runs. */
export interface RunPage {
  readonly items: RunDocument[];
  readonly nextCursor?: string;
}

/**
 * A workflow of the project: creates runs, looks runs up, listens to its events.
 *
 * @example
 * const workflow = weft.getWorkflow('order-approval');
 * const run = workflow.createRun();
 * const doc = await run.start({ orderId: 'A1', amount: 20 });
 * workflow.on('step:complete', (event) => console.log(event.path));
 */
export class Workflow {
  constructor(
    readonly name: string,
    readonly graph: WorkflowGraphV1,
    private readonly engine: EngineAccess,
    private readonly listen: <E extends WorkflowEventName>(
      name: E,
      listener: WorkflowEventListener<E>,
    ) => () => void,
  ) {}

  /** A new run (not started yet); `runId` defaults to a random UUID. */
  createRun(options: { runId?: string } = {}): Run {
    return new Run(this.name, options.runId, this.engine);
  }

  /** The status of one of this workflow's runs (`RUN_NOT_FOUND` otherwise). */
  async getStatus(runId: string): Promise<RunStatusV1> {
    return (await this.record(runId)).status;
  }

  /** The run document of one of this workflow's runs. */
  async getRun(runId: string): Promise<RunDocument> {
    const record = await this.record(runId);
    const engine = await this.engine();
    return toRunDocument(record, await engine.storage.getJournal(runId));
  }

  /** This workflow's runs, newest first. */
  async listRuns(
    query: { status?: readonly RunStatusV1[]; limit?: number; cursor?: string } = {},
  ): Promise<RunPage> {
    const engine = await this.engine();
    const page = await engine.storage.listRuns({ ...query, workflow: this.name });
    const items = await Promise.all(
      page.items.map(async (record) => toRunDocument(record, await engine.storage.getJournal(record.id))),
    );
    return page.nextCursor === undefined ? { items } : { items, nextCursor: page.nextCursor };
  }

  /** Listens to this workflow's events; returns the function that stops listening. */
  on<E extends WorkflowEventName>(event: E, listener: WorkflowEventListener<E>): () => void {
    return this.listen(event, (payload) => {
      if (payload.workflow === this.name) listener(payload);
    });
  }

  private async record(runId: string): Promise<RunRecordV1> {
    const record = await (await this.engine()).storage.getRun(runId);
    if (record === undefined || record.workflow !== this.name) {
      throw weftError('RUN_NOT_FOUND', {
        message: `Workflow "${this.name}" has no run "${runId}".`,
        details: { runId, workflow: this.name },
      });
    }
    return record;
  }
}

/**
 * One run of a workflow. `start` and `resume` resolve with the run document when the run
 * completes, fails, suspends or starts sleeping.
 *
 * @example
 * const run = weft.getWorkflow('order-approval').createRun();
 * let doc = await run.start({ orderId: 'A1', amount: 20 });
 * if (doc.status === 'suspended') doc = await run.resume({ data: { approved: true } });
 */
export class Run {
  readonly runId: string;
  private readonly generated: boolean;
  private started = false;

  constructor(
    readonly workflow: string,
    runId: string | undefined,
    private readonly engine: EngineAccess,
  ) {
    this.generated = runId === undefined;
    this.runId = runId ?? randomUUID();
  }

  async start(input: unknown): Promise<RunDocument> {
    if (this.started) throw weftError('RUN_ALREADY_EXISTS', { details: { runId: this.runId } });
    this.started = true;
    const engine = await this.engine();
    return documentOf(
      await engine.start(this.workflow, input, { runId: this.runId, assumeNew: this.generated }),
    );
  }

  async resume(request: { step?: string; data: unknown }): Promise<RunDocument> {
    const engine = await this.engine();
    return documentOf(await engine.resume(this.runId, request));
  }

  /** Pauses the run at its next step boundary when it executes in this process. */
  async suspend(): Promise<void> {
    const engine = await this.engine();
    if (engine.requestSuspend(this.runId)) return;
    const record = await engine.getRecord(this.runId);
    if (record.status === 'completed' || record.status === 'failed' || record.status === 'cancelled') {
      throw weftError('RUN_ALREADY_FINISHED', { details: { runId: this.runId, status: record.status } });
    }
  }

  async cancel(): Promise<RunDocument> {
    const engine = await this.engine();
    return documentOf(await engine.cancel(this.runId));
  }

  async status(): Promise<RunStatusV1> {
    const engine = await this.engine();
    return (await engine.getRecord(this.runId)).status;
  }
}

function documentOf(outcome: RunOutcome): RunDocument {
  return toRunDocument(outcome.record, outcome.journal);
}
