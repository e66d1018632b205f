import type { IncomingHttpHeaders } from 'node:http';
import { weftError } from '../../errors/create-weft-error.js';
import { toApiError } from '../api-error-body.js';
import type { HostContext, RouteModule } from '../host-context.js';
import type { HostedWorkflow } from '../hosted-weft.js';
import { subscribeRunEvents } from '../live-run-events.js';
import { runEventTimeline } from '../run-event-timeline.js';
import { SseWriter } from '../sse-writer.js';
import { streamSettingsOf } from '../stream-settings.js';
import { validateRequest } from '../validate-request.js';
import { findRun } from './runs.js';

const querySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { lastEventId: { type: 'string' } },
} as const;

/** Event ids are positions in the run's timeline: 1, 2, 3... (0: before the first). */
const eventIdPattern = /^(0|[1-9][0-9]{0,14})$/;

/**
 * `GET /api/workflows/:name/runs/:runId/events`: the run's events as server-sent events, each with
 * an `id:` (its position in the run's timeline, rebuilt from the journal, so the same in every
 * process and after a restart), replayed from the start or after the `Last-Event-ID` header
 * (or `?lastEventId=`), then live until the run completes, fails, is cancelled or suspends; then
 * `event: end`. `: ping` comments keep the connection alive. A malformed id is 400
 * `EVENTS_INVALID_LAST_EVENT_ID`; unknown names or ids answer 404 JSON before the stream starts.
 * A client that disconnects only ends its stream, never the run.
 *
 * @example
 * curl -N -H 'Last-Event-ID: 3' http://127.0.0.1:3000/api/workflows/slow-steps/runs/$ID/events
 */
export const runEventRoutes: RouteModule = (app, context) => {
  app.get<{ Params: { name: string; runId: string }; Querystring: Record<string, string> }>(
    '/api/workflows/:name/runs/:runId/events',
    { config: { scope: 'workflows:read', query: true } },
    async (request, reply) => {
      const after = lastEventIdOf(request.headers, request.query);
      const { workflow } = await findRun(context.weft, request.params);
      reply.hijack();
      const sse = new SseWriter(reply.raw, streamSettingsOf(request.server));
      const stream = new RunEventStream(sse, workflow, request.params.runId, context, after);
      sse.onClientGone(() => stream.stop());
      context.streams.add(stream);
      try {
        await stream.run();
      } finally {
        context.streams.delete(stream);
      }
    },
  );
};

/**
 * The id after which a stream starts: the `Last-Event-ID` header, else `?lastEventId=`, else 0.
 *
 * @example
 * lastEventIdOf({ 'last-event-id': '4' }, {}); // 4
 */
export function lastEventIdOf(headers: IncomingHttpHeaders, query: unknown): number {
  const { lastEventId } = validateRequest<{ lastEventId?: string }>(querySchema, query ?? {}, 'query string');
  const header = headers['last-event-id'];
  const given = header ?? lastEventId;
  if (given === undefined) return 0;
  const text = Array.isArray(given) ? given.join(',') : given.trim();
  if (!eventIdPattern.test(text)) {
    throw weftError('EVENTS_INVALID_LAST_EVENT_ID', {
      message: `The last event id "${text.slice(0, 40)}" is not an event id of this stream (a non-negative integer such as "3").`,
      details: { lastEventId: text.slice(0, 200), source: header === undefined ? 'query' : 'header' },
    });
  }
  return Number(text);
}

/**
 * One client's event stream of one run: every read of the run (on each live event of the run, and
 * every `eventPollMs` for progress made by another process) sends the timeline events after the
 * last id sent, in order, each once.
 */
class RunEventStream {
  private offLive: (() => void) | undefined;
  private poll: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;
  private readAgain = false;
  private transientSent: string | undefined;
  private released = false;
  private finished!: () => void;
  private readonly done = new Promise<void>((resolve) => {
    this.finished = resolve;
  });

  constructor(
    private readonly sse: SseWriter,
    private readonly workflow: HostedWorkflow,
    private readonly runId: string,
    private readonly context: HostContext,
    private lastSent: number,
  ) {}

  async run(): Promise<void> {
    this.offLive = subscribeRunEvents(this.workflow, this.runId, () => this.catchUp());
    this.catchUp();
    if (!this.released) this.poll = setInterval(() => this.catchUp(), this.context.eventPollMs);
    await this.done;
  }

  /** Re-reads the run (one read at a time; a request during a read makes one more read). */
  private catchUp(): void {
    if (this.reading !== undefined) {
      this.readAgain = true;
      return;
    }
    this.reading = (async () => {
      do {
        this.readAgain = false;
        await this.readOnce();
      } while (this.readAgain && !this.sse.isClosed);
    })().finally(() => {
      this.reading = undefined;
    });
  }

  private async readOnce(): Promise<void> {
    try {
      const { events, transient, settled } = runEventTimeline(await this.workflow.getRun(this.runId));
      for (let index = this.lastSent; index < events.length; index += 1)
        this.sse.data(events[index], index + 1);
      this.lastSent = Math.max(this.lastSent, events.length);
      const transientKey = transient === undefined ? undefined : `${transient.type}|${transient.at}`;
      if (transient !== undefined && transientKey !== this.transientSent) this.sse.data(transient);
      this.transientSent = transientKey;
      if (settled) this.stop();
    } catch (error) {
      this.sse.close('error', toApiError(error).body);
      this.stop();
    }
  }

  /** Ends the stream with `event: end` (the run goes on). */
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
    this.released = true;
    this.offLive?.();
    this.offLive = undefined;
    if (this.poll !== undefined) clearInterval(this.poll);
    this.poll = undefined;
    this.finished();
  }
}
