import type { CompiledGraphV1 } from '../../runtime/spec/v1/graph.js';
import { body, closed, type Json, type Operation, ok, op, pathParam } from './openapi-builders.js';
import { schemaRef } from './openapi-components.js';
/**
 * The routes of the hosted API that are not per manifest: health, this document, lists and
 * descriptions, knowledge documents and queries, memory threads and messages.
 *
 * @example
 * Object.keys(genericPaths(graph)); // ['/api/health', '/api/openapi.json', '/api/agents', ...]
 */
export function genericPaths(graph: CompiledGraphV1): Json {
  const list = (kind: string, id: string): Operation =>
    op(id, kind, `List the ${kind}.`, { 200: ok(`The ${kind}.`, schemaRef('ManifestList')) });
  const describe = (kind: string, id: string, names: readonly string[]): Operation =>
    op(
      id,
      kind,
      `Describe one of the ${kind}.`,
      { 200: ok('The description.', schemaRef('Manifest')) },
      {
        parameters: [pathParam('name', nameSchema(names))],
      },
    );
  const knowledge = nameSchema(Object.keys(graph.knowledge).sort());
  const thread = { parameters: [pathParam('id')] };
  return {
    '/api/health': {
      get: op('health', 'health', 'Liveness and storage reachability.', {
        200: ok('Healthy.', schemaRef('HealthStatus')),
      }),
    },
    '/api/openapi.json': {
      get: op('openapi', 'health', 'This document.', {
        200: ok('The OpenAPI document.', { type: 'object' }),
      }),
    },
    '/api/agents': { get: list('agents', 'listAgents') },
    '/api/agents/{name}': { get: describe('agents', 'getAgent', Object.keys(graph.agents).sort()) },
    '/api/workflows': { get: list('workflows', 'listWorkflows') },
    '/api/workflows/{name}': {
      get: describe('workflows', 'getWorkflow', Object.keys(graph.workflows).sort()),
    },
    '/api/tools': { get: list('tools', 'listTools') },
    '/api/integrations': { get: list('integrations', 'listIntegrations') },
    '/api/integrations/{name}': {
      get: describe('integrations', 'getIntegration', Object.keys(graph.integrations).sort()),
    },
    '/api/knowledge': { get: list('knowledge', 'listKnowledge') },
    '/api/knowledge/{name}': {
      get: describe('knowledge', 'getKnowledge', Object.keys(graph.knowledge).sort()),
    },
    '/api/knowledge/{name}/documents': {
      post: op(
        'addKnowledgeDocuments',
        'knowledge',
        'Add documents to a knowledge base.',
        {
          201: ok('Added: each document with its chunk count.', {
            type: 'object',
            required: ['items'],
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['id', 'chunks'],
                  properties: {
                    id: { type: 'string' },
                    chunks: { type: 'integer' },
                  },
                },
              },
            },
          }),
        },
        {
          parameters: [pathParam('name', knowledge)],
          requestBody: body(schemaRef('KnowledgeDocuments')),
        },
      ),
    },
    '/api/knowledge/{name}/documents/{id}': {
      delete: op(
        'deleteKnowledgeDocument',
        'knowledge',
        'Delete a document of a knowledge base.',
        { 204: { description: 'Deleted.' } },
        {
          parameters: [pathParam('name', knowledge), pathParam('id')],
        },
      ),
    },
    '/api/knowledge/{name}/query': {
      post: op(
        'queryKnowledge',
        'knowledge',
        'Search a knowledge base.',
        { 200: ok('The hits.', schemaRef('KnowledgeHits')) },
        {
          parameters: [pathParam('name', knowledge)],
          requestBody: body(schemaRef('KnowledgeQuery')),
        },
      ),
    },
    '/api/threads': {
      get: op(
        'listThreads',
        'threads',
        'List memory threads.',
        {
          200: ok(
            'A page of threads.',
            closed({ items: { type: 'array', items: schemaRef('Thread') }, nextCursor: { type: 'string' } }, [
              'items',
            ]),
          ),
        },
        { parameters: [{ name: 'resourceId', in: 'query', required: false, schema: { type: 'string' } }] },
      ),
      post: op(
        'createThread',
        'threads',
        'Create a memory thread.',
        { 201: ok('The thread.', schemaRef('Thread')) },
        {
          requestBody: body(schemaRef('ThreadBody')),
        },
      ),
    },
    '/api/threads/{id}': {
      get: op(
        'getThread',
        'threads',
        'Get a memory thread.',
        { 200: ok('The thread.', schemaRef('Thread')) },
        thread,
      ),
      delete: op(
        'deleteThread',
        'threads',
        'Delete a memory thread.',
        { 204: { description: 'Deleted.' } },
        thread,
      ),
    },
    '/api/threads/{id}/messages': {
      get: op(
        'listThreadMessages',
        'threads',
        'The messages of a thread.',
        {
          200: ok(
            'A page of messages.',
            closed(
              { items: { type: 'array', items: schemaRef('ChatMessage') }, nextCursor: { type: 'string' } },
              ['items'],
            ),
          ),
        },
        thread,
      ),
      post: op(
        'saveThreadMessages',
        'threads',
        'Save messages in a thread (an id saved twice keeps one message).',
        {
          200: ok(
            'The saved messages.',
            closed({ items: { type: 'array', items: schemaRef('ChatMessage') } }, ['items']),
          ),
        },
        { ...thread, requestBody: body(schemaRef('MessagesBody')) },
      ),
    },
  };
}

const nameSchema = (names: readonly string[]): Json =>
  names.length === 0 ? { type: 'string' } : { type: 'string', enum: [...names] };
