import type { RunEvent } from '../../public/api-types.js';
import { toApiError } from '../api-error-body.js';
import type { HostContext, RouteModule } from '../host-context.js';
import type { HostedWorkflow } from '../hosted-weft.js';
import { subscribeRunEvents } from '../live-run-events.js';
import { isStreamEnd, replayRunEvents, runEventKey } from '../run-event-replay.js';
import { SseWriter } from '../sse-writer.js';
import { findRun } from './runs.js';

const heartbeatMs = 15_000;

/**
 * `GET /api/workflows/:name/runs/:runId/events`: the run's events as server-sent events, replayed
 * from its journal (from the start), then live until the run completes, fails, is cancelled or
 * suspends; then `event: end`. Unknown names or ids answer 404 JSON before the stream starts.
 *
 * @example
 * curl -N http://127.0.0.1:3000/api/workflows/slow-steps/runs/$ID/events
 */
export const runEventRoutes: RouteModule = (app, context) => {
  app.get<{ Params: { name: string; runId: string } }>(
    '/api/workflows/:name/runs/:runId/events',
    async (request, reply) => {
      const { workflow } = await findRun(context.weft, request.params);
      reply.hijack();
      const stream = new RunEventStream(new SseWriter(reply.raw), workflow, request.params.runId, context);
      request.raw.on('close', () => stream.stop());
      context.streams.add(stream);
      try {
        await stream.run();
      } finally {
        context.streams.delete(stream);
      }
    },
  );
};

/** One client's event stream of one run: replay, then live events and periodic re-reads, each event once. */
class RunEventStream {
  private readonly sent = new Set<string>();
  private buffered: RunEvent[] | undefined = [];
  private offLive: (() => void) | undefined;
  private timers: NodeJS.Timeout[] = [];
  private finished!: () => void;
  private readonly done = new Promise<void>((resolve) => {
    this.finished = resolve;
  });

  constructor(
    private readonly sse: SseWriter,
    private readonly workflow: HostedWorkflow,
    private readonly runId: string,
    private readonly context: HostContext,
  ) {}

  async run(): Promise<void> {
    this.offLive = subscribeRunEvents(this.workflow, this.runId, (event) => {
      if (this.buffered !== undefined) this.buffered.push(event);
      else this.send(event);
    });
    await this.catchUp();
    const pending = this.buffered ?? [];
    this.buffered = undefined;
    for (const event of pending) this.send(event);
    if (!this.sse.isClosed) {
      this.timers = [
        setInterval(() => void this.catchUp(), this.context.eventPollMs),
        setInterval(() => this.sse.heartbeat(), heartbeatMs),
      ];
    }
    await this.done;
  }

  /** Re-reads the run and sends the events it shows that were not sent yet. */
  private async catchUp(): Promise<void> {
    try {
      const document = await this.workflow.getRun(this.runId);
      for (const event of replayRunEvents(document)) this.send(event);
    } catch (error) {
      this.sse.close('error', toApiError(error).body);
      this.stop();
    }
  }

  private send(event: RunEvent): void {
    if (this.sse.isClosed) {
      this.stop();
      return;
    }
    const key = runEventKey(event);
    if (this.sent.has(key)) return;
    this.sent.add(key);
    this.sse.data(event);
    if (event.type.startsWith('run:') && event.status !== undefined && isStreamEnd(event.status)) {
      this.sse.close('end');
      this.stop();
    }
  }

  /** Ends the stream with `event: end`. */
  stop(): void {
    this.release();
    this.sse.close('end');
  }

  /** Ends the stream without `event: end` (the host is shutting down: the client may reconnect). */
  abort(): void {
    this.release();
    this.sse.destroy();
  }

  private release(): void {
    this.offLive?.();
    this.offLive = undefined;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    this.finished();
  }
}
