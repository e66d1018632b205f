/**
 * The vocabulary of the scripted OpenAI-compatible server: what a script sees (a normalised
 * request) and what it answers (a reply).
 */

/** The HTTP endpoint a request arrived on. */
export type ScriptedEndpoint = 'responses' | 'chat.completions';

/** A tool call as the model asked for it (`arguments` parsed from JSON when possible). */
export interface ScriptedToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: unknown;
}

/**
 * One prompt message, normalised across the Responses and Chat Completions formats.
 * `tool` messages carry the result of one call: `toolCallId`, `toolName` (when the call is in the
 * prompt) and `result` (the output parsed as JSON when it is JSON, else the text).
 *
 * @example
 * const last = request.messages.at(-1);
 * if (last?.role === 'tool') console.log(last.toolName, last.result);
 */
export interface ScriptedMessage {
  readonly role: 'system' | 'user' | 'assistant' | 'tool';
  readonly text: string;
  readonly toolCalls: readonly ScriptedToolCall[];
  readonly toolCallId?: string;
  readonly toolName?: string;
  readonly result?: unknown;
}

/** A tool the client offered the model. */
export interface ScriptedTool {
  readonly name: string;
  readonly description?: string;
  /** The JSON Schema of the tool input. */
  readonly parameters: unknown;
}

/** What the script sees of one model request. */
export interface ScriptedRequest {
  readonly endpoint: ScriptedEndpoint;
  readonly model: string;
  readonly messages: readonly ScriptedMessage[];
  readonly tools: readonly ScriptedTool[];
  readonly stream: boolean;
  /** The requested structured output: `{ type: 'json_schema', name?, schema }`, `{ type: 'json_object' }`, or undefined for text. */
  readonly responseFormat?: {
    readonly type: 'json_schema' | 'json_object';
    readonly name?: string;
    readonly schema?: unknown;
  };
  /** The request body as received. */
  readonly body: Readonly<Record<string, unknown>>;
  /** The request headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Token counts to report; defaults are derived from the text lengths. */
export interface ScriptedUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

interface ReplyExtras {
  readonly usage?: ScriptedUsage;
}

/**
 * What the server answers:
 * - `{ text }`: an assistant message (finish reason `stop`, or `length` with `finishReason: 'length'`);
 * - `{ toolCalls }`: one or more tool calls in one turn (finish reason `tool-calls`);
 * - `{ object }`: structured output, sent as the JSON text of the object;
 * - `{ status, error }`: an HTTP error with an OpenAI error body (`retryAfterMs` sets `retry-after` on a 429);
 * - `{ delayMs, then }`: waits before sending anything (headers included), then answers `then`
 *   (`delayReply(ms, reply)` builds it; the server's `streamChunkDelayMs` slows a stream instead).
 *
 * @example
 * const reply: ScriptedReply = delayReply(50, { toolCalls: [{ name: 'add', arguments: { a: 2, b: 3 } }] });
 */
export type ScriptedReply =
  | (ReplyExtras & { readonly text: string; readonly finishReason?: 'stop' | 'length' })
  | (ReplyExtras & {
      readonly toolCalls: readonly {
        readonly name: string;
        readonly arguments: unknown;
        readonly id?: string;
      }[];
      readonly text?: string;
    })
  | (ReplyExtras & { readonly object: unknown })
  | {
      readonly status: number;
      readonly error: string;
      readonly code?: string;
      readonly type?: string;
      readonly retryAfterMs?: number;
    }
  | { readonly delayMs: number; readonly then: ScriptedReply };

/**
 * Decides the reply to one request; may be async.
 *
 * @example
 * const script: Script = (request) => ({ text: `You said: ${request.messages.at(-1)?.text}` });
 */
export type Script = (request: ScriptedRequest) => ScriptedReply | Promise<ScriptedReply>;

/** A reply the server can write (delays and errors taken off). */
export type ScriptedContentReply = Exclude<
  ScriptedReply,
  { readonly delayMs: number } | { readonly status: number }
>;

/** The content of a reply, normalised: text, tool calls, finish reason, usage. */
export interface ScriptedCompletion {
  readonly text: string;
  readonly toolCalls: readonly ScriptedToolCall[];
  readonly finishReason: 'stop' | 'length' | 'tool-calls';
  readonly usage: ScriptedUsage;
}
