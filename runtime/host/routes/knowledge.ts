import { weftError } from '../../errors/create-weft-error.js';
import { WeftError } from '../../errors/weft-error.js';
import type { KnowledgeDocument } from '../../rag/knowledge-types.js';
import type { KnowledgeGraphV1 } from '../../spec/v1/graph.js';
import type { VectorFilterV1 } from '../../spec/v1/vector-store.js';
import { validateVectorFilter } from '../../vector/validate-vector-filter.js';
import type { RouteModule } from '../host-context.js';
import type { HostedKnowledge, HostedWeft } from '../hosted-weft.js';
import { validateRequest } from '../validate-request.js';

/**
 * The most documents one `POST .../documents` takes.
 *
 * @example
 * maxDocumentsPerRequest; // 1000
 */
export const maxDocumentsPerRequest = 1_000;

/**
 * Closed: unknown fields are a 400.
 *
 * @example
 * validateRequest(addDocumentsBodySchema, { documents: [{ id: 'a', text: 'Hi' }] }, 'request body');
 */
export const addDocumentsBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['documents'],
  properties: {
    documents: {
      type: 'array',
      minItems: 1,
      maxItems: maxDocumentsPerRequest,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'text'],
        properties: {
          id: { type: 'string', minLength: 1, maxLength: 512 },
          text: { type: 'string', minLength: 1 },
          metadata: { type: 'object' },
        },
      },
    },
  },
} as const;

/**
 * Closed: unknown fields are a 400.
 *
 * @example
 * validateRequest(queryBodySchema, { text: 'refunds', topK: 3 }, 'request body');
 */
export const queryBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['text'],
  properties: {
    text: { type: 'string', minLength: 1 },
    topK: { type: 'integer', minimum: 1, maximum: 100 },
    filter: { type: 'object' },
    minScore: { type: 'number' },
  },
} as const;

interface QueryBody {
  readonly text: string;
  readonly topK?: number;
  readonly filter?: unknown;
  readonly minScore?: number;
}

/**
 * The knowledge API: `GET /api/knowledge` (`{ items: [{ name, description, index, embedder,
 * documents? }] }`), `GET /api/knowledge/:name` (the knowledge base with its documents),
 * `POST /api/knowledge/:name/documents` (`{ documents: [{ id, text, metadata? }] }` -> 201
 * `{ items: [{ id, chunks }] }`), `DELETE /api/knowledge/:name/documents/:id` (204; 404
 * `DOCUMENT_NOT_FOUND`) and `POST /api/knowledge/:name/query` (`{ text, topK?, filter?, minScore? }`
 * -> `{ hits: [{ text, score, metadata, documentId }] }`; a malformed filter is 400
 * `VECTOR_FILTER_INVALID` with `details.pointer`). Reads need `knowledge:read`, writes
 * `knowledge:write`.
 *
 * @example
 * await app.inject({ method: 'POST', url: '/api/knowledge/help-center/query', payload: { text: 'refunds' } });
 */
export const knowledgeRoutes: RouteModule = (app, { weft }) => {
  const read = { config: { scope: 'knowledge:read' as const } };
  const write = { config: { scope: 'knowledge:write' as const } };
  app.get('/api/knowledge', read, async () => ({
    items: await Promise.all(
      Object.values(weft.graph.knowledge)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map(async (definition) => {
          const documents =
            weft.getKnowledge === undefined
              ? undefined
              : (await weft.getKnowledge(definition.name).documents()).length;
          return { ...summary(definition), ...(documents === undefined ? {} : { documents }) };
        }),
    ),
  }));
  app.get<{ Params: { name: string } }>('/api/knowledge/:name', read, async (request) => {
    const knowledge = knowledgeOf(weft, request.params.name);
    const documents = await knowledge.documents();
    return {
      ...summary(knowledge.definition),
      chunking: knowledge.definition.chunking,
      documents: documents.map(({ id, chunks, origin }) => ({ id, chunks, origin })),
    };
  });
  app.post<{ Params: { name: string } }>('/api/knowledge/:name/documents', write, async (request, reply) => {
    const knowledge = knowledgeOf(weft, request.params.name);
    const body = validateRequest<{ documents: KnowledgeDocument[] }>(
      addDocumentsBodySchema,
      request.body ?? {},
      'request body',
    );
    const added = await knowledge.add(body.documents);
    return reply.status(201).send({ items: added.map(({ id, chunks }) => ({ id, chunks })) });
  });
  app.delete<{ Params: { name: string; id: string } }>(
    '/api/knowledge/:name/documents/:id',
    write,
    async (request, reply) => {
      const knowledge = knowledgeOf(weft, request.params.name);
      const { deleted } = await knowledge.delete([request.params.id]);
      if (deleted.length === 0)
        throw weftError('DOCUMENT_NOT_FOUND', {
          message: `The knowledge base "${knowledge.name}" has no document "${request.params.id}".`,
          details: { knowledge: knowledge.name, document: request.params.id },
        });
      return reply.status(204).send();
    },
  );
  app.post<{ Params: { name: string } }>('/api/knowledge/:name/query', read, async (request) => {
    const knowledge = knowledgeOf(weft, request.params.name);
    const body = validateRequest<QueryBody>(queryBodySchema, request.body ?? {}, 'request body');
    const filter = body.filter === undefined ? undefined : checkFilter(body.filter);
    const hits = await knowledge.query(body.text, {
      ...(body.topK === undefined ? {} : { topK: body.topK }),
      ...(filter === undefined ? {} : { filter }),
      ...(body.minScore === undefined ? {} : { minScore: body.minScore }),
    });
    return {
      hits: hits.map(({ text, score, metadata, documentId }) => ({ text, score, metadata, documentId })),
    };
  });
};

function summary(definition: KnowledgeGraphV1) {
  return {
    name: definition.name,
    ...(definition.description === undefined ? {} : { description: definition.description }),
    index: definition.index,
    embedder: definition.embedder,
  };
}

function knowledgeOf(weft: HostedWeft, name: string): HostedKnowledge {
  if (weft.getKnowledge === undefined)
    throw weftError('KNOWLEDGE_NOT_FOUND', {
      message: `No knowledge base is named "${name}".`,
      details: { knowledge: name },
    });
  return weft.getKnowledge(name);
}

/** The filter, checked; a problem is `VECTOR_FILTER_INVALID` with the pointer into the body (`/filter/year/$gt`). */
function checkFilter(filter: unknown): VectorFilterV1 {
  try {
    return validateVectorFilter(filter);
  } catch (error) {
    if (!WeftError.isInstance(error) || error.code !== 'VECTOR_FILTER_INVALID') throw error;
    const path = typeof error.details?.path === 'string' ? error.details.path : '';
    throw weftError('VECTOR_FILTER_INVALID', {
      message: error.message,
      details: { ...error.details, pointer: `/filter${path}` },
      cause: error,
    });
  }
}
