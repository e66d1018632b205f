import type { ServerResponse } from 'node:http';

/** The default pause between two heartbeats of an event stream. */
export const defaultHeartbeatMs = 15_000;

/**
 * Writes a `text/event-stream` response: JSON `data:` messages (with an `id:` when the stream is
 * resumable), comment heartbeats (`: ping`) on a timer, and a named closing event
 * (`event: end`) or the UI message stream's `data: [DONE]`. Writing after the client left is a
 * no-op; `onClientGone` tells when it left before the stream ended.
 *
 * @example
 * const sse = new SseWriter(reply.raw, { heartbeatMs: 15_000 });
 * sse.data({ type: 'step:start' }, 1);
 * sse.close('end');
 */
export class SseWriter {
  private closed = false;
  private readonly heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly response: ServerResponse,
    options: { heartbeatMs?: number; headers?: Readonly<Record<string, string>> } = {},
  ) {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...options.headers,
    });
    response.flushHeaders();
    const heartbeatMs = options.heartbeatMs ?? defaultHeartbeatMs;
    if (heartbeatMs > 0) {
      this.heartbeat = setInterval(() => this.comment('ping'), heartbeatMs);
      this.heartbeat.unref();
    }
    response.once('close', () => this.stopHeartbeat());
  }

  get isClosed(): boolean {
    return this.closed || this.response.destroyed || this.response.writableEnded;
  }

  /** Calls `listener` once if the client disconnects before the stream is ended by the server. */
  onClientGone(listener: () => void): void {
    this.response.once('close', () => {
      if (!this.closed) listener();
    });
  }

  /** Sends one JSON message; with `id`, an `id:` line (the client's `Last-Event-ID` on reconnect). */
  data(value: unknown, id?: number): void {
    if (this.isClosed) return;
    const idLine = id === undefined ? '' : `id: ${id}\n`;
    this.response.write(`${idLine}data: ${JSON.stringify(value)}\n\n`);
  }

  /** A comment line (`: ping`): keeps proxies and idle timeouts from closing the stream. */
  comment(text: string): void {
    if (!this.isClosed) this.response.write(`: ${text}\n\n`);
  }

  /** Ends the response without a closing event. */
  destroy(): void {
    this.stopHeartbeat();
    if (this.isClosed) return;
    this.closed = true;
    this.response.end();
  }

  /** Sends the named closing event (`end` or `error`) and ends the response. */
  close(event: 'end' | 'error', value: unknown = {}): void {
    this.finish(`event: ${event}\ndata: ${JSON.stringify(value)}\n\n`);
  }

  /** Ends a UI message stream with its `data: [DONE]` line. */
  done(): void {
    this.finish('data: [DONE]\n\n');
  }

  private finish(text: string): void {
    this.stopHeartbeat();
    if (this.isClosed) return;
    this.closed = true;
    this.response.end(text);
  }

  private stopHeartbeat(): void {
    if (this.heartbeat !== undefined) clearInterval(this.heartbeat);
  }
}
