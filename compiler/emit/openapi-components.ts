import type { JsonValueV1 } from '../../runtime/spec/v1/graph.js';

type Json = { [key: string]: JsonValueV1 };

const str: Json = { type: 'string' };
const int: Json = { type: 'integer' };
const dateTime: Json = { type: 'string', format: 'date-time' };
const object = (properties: Json, required: readonly string[] = [], closed = true): Json => ({
  type: 'object',
  ...(required.length > 0 ? { required: [...required] } : {}),
  properties,
  ...(closed ? { additionalProperties: false } : {}),
});

/** `#/components/schemas/<name>`. */
export const schemaRef = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });

const runError = object({ code: str, message: str, step: str }, ['code', 'message']);
const attemptStatus: Json = {
  type: 'string',
  enum: ['started', 'completed', 'failed', 'skipped', 'suspended', 'resumed', 'sleeping', 'compensated'],
};
const usage = object({ promptTokens: int, completionTokens: int, totalTokens: int }, [
  'promptTokens',
  'completionTokens',
  'totalTokens',
]);
const message = object(
  { id: str, role: { type: 'string', enum: ['system', 'user', 'assistant', 'tool'] }, content: {} },
  ['role', 'content'],
);

/**
 * The component schemas shared by every weft API document: the error body, the run document and
 * its parts, agent bodies and results, threads, messages and knowledge queries (the shapes of
 * `runtime/public/api-types.ts`).
 *
 * @example
 * const components = { schemas: { ...genericComponentSchemas() } };
 */
export function genericComponentSchemas(): Record<string, Json> {
  return {
    ErrorBody: object({ error: object({ code: str, message: str, details: {} }, ['code', 'message']) }, [
      'error',
    ]),
    RunError: runError,
    RunStatus: {
      type: 'string',
      enum: ['running', 'suspended', 'sleeping', 'completed', 'failed', 'cancelled'],
    },
    RunDocument: object(
      {
        runId: str,
        workflow: str,
        status: schemaRef('RunStatus'),
        input: {},
        output: {},
        error: schemaRef('RunError'),
        suspended: { type: 'array', items: object({ step: str, payload: {} }, ['step', 'payload']) },
        steps: {
          type: 'array',
          items: object(
            {
              path: str,
              status: attemptStatus,
              attempts: {
                type: 'array',
                items: object(
                  {
                    attempt: int,
                    status: attemptStatus,
                    startedAt: dateTime,
                    endedAt: dateTime,
                    output: {},
                    error: schemaRef('RunError'),
                  },
                  ['attempt', 'status', 'startedAt'],
                ),
              },
            },
            ['path', 'status', 'attempts'],
          ),
        },
        createdAt: dateTime,
        updatedAt: dateTime,
      },
      ['runId', 'workflow', 'status', 'input', 'steps', 'createdAt', 'updatedAt'],
    ),
    RunList: object({ items: { type: 'array', items: schemaRef('RunDocument') }, nextCursor: str }, [
      'items',
    ]),
    ChatMessage: message,
    GenerateBody: object({
      prompt: str,
      messages: { type: 'array', items: schemaRef('ChatMessage') },
      threadId: str,
      resourceId: str,
      context: { type: 'object' },
    }),
    TokenUsage: usage,
    GenerateResult: object(
      {
        text: str,
        usage: schemaRef('TokenUsage'),
        finishReason: str,
        toolCalls: {
          type: 'array',
          items: object({ toolName: str, input: {}, output: {} }, ['toolName', 'input']),
        },
        object: {},
      },
      ['text', 'usage', 'finishReason'],
    ),
    StreamChunk: object(
      {
        type: { type: 'string', enum: ['text', 'tool', 'error'] },
        content: str,
        metadata: { type: 'object' },
      },
      ['type', 'content'],
    ),
    HealthStatus: object(
      {
        status: { type: 'string', enum: ['ok', 'degraded'] },
        storage: { type: 'string', enum: ['ok', 'unreachable'] },
        version: str,
      },
      ['status', 'storage'],
    ),
    Thread: object(
      {
        id: str,
        resourceId: str,
        title: str,
        metadata: { type: 'object' },
        createdAt: dateTime,
        updatedAt: dateTime,
      },
      ['id', 'createdAt', 'updatedAt'],
    ),
    ThreadBody: object({ resourceId: str, title: str, metadata: { type: 'object' } }),
    MessagesBody: object({ messages: { type: 'array', items: schemaRef('ChatMessage') } }, ['messages']),
    KnowledgeQuery: object(
      {
        text: str,
        topK: { type: 'integer', minimum: 1 },
        filter: { type: 'object' },
        minScore: { type: 'number' },
      },
      ['text'],
    ),
    KnowledgeHits: object(
      {
        hits: {
          type: 'array',
          items: object(
            { text: str, score: { type: 'number' }, metadata: { type: 'object' }, documentId: str },
            ['text', 'score'],
          ),
        },
      },
      ['hits'],
    ),
    KnowledgeDocuments: object(
      {
        documents: {
          type: 'array',
          items: object({ id: str, text: str, metadata: { type: 'object' } }, ['id', 'text']),
        },
      },
      ['documents'],
    ),
    ManifestList: object(
      {
        items: { type: 'array', items: object({ name: str, description: str }, ['name'], false) },
        nextCursor: str,
      },
      ['items'],
    ),
    Manifest: { type: 'object' },
  };
}
