import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { chatChunks, chatJson } from './chat-completions-reply.js';
import { embeddingsReply, type RecordedEmbeddingRequest } from './embeddings-reply.js';
import { normaliseChatRequest } from './normalise-chat-request.js';
import { normaliseResponsesRequest } from './normalise-responses-request.js';
import {
  headerRecord,
  pushBounded,
  readBody,
  sendError,
  sendJson,
  writeServerSentEvents,
} from './openai-http.js';
import { responsesEvents, responsesJson } from './responses-api-reply.js';
import type { Script, ScriptedCompletion, ScriptedReply, ScriptedRequest } from './scripted-reply.js';
import { toScriptedCompletion } from './to-scripted-completion.js';

export type { RecordedEmbeddingRequest } from './embeddings-reply.js';

/** Options of {@link startScriptedOpenAIServer}. */
export interface ScriptedOpenAIServerOptions {
  /** Decides the reply to each model request. */
  readonly script: Script;
  /** How many requests `requests` keeps (the oldest are dropped); default 100. */
  readonly maxRecordedRequests?: number;
  /** A pause between two streamed events, so that a stream can be cut in the middle; default 0. */
  readonly streamChunkDelayMs?: number;
  /** Vector size of `POST /v1/embeddings` when the request sets no `dimensions`; default 1536. */
  readonly embeddingDimensions?: number;
  /**
   * Decides whether one `POST /v1/embeddings` call fails (the call is recorded either way): return
   * an HTTP status and error message to fail it, `undefined` to answer normally.
   */
  readonly embeddingFailure?: (
    request: RecordedEmbeddingRequest,
  ) => Extract<ScriptedReply, { status: number }> | undefined;
  /** Clock seam (milliseconds since the epoch) for `created` fields. */
  readonly now?: () => number;
}

/** A running scripted server. */
export interface ScriptedOpenAIServer {
  /** Base URL including `/v1`, for `createOpenAI({ baseURL: server.url })`. */
  readonly url: string;
  /** The model requests received, normalised, oldest first (bounded by `maxRecordedRequests`). */
  readonly requests: readonly ScriptedRequest[];
  /** The embedding requests received (same bound). */
  readonly embeddingRequests: readonly RecordedEmbeddingRequest[];
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

interface WriteContext {
  readonly created: number;
  readonly nextId: () => string;
  readonly chunkDelayMs: number;
  readonly signal: AbortSignal;
  /** Texts of the messages sent, by item id, for `item_reference` inputs (bounded). */
  readonly messageTexts: Map<string, string>;
}

/** Writes a completion in the format of the request's endpoint, streamed or not. */
function writeCompletion(
  res: ServerResponse,
  request: ScriptedRequest,
  completion: ScriptedCompletion,
  { created, nextId, chunkDelayMs, signal, messageTexts }: WriteContext,
): Promise<void> | void {
  if (request.endpoint === 'chat.completions') {
    const context = { id: `chatcmpl-${nextId()}`, model: request.model, created };
    if (!request.stream) return sendJson(res, 200, chatJson(completion, context));
    return writeServerSentEvents(res, chatChunks(completion, context), { done: true, chunkDelayMs, signal });
  }
  const context = {
    responseId: `resp_${nextId()}`,
    messageId: `msg_${nextId()}`,
    model: request.model,
    createdAt: created,
    functionCallIds: completion.toolCalls.map(() => `fc_${nextId()}`),
  };
  messageTexts.set(context.messageId, completion.text);
  if (messageTexts.size > 1000) messageTexts.delete(messageTexts.keys().next().value ?? '');
  if (!request.stream) return sendJson(res, 200, responsesJson(completion, context));
  return writeServerSentEvents(res, responsesEvents(completion, context), {
    done: false,
    chunkDelayMs,
    signal,
  });
}

/**
 * Starts an OpenAI-compatible HTTP server on 127.0.0.1 (random port) whose answers come from a
 * script: `POST /v1/responses` (what `openai(id)` calls), `POST /v1/chat/completions` (what
 * `openai.chat(id)` and `@ai-sdk/openai-compatible` call), streaming or not, and
 * `POST /v1/embeddings` (deterministic word-hash vectors). Model requests are normalised for
 * the script and recorded in `requests`.
 *
 * @example
 * const server = await startScriptedOpenAIServer({ script: () => ({ text: 'Hello' }) });
 * const openai = createOpenAI({ baseURL: server.url, apiKey: 'test' });
 * const { text } = await generateText({ model: openai('gpt-4o-mini'), prompt: 'Hi' }); // 'Hello'
 * await server.close();
 */
export async function startScriptedOpenAIServer(
  options: ScriptedOpenAIServerOptions,
): Promise<ScriptedOpenAIServer> {
  const maxRecorded = options.maxRecordedRequests ?? 100;
  const now = options.now ?? Date.now;
  const chunkDelayMs = options.streamChunkDelayMs ?? 0;
  const requests: ScriptedRequest[] = [];
  const embeddingRequests: RecordedEmbeddingRequest[] = [];
  const messageTexts = new Map<string, string>();
  let counter = 0;
  const nextId = (): string => {
    counter += 1;
    return String(counter).padStart(6, '0');
  };

  async function answerModel(
    res: ServerResponse,
    request: ScriptedRequest,
    signal: AbortSignal,
  ): Promise<void> {
    pushBounded(requests, request, maxRecorded);
    let reply = await options.script(request);
    while ('delayMs' in reply) {
      await sleep(reply.delayMs, undefined, { signal }).catch(() => undefined);
      if (signal.aborted) return;
      reply = reply.then;
    }
    if ('status' in reply) return sendError(res, reply);
    const completion = toScriptedCompletion(reply, request, nextId);
    const created = Math.floor(now() / 1000);
    return writeCompletion(res, request, completion, { created, nextId, chunkDelayMs, signal, messageTexts });
  }

  async function handle(req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const routes = ['/v1/responses', '/v1/chat/completions', '/v1/embeddings'];
    if (req.method !== 'POST' || !routes.includes(path)) {
      return sendError(res, { status: 404, error: `No scripted route for ${req.method} ${path}.` });
    }
    const body = await readBody(req);
    if (typeof body === 'string') return sendError(res, { status: 400, error: body });
    const headers = headerRecord(req);
    if (path === '/v1/embeddings') {
      const { record, json } = embeddingsReply(body, options.embeddingDimensions ?? 1536);
      pushBounded(embeddingRequests, record, maxRecorded);
      const failure = options.embeddingFailure?.(record);
      return failure === undefined ? sendJson(res, 200, json) : sendError(res, failure);
    }
    const request =
      path === '/v1/responses'
        ? normaliseResponsesRequest(body, headers, messageTexts)
        : normaliseChatRequest(body, headers);
    return answerModel(res, request, signal);
  }

  const server = createServer((req, res) => {
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    handle(req, res, controller.signal).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      const message = error instanceof Error ? error.message : String(error);
      sendError(res, { status: 500, error: `The script failed: ${message}` });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    embeddingRequests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}
