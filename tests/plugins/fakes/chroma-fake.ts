import { randomUUID } from 'node:crypto';
import { FakeHttpServer, type FakeRequest, type FakeResponse } from './fake-http-server.js';
import { cosine, dot, isNumberArray, isObject, squaredDistance, unknownKeys } from './fake-vector-math.js';

type Scalar = string | number | boolean;
type ChromaMetadata = Record<string, Scalar | Scalar[]>;

interface FakeCollection {
  readonly id: string;
  readonly name: string;
  readonly space: 'cosine' | 'l2' | 'ip';
  readonly metadata: Record<string, unknown> | null;
  dimension: number | null;
  readonly records: Map<string, { embedding: number[]; metadata: ChromaMetadata | null }>;
}

const tenant = 'default_tenant';
const database = 'default_database';
const prefix = `/api/v2/tenants/${tenant}/databases/${database}`;

/**
 * A protocol-level fake of Chroma's HTTP API v2 on 127.0.0.1: heartbeat, pre-flight checks,
 * collections under `/api/v2/tenants/{tenant}/databases/{database}/collections` and the record
 * endpoints (`/upsert`, `/add`, `/query`, `/get`, `/delete`, `/count`). It checks the
 * `x-chroma-token` header, fixes a collection's dimension at its first write like Chroma, rejects
 * unknown fields, malformed `where` clauses and wrong dimensions with Chroma's statuses and
 * `{ error, message }` bodies, and evaluates Chroma's own `where` semantics: typed comparisons (an
 * integer never equals a float or a string), `$ne`/`$nin` true for records without the key.
 *
 * @example
 * const chroma = await ChromaFake.start({ apiKey: 'test-key' });
 * new ChromaClient({ host: '127.0.0.1', port: Number(new URL(chroma.url).port), headers: { 'x-chroma-token': 'test-key' } });
 */
export class ChromaFake {
  readonly collections = new Map<string, FakeCollection>();
  maxBatchSize = 1000;

  private constructor(
    readonly server: FakeHttpServer,
    readonly apiKey: string,
  ) {}

  static async start(options: { apiKey: string }): Promise<ChromaFake> {
    let fake: ChromaFake | undefined;
    const server = await FakeHttpServer.start((request) => fake?.handle(request) ?? { status: 503 });
    fake = new ChromaFake(server, options.apiKey);
    return fake;
  }

  get url(): string {
    return this.server.url;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private handle(request: FakeRequest): FakeResponse {
    if (request.path === '/api/v2/heartbeat')
      return { status: 200, body: { 'nanosecond heartbeat': Date.now() * 1e6 } };
    if (request.headers['x-chroma-token'] !== this.apiKey) {
      return error(401, 'AuthError', 'Unauthorized: missing or invalid x-chroma-token');
    }
    if (request.invalidJson) return error(400, 'InvalidArgumentError', 'Failed to parse the JSON body');
    if (request.path === '/api/v2/pre-flight-checks') {
      return { status: 200, body: { max_batch_size: this.maxBatchSize, supports_base64_encoding: false } };
    }
    if (!request.path.startsWith(`${prefix}/`))
      return error(404, 'NotFoundError', `Not found: ${request.path}`);
    const rest = request.path.slice(prefix.length);
    const body = isObject(request.body) ? request.body : {};
    if (rest === '/collections' && request.method === 'POST') return this.create(body);
    if (rest === '/collections' && request.method === 'GET') {
      const offset = Number(request.query.get('offset') ?? 0);
      const limit = Number(request.query.get('limit') ?? 100);
      return { status: 200, body: [...this.collections.values()].slice(offset, offset + limit).map(model) };
    }
    const named = /^\/collections\/([^/]+)$/.exec(rest);
    if (named !== null) {
      const collection = this.collections.get(named[1] ?? '');
      if (collection === undefined)
        return error(404, 'NotFoundError', `Collection [${named[1]}] does not exist`);
      if (request.method === 'GET') return { status: 200, body: model(collection) };
      if (request.method === 'DELETE') {
        this.collections.delete(collection.name);
        return { status: 200, body: {} };
      }
    }
    const records = /^\/collections\/([^/]+)\/(upsert|add|query|get|delete|count)$/.exec(rest);
    if (records !== null) {
      const collection = [...this.collections.values()].find((candidate) => candidate.id === records[1]);
      if (collection === undefined)
        return error(404, 'NotFoundError', `Collection [${records[1]}] does not exist`);
      switch (`${request.method} ${records[2]}`) {
        case 'POST upsert':
        case 'POST add':
          return this.upsert(collection, body);
        case 'POST query':
          return this.query(collection, body);
        case 'POST get':
          return this.get(collection, body);
        case 'POST delete':
          return this.remove(collection, body);
        case 'GET count':
          return { status: 200, body: collection.records.size };
      }
    }
    return error(404, 'NotFoundError', `Not found: ${request.method} ${request.path}`);
  }

  private create(body: Record<string, unknown>): FakeResponse {
    const extra = unknownKeys(body, ['name', 'configuration', 'metadata', 'get_or_create', 'schema']);
    if (extra.length > 0) return error(400, 'InvalidArgumentError', `unknown field \`${extra[0]}\``);
    const { name, configuration, metadata } = body;
    if (typeof name !== 'string' || !/^[a-zA-Z0-9][a-zA-Z0-9._-]{1,510}[a-zA-Z0-9]$/.test(name)) {
      return error(400, 'InvalidArgumentError', `Invalid collection name: ${String(name)}`);
    }
    const existing = this.collections.get(name);
    if (existing !== undefined) {
      return body.get_or_create === true
        ? { status: 200, body: model(existing) }
        : error(409, 'UniqueConstraintError', `Collection [${name}] already exists`);
    }
    const hnsw = isObject(configuration) && isObject(configuration.hnsw) ? configuration.hnsw : {};
    const space = hnsw.space ?? (isObject(metadata) ? metadata['hnsw:space'] : undefined) ?? 'l2';
    if (space !== 'cosine' && space !== 'l2' && space !== 'ip') {
      return error(400, 'InvalidArgumentError', `Invalid space: ${String(space)}`);
    }
    const collection: FakeCollection = {
      id: randomUUID(),
      name,
      space,
      metadata: isObject(metadata) ? metadata : null,
      dimension: null,
      records: new Map(),
    };
    this.collections.set(name, collection);
    return { status: 200, body: model(collection) };
  }

  private upsert(collection: FakeCollection, body: Record<string, unknown>): FakeResponse {
    const extra = unknownKeys(body, ['ids', 'embeddings', 'metadatas', 'documents', 'uris']);
    if (extra.length > 0) return error(400, 'InvalidArgumentError', `unknown field \`${extra[0]}\``);
    const { ids, embeddings, metadatas } = body;
    if (!Array.isArray(ids) || !Array.isArray(embeddings) || ids.length !== embeddings.length) {
      return error(400, 'InvalidArgumentError', 'ids and embeddings must be lists of the same length');
    }
    if (ids.length > this.maxBatchSize) {
      return error(
        400,
        'InvalidArgumentError',
        `Cannot submit more than ${this.maxBatchSize} embeddings at once`,
      );
    }
    if (
      metadatas !== undefined &&
      metadatas !== null &&
      (!Array.isArray(metadatas) || metadatas.length !== ids.length)
    ) {
      return error(400, 'InvalidArgumentError', 'metadatas must have one entry per id');
    }
    let dimension = collection.dimension;
    for (const [position, embedding] of embeddings.entries()) {
      if (!isNumberArray(embedding))
        return error(400, 'InvalidArgumentError', 'Embeddings must be lists of numbers');
      dimension ??= embedding.length;
      if (embedding.length !== dimension) {
        return error(
          400,
          'InvalidArgumentError',
          `Collection expecting embedding with dimension of ${dimension}, got ${embedding.length}`,
        );
      }
      const metadata = Array.isArray(metadatas) ? metadatas[position] : null;
      if (metadata !== null && metadata !== undefined) {
        if (!isObject(metadata) || Object.keys(metadata).length === 0) {
          return error(400, 'InvalidArgumentError', 'Expected metadata to be a non-empty dict');
        }
        for (const [key, value] of Object.entries(metadata)) {
          const scalar = (item: unknown) => ['string', 'number', 'boolean'].includes(typeof item);
          if (!(scalar(value) || (Array.isArray(value) && value.every(scalar)))) {
            return error(
              400,
              'InvalidArgumentError',
              `Expected metadata value for key ${key} to be a str, int, float, bool or a list of them`,
            );
          }
        }
      }
    }
    collection.dimension = dimension;
    for (const [position, id] of ids.entries()) {
      const metadata = Array.isArray(metadatas) ? metadatas[position] : null;
      collection.records.set(String(id), {
        embedding: embeddings[position] as number[],
        metadata: isObject(metadata) ? (structuredClone(metadata) as ChromaMetadata) : null,
      });
    }
    return { status: 200, body: {} };
  }

  private query(collection: FakeCollection, body: Record<string, unknown>): FakeResponse {
    const extra = unknownKeys(body, [
      'ids',
      'include',
      'n_results',
      'query_embeddings',
      'where',
      'where_document',
    ]);
    if (extra.length > 0) return error(400, 'InvalidArgumentError', `unknown field \`${extra[0]}\``);
    const { query_embeddings: queries, where } = body;
    if (!Array.isArray(queries) || !queries.every(isNumberArray)) {
      return error(400, 'InvalidArgumentError', 'query_embeddings must be a list of embeddings');
    }
    const problem = where === undefined || where === null ? undefined : whereProblem(where);
    if (problem !== undefined) return error(400, 'InvalidArgumentError', `Invalid where clause: ${problem}`);
    const include = Array.isArray(body.include) ? body.include : ['metadatas', 'documents', 'distances'];
    const limit = typeof body.n_results === 'number' ? body.n_results : 10;
    const rows = queries.map((query) => {
      if (collection.dimension !== null && query.length !== collection.dimension) return undefined;
      return [...collection.records.entries()]
        .filter(([, record]) => !isObject(where) || matches(record.metadata ?? {}, where))
        .map(([id, record]) => ({
          id,
          record,
          distance: distance(collection.space, query, record.embedding),
        }))
        .sort((left, right) => left.distance - right.distance)
        .slice(0, limit);
    });
    if (rows.includes(undefined)) {
      return error(
        400,
        'InvalidArgumentError',
        `Collection expecting embedding with dimension of ${collection.dimension}, got ${(queries[0] as number[]).length}`,
      );
    }
    const found = rows as NonNullable<(typeof rows)[number]>[];
    return {
      status: 200,
      body: {
        ids: found.map((row) => row.map((hit) => hit.id)),
        distances: include.includes('distances') ? found.map((row) => row.map((hit) => hit.distance)) : null,
        embeddings: include.includes('embeddings')
          ? found.map((row) => row.map((hit) => hit.record.embedding))
          : null,
        metadatas: include.includes('metadatas')
          ? found.map((row) => row.map((hit) => hit.record.metadata))
          : null,
        documents: include.includes('documents') ? found.map((row) => row.map(() => null)) : null,
        uris: null,
        include,
      },
    };
  }

  private get(collection: FakeCollection, body: Record<string, unknown>): FakeResponse {
    const extra = unknownKeys(body, ['ids', 'where', 'limit', 'offset', 'where_document', 'include']);
    if (extra.length > 0) return error(400, 'InvalidArgumentError', `unknown field \`${extra[0]}\``);
    const problem = body.where === undefined || body.where === null ? undefined : whereProblem(body.where);
    if (problem !== undefined) return error(400, 'InvalidArgumentError', `Invalid where clause: ${problem}`);
    const offset = typeof body.offset === 'number' ? body.offset : 0;
    const limit = typeof body.limit === 'number' ? body.limit : Number.POSITIVE_INFINITY;
    const selected = this.select(collection, body).slice(offset, offset + limit);
    const include = Array.isArray(body.include) ? body.include : ['metadatas', 'documents'];
    return {
      status: 200,
      body: {
        ids: selected.map(([id]) => id),
        embeddings: include.includes('embeddings') ? selected.map(([, record]) => record.embedding) : null,
        metadatas: include.includes('metadatas') ? selected.map(([, record]) => record.metadata) : null,
        documents: include.includes('documents') ? selected.map(() => null) : null,
        uris: null,
        include,
      },
    };
  }

  private remove(collection: FakeCollection, body: Record<string, unknown>): FakeResponse {
    const extra = unknownKeys(body, ['ids', 'where', 'where_document', 'limit']);
    if (extra.length > 0) return error(400, 'InvalidArgumentError', `unknown field \`${extra[0]}\``);
    const problem = body.where === undefined || body.where === null ? undefined : whereProblem(body.where);
    if (problem !== undefined) return error(400, 'InvalidArgumentError', `Invalid where clause: ${problem}`);
    const selected = this.select(collection, body);
    for (const [id] of selected) collection.records.delete(id);
    return { status: 200, body: { deleted: selected.length } };
  }

  private select(collection: FakeCollection, body: Record<string, unknown>) {
    const ids = Array.isArray(body.ids) ? body.ids.map(String) : undefined;
    return [...collection.records.entries()].filter(
      ([id, record]) =>
        (ids === undefined || ids.includes(id)) &&
        (!isObject(body.where) || matches(record.metadata ?? {}, body.where)),
    );
  }
}

function model(collection: FakeCollection): Record<string, unknown> {
  return {
    id: collection.id,
    name: collection.name,
    configuration_json: {
      hnsw: { space: collection.space, ef_construction: 100, ef_search: 100, max_neighbors: 16 },
      spann: null,
      embedding_function: null,
    },
    metadata: collection.metadata,
    dimension: collection.dimension,
    tenant,
    database,
    log_position: 0,
    version: 0,
    schema: null,
  };
}

function error(status: number, kind: string, message: string): FakeResponse {
  return { status, body: { error: kind, message } };
}

function distance(space: FakeCollection['space'], query: number[], embedding: number[]): number {
  if (space === 'cosine') return 1 - cosine(query, embedding);
  if (space === 'ip') return 1 - dot(query, embedding);
  return squaredDistance(query, embedding);
}

/** Chroma's value kinds: integers and floats are different kinds. */
function kind(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  return typeof value;
}

const operators = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$contains', '$not_contains'];

/** Why a value is not a Chroma `where` clause (undefined when it is). */
function whereProblem(where: unknown): string | undefined {
  if (!isObject(where) || Object.keys(where).length !== 1) return 'expected an object with exactly one key';
  const [key, value] = Object.entries(where)[0] as [string, unknown];
  if (key === '$and' || key === '$or') {
    if (!Array.isArray(value) || value.length < 2) return `${key} expects a list of at least two clauses`;
    for (const child of value) {
      const problem = whereProblem(child);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (key.startsWith('$')) return `unknown operator ${key}`;
  if (['string', 'number', 'boolean'].includes(typeof value)) return undefined;
  if (!isObject(value) || Object.keys(value).length !== 1) return `expected one operator for key ${key}`;
  const [operator, operand] = Object.entries(value)[0] as [string, unknown];
  if (!operators.includes(operator)) return `unknown operator ${operator}`;
  if (['$gt', '$gte', '$lt', '$lte'].includes(operator) && typeof operand !== 'number') {
    return `${operator} expects a number`;
  }
  if (operator === '$in' || operator === '$nin') {
    if (!Array.isArray(operand) || operand.length === 0) return `${operator} expects a non-empty list`;
    if (
      new Set(operand.map(kind)).size !== 1 ||
      !['string', 'int', 'float', 'boolean'].includes(kind(operand[0]))
    ) {
      return `${operator} expects a list of values of one type`;
    }
    return undefined;
  }
  return ['string', 'number', 'boolean'].includes(typeof operand)
    ? undefined
    : `${operator} expects a scalar`;
}

function matches(metadata: ChromaMetadata, where: Record<string, unknown>): boolean {
  const [key, value] = Object.entries(where)[0] as [string, unknown];
  if (key === '$and') return (value as Record<string, unknown>[]).every((child) => matches(metadata, child));
  if (key === '$or') return (value as Record<string, unknown>[]).some((child) => matches(metadata, child));
  const [operator, operand] = isObject(value)
    ? (Object.entries(value)[0] as [string, unknown])
    : ['$eq', value];
  const stored = metadata[key];
  if (operator === '$contains' || operator === '$not_contains') {
    const contains = Array.isArray(stored) && stored.includes(operand as Scalar);
    return operator === '$contains' ? contains : !contains;
  }
  const sameKind = stored !== undefined && !Array.isArray(stored) && kind(stored) === kind(operand);
  const list = Array.isArray(operand) ? operand : [];
  switch (operator) {
    case '$eq':
      return sameKind && stored === operand;
    case '$ne':
      return !(sameKind && stored === operand);
    case '$in':
      return (
        stored !== undefined &&
        !Array.isArray(stored) &&
        kind(stored) === kind(list[0]) &&
        list.includes(stored)
      );
    case '$nin':
      return !(
        stored !== undefined &&
        !Array.isArray(stored) &&
        kind(stored) === kind(list[0]) &&
        list.includes(stored)
      );
    default: {
      if (!sameKind) return false;
      const left = stored as number;
      const right = operand as number;
      return operator === '$gt'
        ? left > right
        : operator === '$gte'
          ? left >= right
          : operator === '$lt'
            ? left < right
            : left <= right;
    }
  }
}
