import { weftError } from '../runtime/errors/create-weft-error.js';
import { subscribeRunEvents } from '../runtime/host/live-run-events.js';
import { waitForRun } from '../runtime/host/wait-for-run.js';
import type { RunDocument, RunEvent } from '../runtime/public/api-types.js';
import type { Weft } from '../runtime/weft.js';
import { toRunDocument } from '../runtime/workflow/run-document.js';
import type { RunTarget } from './run-target.js';

/**
 * Runs commands against a project opened in this process (its storage is free).
 *
 * @example
 * const target = new LocalRunTarget(await Weft.open(dir));
 * const document = await target.start('order-approval', input, 30_000, (event) => progress.event(event));
 */
export class LocalRunTarget implements RunTarget {
  readonly via = 'local';

  constructor(private readonly weft: Weft) {}

  async start(
    workflowName: string,
    input: unknown,
    waitMs: number,
    onEvent: (event: RunEvent) => void,
  ): Promise<RunDocument> {
    const workflow = this.weft.getWorkflow(workflowName);
    const run = workflow.createRun();
    const off = subscribeRunEvents(workflow, run.runId, onEvent);
    try {
      return await waitForRun(run.start(input), waitMs, () => workflow.getRun(run.runId));
    } finally {
      off();
    }
  }

  async resume(
    runId: string,
    request: { step?: string; data: unknown },
    waitMs: number,
    onEvent: (event: RunEvent) => void,
  ): Promise<RunDocument> {
    const workflow = this.weft.getWorkflow(await this.workflowOf(runId));
    const off = subscribeRunEvents(workflow, runId, onEvent);
    try {
      return await waitForRun(workflow.createRun({ runId }).resume(request), waitMs, () =>
        workflow.getRun(runId),
      );
    } finally {
      off();
    }
  }

  async show(runId: string): Promise<RunDocument> {
    return this.weft.getWorkflow(await this.workflowOf(runId)).getRun(runId);
  }

  async list(query: { workflow?: string; status?: RunDocument['status']; limit: number }) {
    if (query.workflow !== undefined) this.weft.getWorkflow(query.workflow);
    const page = await this.weft.storage.listRuns({
      limit: query.limit,
      ...(query.workflow === undefined ? {} : { workflow: query.workflow }),
      ...(query.status === undefined ? {} : { status: [query.status] }),
    });
    const items = await Promise.all(
      page.items.map(async (record) => toRunDocument(record, await this.weft.storage.getJournal(record.id))),
    );
    return page.nextCursor === undefined ? { items } : { items, nextCursor: page.nextCursor };
  }

  async cancel(runId: string): Promise<RunDocument> {
    return this.weft
      .getWorkflow(await this.workflowOf(runId))
      .createRun({ runId })
      .cancel();
  }

  close(): Promise<void> {
    return this.weft.close();
  }

  private async workflowOf(runId: string): Promise<string> {
    const record = await this.weft.storage.getRun(runId);
    if (record === undefined)
      throw weftError('RUN_NOT_FOUND', { message: `No run has the id "${runId}".`, details: { runId } });
    return record.workflow;
  }
}
