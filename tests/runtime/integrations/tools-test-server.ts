import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake upstream saw and how it behaves; tests read and change it. */
export interface UpstreamState {
  /** Calls of the token endpoint. */
  tokenCalls: number;
  /** `expires_in` of issued tokens (seconds). */
  expiresIn: number;
  /** Tokens the API refuses with 401 (revoked server side). */
  readonly revoked: Set<string>;
  /** Requests seen, `METHOD path`. */
  readonly requests: string[];
  /** Flaky keys already failed once. */
  readonly failedOnce: Set<string>;
}

/** A fake upstream API on 127.0.0.1 (echo, flaky, slow, status, OAuth2 token endpoint and API). */
export interface Upstream {
  readonly url: string;
  readonly port: number;
  readonly state: UpstreamState;
  close(): Promise<void>;
}

/** The client secret the token endpoint accepts (client id `weft-client`). */
export const clientSecret = 'cl!ent secret/+=';

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function handleToken(
  request: IncomingMessage,
  response: ServerResponse,
  form: URLSearchParams,
  state: UpstreamState,
): void {
  state.tokenCalls += 1;
  const expected = `Basic ${Buffer.from(`weft-client:${new URLSearchParams({ v: clientSecret }).toString().slice(2)}`).toString('base64')}`;
  if (request.headers.authorization !== expected || form.get('grant_type') !== 'client_credentials') {
    json(response, 401, { error: 'invalid_client' });
    return;
  }
  json(response, 200, {
    access_token: `tok-${state.tokenCalls}`,
    token_type: 'Bearer',
    expires_in: state.expiresIn,
    scope: form.get('scope'),
  });
}

/**
 * Starts the fake upstream on 127.0.0.1 (a free port).
 *
 * @example
 * const upstream = await startUpstream();
 * await upstream.close();
 */
export async function startUpstream(): Promise<Upstream> {
  const state: UpstreamState = {
    tokenCalls: 0,
    expiresIn: 60,
    revoked: new Set(),
    requests: [],
    failedOnce: new Set(),
  };
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const text = await readBody(request);
    state.requests.push(`${request.method} ${url.pathname}`);
    const path = url.pathname;
    if (path === '/token') return handleToken(request, response, new URLSearchParams(text), state);
    if (path.startsWith('/api/things/')) {
      const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
      if (!token.startsWith('tok-') || state.revoked.has(token))
        return json(response, 401, { error: 'invalid_token' });
      return json(response, 200, { id: decodeURIComponent(path.slice('/api/things/'.length)), token });
    }
    if (path === '/api/whoami') return json(response, 200, { youSent: request.headers.authorization });
    if (path === '/api/explode') {
      return json(response, 400, {
        error: 'bad request',
        youSent: request.headers.authorization,
        body: text,
      });
    }
    if (path.startsWith('/flaky/')) {
      if (!state.failedOnce.has(path)) {
        state.failedOnce.add(path);
        return json(response, 503, { error: 'try again' });
      }
      return json(response, 200, { ok: true });
    }
    if (path.startsWith('/status/'))
      return json(response, Number(path.slice(8)), { status: Number(path.slice(8)) });
    if (path === '/slow' || path === '/api/slow') {
      const timer = setTimeout(() => json(response, 200, { late: true }), 5_000);
      timers.add(timer);
      return;
    }
    json(response, 200, {
      method: request.method,
      path,
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
      body: text === '' ? null : (JSON.parse(text) as unknown),
    });
  });
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    state,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
