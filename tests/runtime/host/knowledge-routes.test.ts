import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ErrorReply, type HostedProject, openHostedProject, send } from './host-test-project.js';

let project: HostedProject;

beforeAll(async () => {
  project = await openHostedProject();
});
afterAll(async () => project.close());

interface KnowledgeList {
  items: { name: string; description?: string; index: string; embedder: string; documents?: number }[];
}
interface Hits {
  hits: { text: string; score: number; metadata: Record<string, unknown>; documentId: string }[];
}

const refunds = {
  id: 'refunds',
  text: '# Refunds\n\nRefunds go back to the card within 5 business days.',
  metadata: { lang: 'en' },
};
const shipping = {
  id: 'shipping',
  text: '# Shipping\n\nParcels ship within two days.',
  metadata: { lang: 'fr' },
};

describe('the knowledge API', () => {
  it('lists the knowledge bases with their index, embedder and document count', async () => {
    const { status, body } = await send<KnowledgeList>(project.app, 'GET', '/api/knowledge');
    expect(status).toBe(200);
    expect(body.items).toEqual([
      {
        name: 'help-center',
        description: 'The public help center articles.',
        index: 'help_center',
        embedder: 'local:hash-384',
        documents: 0,
      },
    ]);
  });

  it('adds documents (201 { items: [{ id, chunks }] }), describes them and finds them', async () => {
    const added = await send<{ items: { id: string; chunks: number }[] }>(
      project.app,
      'POST',
      '/api/knowledge/help-center/documents',
      { documents: [refunds, shipping] },
    );
    expect(added).toEqual({
      status: 201,
      body: {
        items: [
          { id: 'refunds', chunks: 1 },
          { id: 'shipping', chunks: 1 },
        ],
      },
    });
    const described = await send<Record<string, unknown>>(project.app, 'GET', '/api/knowledge/help-center');
    expect(described.status).toBe(200);
    expect(described.body).toMatchObject({
      name: 'help-center',
      index: 'help_center',
      chunking: { strategy: 'markdown', size: 800, overlap: 100 },
      documents: [
        { id: 'refunds', chunks: 1, origin: 'api' },
        { id: 'shipping', chunks: 1, origin: 'api' },
      ],
    });
    const { status, body } = await send<Hits>(project.app, 'POST', '/api/knowledge/help-center/query', {
      text: 'how long until my refund reaches the card?',
      topK: 2,
    });
    expect(status).toBe(200);
    expect(body.hits[0]).toEqual({
      text: refunds.text,
      score: expect.any(Number),
      metadata: { lang: 'en', section: 'Refunds', documentId: 'refunds', chunkIndex: 0 },
      documentId: 'refunds',
    });
  });

  it('queries with a metadata filter and a minimum score', async () => {
    const filtered = await send<Hits>(project.app, 'POST', '/api/knowledge/help-center/query', {
      text: 'refund card',
      filter: { lang: 'fr' },
    });
    expect(filtered.body.hits.map((hit) => hit.documentId)).toEqual(['shipping']);
    const strict = await send<Hits>(project.app, 'POST', '/api/knowledge/help-center/query', {
      text: 'refund card',
      minScore: 0.99,
    });
    expect(strict.body.hits).toEqual([]);
  });

  it.each([
    ['an unknown field', { text: 'x', top: 3 }, 'VALIDATION_FAILED', '/top'],
    ['no text', { topK: 3 }, 'VALIDATION_FAILED', '/text'],
    ['a topK over 100', { text: 'x', topK: 500 }, 'VALIDATION_FAILED', '/topK'],
    [
      'a malformed filter',
      { text: 'x', filter: { year: { $gt: true } } },
      'VECTOR_FILTER_INVALID',
      '/filter/year/$gt',
    ],
    [
      'an unknown filter operator',
      { text: 'x', filter: { lang: { $regex: 'e' } } },
      'VECTOR_FILTER_INVALID',
      '/filter/lang/$regex',
    ],
  ])('refuses a query with %s (400 and its pointer)', async (_name, payload, code, pointer) => {
    const { status, body } = await send<ErrorReply>(
      project.app,
      'POST',
      '/api/knowledge/help-center/query',
      payload,
    );
    expect(status).toBe(400);
    expect(body.error.code).toBe(code);
    expect(body.error.details?.pointer).toBe(pointer);
  });

  it.each([
    ['an unknown top-level field', { documents: [refunds], replace: true }, '/replace'],
    ['an unknown document field', { documents: [{ ...refunds, title: 'x' }] }, '/documents/0/title'],
    ['an empty list', { documents: [] }, '/documents'],
    ['a document without text', { documents: [{ id: 'a' }] }, '/documents/0/text'],
    [
      'a reserved metadata key',
      { documents: [{ id: 'a', text: 'x', metadata: { text: 'y' } }] },
      '/documents/0/metadata/text',
    ],
  ])('refuses documents with %s (400 and its pointer)', async (_name, payload, pointer) => {
    const { status, body } = await send<ErrorReply>(
      project.app,
      'POST',
      '/api/knowledge/help-center/documents',
      payload,
    );
    expect(status).toBe(400);
    expect(['VALIDATION_FAILED', 'DOCUMENT_INVALID']).toContain(body.error.code);
    expect(body.error.details?.pointer).toBe(pointer);
  });

  it('deletes a document (204), then answers 404 DOCUMENT_NOT_FOUND for it', async () => {
    const deleted = await project.app.inject({
      method: 'DELETE',
      url: '/api/knowledge/help-center/documents/shipping',
    });
    expect(deleted.statusCode).toBe(204);
    const again = await project.app.inject({
      method: 'DELETE',
      url: '/api/knowledge/help-center/documents/shipping',
    });
    expect(again.statusCode).toBe(404);
    expect(JSON.parse(again.body)).toMatchObject({ error: { code: 'DOCUMENT_NOT_FOUND' } });
    const { body } = await send<KnowledgeList>(project.app, 'GET', '/api/knowledge');
    expect(body.items[0]?.documents).toBe(1);
  });

  it.each([
    ['GET', '/api/knowledge/help-centre'],
    ['POST', '/api/knowledge/nope/query'],
    ['POST', '/api/knowledge/nope/documents'],
  ] as const)('answers 404 KNOWLEDGE_NOT_FOUND for %s %s', async (method, url) => {
    const { status, body } = await send<ErrorReply>(
      project.app,
      method,
      url,
      method === 'POST' ? { text: 'x' } : undefined,
    );
    expect(status).toBe(404);
    expect(body.error.code).toBe('KNOWLEDGE_NOT_FOUND');
  });

  it('suggests the nearest name for a typo', async () => {
    const { body } = await send<ErrorReply>(project.app, 'GET', '/api/knowledge/help-centre');
    expect(body.error.message).toBe('No knowledge base is named "help-centre". Did you mean "help-center"?');
  });
});
