import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServerSentEvent } from './responses-api-reply.js';
import type { ScriptedReply } from './scripted-reply.js';

type Json = Record<string, unknown>;

const maxBodyBytes = 20 * 1024 * 1024;
const errorTypes: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
};

/** Sends a JSON answer. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * Sends an OpenAI error body, `{ error: { message, type, param, code } }`; a 429 carries
 * `retry-after-ms` and `retry-after` (0 unless `retryAfterMs` says otherwise).
 *
 * @example
 * sendError(res, { status: 429, error: 'Rate limit reached.' });
 */
export function sendError(res: ServerResponse, reply: Extract<ScriptedReply, { status: number }>): void {
  const headers: Record<string, string> = {};
  const retryAfterMs = reply.retryAfterMs ?? (reply.status === 429 ? 0 : undefined);
  if (retryAfterMs !== undefined) {
    headers['retry-after-ms'] = String(retryAfterMs);
    headers['retry-after'] = String(Math.ceil(retryAfterMs / 1000));
  }
  const type = reply.type ?? errorTypes[reply.status] ?? 'server_error';
  const error = { message: reply.error, type, param: null, code: reply.code ?? type };
  sendJson(res, reply.status, { error }, headers);
}

/** Reads a JSON object body (at most 20 MiB); a string is the reason it cannot be read. */
export async function readBody(req: IncomingMessage): Promise<Json | string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) return 'The request body is too large.';
    chunks.push(chunk as Buffer);
  }
  try {
    const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Json)
      : 'The request body must be a JSON object.';
  } catch {
    return 'The request body is not valid JSON.';
  }
}

/** The request headers as a record of strings (lower-case names). */
export function headerRecord(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Appends to a list that keeps its last `max` items. */
export function pushBounded<T>(list: T[], item: T, max: number): void {
  list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
}

/**
 * Writes server-sent events (`event:` line when named, `data:` JSON), optionally pausing between
 * two events, and `data: [DONE]` at the end when `done`. Stops when `signal` aborts (the client left).
 *
 * @example
 * await writeServerSentEvents(res, chatChunks(completion, context), { done: true, chunkDelayMs: 0, signal });
 */
export async function writeServerSentEvents(
  res: ServerResponse,
  events: readonly ServerSentEvent[],
  options: { readonly done: boolean; readonly chunkDelayMs: number; readonly signal: AbortSignal },
): Promise<void> {
  const { signal } = options;
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  for (const [index, event] of events.entries()) {
    if (index > 0 && options.chunkDelayMs > 0)
      await sleep(options.chunkDelayMs, undefined, { signal }).catch(() => undefined);
    if (signal.aborted) return;
    const name = event.event === undefined ? '' : `event: ${event.event}\n`;
    res.write(`${name}data: ${JSON.stringify(event.data)}\n\n`);
  }
  res.end(options.done ? 'data: [DONE]\n\n' : undefined);
}
