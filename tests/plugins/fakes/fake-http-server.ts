import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A request as a fake service sees it: JSON body parsed (`invalidJson` when it does not parse).
 *
 * @example
 * const isQuery = (request: FakeRequest) => request.path.endsWith('/query');
 */
export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
  readonly rawBody: string;
  readonly invalidJson: boolean;
}

/**
 * What a fake answers: a status, a JSON body (or none) and extra headers.
 *
 * @example
 * const answer: FakeResponse = { status: 429, body: { error: 'slow down' } };
 */
export interface FakeResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * An injected fault: the next `count` matching requests get `answer`, or never get an answer.
 *
 * @example
 * const fault: FakeFault = { count: 1, after: 1, answer: { status: 500 } };
 */
export interface FakeFault {
  readonly count: number;
  /** Only requests this predicate accepts (default: every request). */
  readonly match?: (request: FakeRequest) => boolean;
  /** Matching requests to let through before the fault starts (default 0). */
  readonly after?: number;
  /** The answer; omitted means the request hangs until the server closes. */
  readonly answer?: FakeResponse;
}

type Handler = (request: FakeRequest) => FakeResponse | Promise<FakeResponse>;

/**
 * A small JSON-over-HTTP server on 127.0.0.1 and a random port, with fault injection (answer the
 * next N matching requests with a given status, or hang them) and a log of the requests served.
 *
 * @example
 * const server = await FakeHttpServer.start((request) => ({ status: 200, body: { ok: true } }));
 * server.inject({ count: 2, answer: { status: 429, body: { error: 'slow down' } } });
 * await server.close();
 */
export class FakeHttpServer {
  readonly requests: FakeRequest[] = [];
  readonly #faults: { fault: FakeFault; skipped: number; used: number }[] = [];
  readonly #hanging = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(handler: Handler): Promise<FakeHttpServer> {
    let instance: FakeHttpServer | undefined;
    const server = createServer((incoming, response) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
        let body: unknown;
        let invalidJson = false;
        if (rawBody !== '') {
          try {
            body = JSON.parse(rawBody);
          } catch {
            invalidJson = true;
          }
        }
        const request: FakeRequest = {
          method: incoming.method ?? 'GET',
          path: decodeURIComponent(url.pathname),
          query: url.searchParams,
          headers: incoming.headers,
          body,
          rawBody,
          invalidJson,
        };
        void instance?.serve(request, response, handler);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    instance = new FakeHttpServer(server, `http://127.0.0.1:${port}`);
    return instance;
  }

  /** Injects a fault for the next matching requests. */
  inject(fault: FakeFault): void {
    this.#faults.push({ fault, skipped: 0, used: 0 });
  }

  /** Removes every pending fault. */
  clearFaults(): void {
    this.#faults.length = 0;
  }

  /** How many served requests match. */
  count(match: (request: FakeRequest) => boolean): number {
    return this.requests.filter(match).length;
  }

  async close(): Promise<void> {
    for (const response of this.#hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(request: FakeRequest, response: ServerResponse, handler: Handler): Promise<void> {
    this.requests.push(request);
    const fault = this.#takeFault(request);
    if (fault !== undefined && fault.answer === undefined) {
      this.#hanging.add(response);
      response.on('close', () => this.#hanging.delete(response));
      return;
    }
    let answer: FakeResponse;
    try {
      answer = fault?.answer ?? (await handler(request));
    } catch (error) {
      answer = { status: 500, body: { error: error instanceof Error ? error.message : String(error) } };
    }
    const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
    response.writeHead(answer.status, {
      ...(text === '' ? {} : { 'content-type': 'application/json' }),
      'content-length': Buffer.byteLength(text),
      ...answer.headers,
    });
    response.end(text);
  }

  #takeFault(request: FakeRequest): FakeFault | undefined {
    for (const entry of this.#faults) {
      if (entry.used >= entry.fault.count) continue;
      if (entry.fault.match !== undefined && !entry.fault.match(request)) continue;
      if (entry.skipped < (entry.fault.after ?? 0)) {
        entry.skipped += 1;
        continue;
      }
      entry.used += 1;
      return entry.fault;
    }
    return undefined;
  }
}
