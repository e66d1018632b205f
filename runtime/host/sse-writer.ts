import type { ServerResponse } from 'node:http';

/**
 * Writes a `text/event-stream` response: numbered `id:` + `data:` messages, comments as
 * heartbeats, and a named closing event (`event: end`).
 *
 * @example
 * const sse = new SseWriter(reply.raw);
 * sse.data({ type: 'step:start' });
 * sse.close('end');
 */
export class SseWriter {
  private nextId = 1;
  private closed = false;

  constructor(private readonly response: ServerResponse) {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    response.flushHeaders();
  }

  get isClosed(): boolean {
    return this.closed || this.response.destroyed;
  }

  /** Sends one JSON message with the next id. */
  data(value: unknown): void {
    if (this.isClosed) return;
    this.response.write(`id: ${this.nextId}\ndata: ${JSON.stringify(value)}\n\n`);
    this.nextId += 1;
  }

  /** A comment line: keeps proxies and idle timeouts from closing the stream. */
  heartbeat(): void {
    if (!this.isClosed) this.response.write(': ping\n\n');
  }

  /** Ends the response without a closing event. */
  destroy(): void {
    if (this.isClosed) return;
    this.closed = true;
    this.response.end();
  }

  /** Sends the named closing event (`end` or `error`) and ends the response. */
  close(event: 'end' | 'error', value: unknown = {}): void {
    if (this.isClosed) return;
    this.closed = true;
    this.response.end(`event: ${event}\ndata: ${JSON.stringify(value)}\n\n`);
  }
}
