import { replayRunEvents } from '../runtime/host/run-event-replay.js';
import type { ListPage, RunDocument, RunEvent, RunStatus } from '../runtime/public/api-types.js';
import { type BaseClient, createBaseClient, WeftClientError } from '../runtime/public/client.js';
import type { RunTarget } from './run-target.js';

/**
 * Runs commands through the HTTP API of the host that holds the project's storage (its URL is in
 * the storage lock), with the same outputs as a local run. `apiKey` goes as `Authorization:
 * Bearer` to a host that requires keys.
 *
 * @example
 * const target = new HostRunTarget('http://127.0.0.1:3000', process.env.WEFT_API_KEY);
 * const document = await target.show(runId);
 */
export class HostRunTarget implements RunTarget {
  private readonly client: BaseClient;

  constructor(
    readonly via: string,
    apiKey?: string,
  ) {
    this.client = createBaseClient({
      baseUrl: via,
      ...(apiKey === undefined || apiKey === '' ? {} : { apiKey }),
    });
  }

  async start(
    workflow: string,
    input: unknown,
    waitMs: number,
    onEvent: (event: RunEvent) => void,
  ): Promise<RunDocument> {
    const runs = this.client.workflow(workflow);
    const started = await runs.start(input, { wait: false }).catch((error: unknown) => {
      throw relativeToInput(error);
    });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), waitMs);
    try {
      for await (const event of runs.events(started.runId, { signal: controller.signal })) onEvent(event);
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    } finally {
      clearTimeout(timer);
    }
    return runs.get(started.runId);
  }

  async resume(
    runId: string,
    request: { step?: string; data: unknown },
    waitMs: number,
    onEvent: (event: RunEvent) => void,
  ): Promise<RunDocument> {
    const runs = this.client.workflow(await this.workflowOf(runId));
    const begin = new Date().toISOString();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), waitMs);
    let document: RunDocument;
    try {
      document = await runs.resume(runId, request, { signal: controller.signal });
    } catch (error) {
      if (!controller.signal.aborted) throw error;
      document = await runs.get(runId);
    } finally {
      clearTimeout(timer);
    }
    for (const event of replayRunEvents(document))
      if (event.at >= begin || event.type.startsWith('run:')) if (event.type !== 'run:start') onEvent(event);
    return document;
  }

  async show(runId: string): Promise<RunDocument> {
    return this.client.workflow(await this.workflowOf(runId)).get(runId);
  }

  async list(query: {
    workflow?: string;
    status?: RunStatus;
    limit: number;
  }): Promise<ListPage<RunDocument>> {
    const names = query.workflow === undefined ? await this.workflowNames() : [query.workflow];
    const filter = { limit: query.limit, ...(query.status === undefined ? {} : { status: query.status }) };
    const pages = await Promise.all(names.map((name) => this.client.workflow(name).list(filter)));
    const items = pages.flatMap((page) => page.items).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return { items: items.slice(0, query.limit) };
  }

  async cancel(runId: string): Promise<RunDocument> {
    return this.client.workflow(await this.workflowOf(runId)).cancel(runId);
  }

  async close(): Promise<void> {}

  private async workflowNames(): Promise<string[]> {
    const { items } = await this.client.request<{ items: { name: string }[] }>('GET', '/api/workflows');
    return items.map((item) => item.name);
  }

  /** The workflow a run belongs to: the API is by workflow, so ask each until one knows the run. */
  private async workflowOf(runId: string): Promise<string> {
    for (const name of await this.workflowNames()) {
      try {
        await this.client.workflow(name).get(runId);
        return name;
      } catch (error) {
        if (!(WeftClientError.isInstance(error) && error.status === 404)) throw error;
      }
    }
    throw new WeftClientError(404, 'RUN_NOT_FOUND', `No run has the id "${runId}".`, { runId });
  }
}

/** The host points into the request body (`/input/amount`); the CLI's input is the value itself (`/amount`). */
function relativeToInput(error: unknown): unknown {
  if (!WeftClientError.isInstance(error) || error.code !== 'VALIDATION_FAILED') return error;
  const details = error.details as { pointer?: unknown } | undefined;
  if (typeof details?.pointer !== 'string' || !details.pointer.startsWith('/input')) return error;
  const pointer = details.pointer.slice('/input'.length);
  return new WeftClientError(
    error.status,
    error.code,
    error.message.replaceAll('/input/', '/').replace('/input ', 'the input '),
    { ...details, pointer },
  );
}
