/**
 * `weft/testing`: what users' tests need to run agents without a real model: a scripted
 * OpenAI-compatible HTTP server (Responses, Chat Completions, embeddings) and mock models.
 *
 * @example
 * import { startScriptedOpenAIServer, callToolThenAnswer } from 'weft/testing';
 * const server = await startScriptedOpenAIServer({
 *   script: callToolThenAnswer({ tool: 'add', arguments: { a: 2, b: 3 }, answer: (r) => `The sum is ${(r as { sum: number }).sum}` }),
 * });
 * process.env.OPENAI_BASE_URL = server.url;
 */

export { type CallToolThenAnswerOptions, callToolThenAnswer } from '../testing/call-tool-then-answer.js';
export { delayReply } from '../testing/delay-reply.js';
export { hashEmbedding } from '../testing/hash-embedding.js';
export {
  type MockTurn,
  mockGenerateResult,
  mockScriptedModel,
  mockSequenceModel,
  mockStreamParts,
  mockTextModel,
  mockToolCallModel,
} from '../testing/mock-models.js';
export { replyQueue } from '../testing/reply-queue.js';
export {
  type RecordedEmbeddingRequest,
  type ScriptedOpenAIServer,
  type ScriptedOpenAIServerOptions,
  startScriptedOpenAIServer,
} from '../testing/scripted-openai-server.js';
export type {
  Script,
  ScriptedEndpoint,
  ScriptedMessage,
  ScriptedReply,
  ScriptedRequest,
  ScriptedTool,
  ScriptedToolCall,
  ScriptedUsage,
} from '../testing/scripted-reply.js';
