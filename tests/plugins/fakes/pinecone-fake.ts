import { FakeHttpServer, type FakeRequest, type FakeResponse } from './fake-http-server.js';
import { cosine, dot, isNumberArray, isObject, squaredDistance, unknownKeys } from './fake-vector-math.js';

type PineconeMetadata = Record<string, string | number | boolean | string[]>;

interface FakeIndex {
  readonly name: string;
  readonly dimension: number;
  readonly metric: 'cosine' | 'euclidean' | 'dotproduct';
  readonly cloud: string;
  readonly region: string;
  /** namespace -> id -> record */
  readonly namespaces: Map<string, Map<string, { values: number[]; metadata?: PineconeMetadata }>>;
}

const indexName = /^[a-z0-9]([a-z0-9-]{0,43}[a-z0-9])?$/;
const maxRequestBytes = 2 * 1024 * 1024;

/**
 * A protocol-level fake of Pinecone (API version 2026-04) on 127.0.0.1: the control plane
 * (`/indexes`) and, under `/data/<index>`, each index's data plane host (`/vectors/upsert`,
 * `/query`, `/vectors/delete`, `/vectors/fetch`, `/describe_index_stats`, and the namespace API
 * `/namespaces` and `/namespaces/<name>`: create, list with `prefix`/`limit`/pagination, describe
 * with its `record_count`, delete). It checks the `Api-Key` header, rejects unknown fields, wrong
 * dimensions, metadata Pinecone cannot hold, a `topK` above 1000 with metadata or values and
 * malformed filters with Pinecone's statuses and bodies, and evaluates Pinecone's own filter
 * language (`$ne`/`$nin` never match a record without the field). An upsert into a namespace that
 * does not exist creates it, as Pinecone does.
 *
 * @example
 * const pinecone = await PineconeFake.start({ apiKey: 'test-key' });
 * new Pinecone({ apiKey: 'test-key', controllerHostUrl: pinecone.url });
 * pinecone.seedIndex({ name: 'shared', dimension: 384, metric: 'cosine' }); // an existing index
 */
export class PineconeFake {
  readonly indexes = new Map<string, FakeIndex>();

  private constructor(
    readonly server: FakeHttpServer,
    readonly apiKey: string,
  ) {}

  static async start(options: { apiKey: string }): Promise<PineconeFake> {
    let fake: PineconeFake | undefined;
    const server = await FakeHttpServer.start((request) => {
      if (fake === undefined) return { status: 503 };
      return fake.handle(request);
    });
    fake = new PineconeFake(server, options.apiKey);
    return fake;
  }

  get url(): string {
    return this.server.url;
  }

  /** Creates a Pinecone index directly, as if it existed before the test (no request is logged). */
  seedIndex(options: { name: string; dimension: number; metric: FakeIndex['metric'] }): void {
    this.indexes.set(options.name, {
      ...options,
      cloud: 'aws',
      region: 'us-east-1',
      namespaces: new Map(),
    });
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private handle(request: FakeRequest): FakeResponse {
    if (request.headers['api-key'] !== this.apiKey) {
      return controlError(401, 'UNAUTHENTICATED', 'Invalid API Key');
    }
    if (request.invalidJson) return dataError(400, 'Invalid JSON in request body');
    const data = /^\/data\/([^/]+)(\/.*)$/.exec(request.path);
    if (data !== null) {
      const index = this.indexes.get(data[1] ?? '');
      if (index === undefined) return { status: 404, body: { code: 5, message: 'Not Found', details: [] } };
      return this.dataPlane(index, `${request.method} ${data[2]}`, request);
    }
    return this.controlPlane(request);
  }

  private controlPlane(request: FakeRequest): FakeResponse {
    const named = /^\/indexes\/([^/]+)$/.exec(request.path);
    if (request.method === 'POST' && request.path === '/indexes') return this.createIndex(request.body);
    if (request.method === 'GET' && request.path === '/indexes') {
      return { status: 200, body: { indexes: [...this.indexes.values()].map((index) => this.model(index)) } };
    }
    if (named !== null) {
      const index = this.indexes.get(named[1] ?? '');
      if (index === undefined) return controlError(404, 'NOT_FOUND', `Resource ${named[1]} not found`);
      if (request.method === 'GET') return { status: 200, body: this.model(index) };
      if (request.method === 'DELETE') {
        this.indexes.delete(index.name);
        return { status: 202 };
      }
    }
    return controlError(404, 'NOT_FOUND', `Unknown route ${request.method} ${request.path}`);
  }

  private createIndex(body: unknown): FakeResponse {
    if (!isObject(body)) return controlError(400, 'INVALID_ARGUMENT', 'Body must be an object');
    const extra = unknownKeys(body, [
      'name',
      'dimension',
      'metric',
      'deletion_protection',
      'tags',
      'spec',
      'vector_type',
    ]);
    if (extra.length > 0) {
      return controlError(
        422,
        'INVALID_ARGUMENT',
        `Failed to deserialize the JSON body: unknown field \`${extra[0]}\``,
      );
    }
    const { name, dimension, metric, spec } = body;
    if (typeof name !== 'string' || !indexName.test(name)) {
      return controlError(
        400,
        'INVALID_ARGUMENT',
        "Name must consist of lower case alphanumeric characters or '-', start and end with an alphanumeric character, and be at most 45 characters",
      );
    }
    if (typeof dimension !== 'number' || !Number.isInteger(dimension) || dimension < 1 || dimension > 20000) {
      return controlError(400, 'INVALID_ARGUMENT', 'Dimension must be an integer between 1 and 20000');
    }
    if (metric !== 'cosine' && metric !== 'euclidean' && metric !== 'dotproduct') {
      return controlError(400, 'INVALID_ARGUMENT', 'Metric must be one of cosine, euclidean, dotproduct');
    }
    const serverless = isObject(spec) && isObject(spec.serverless) ? spec.serverless : undefined;
    if (
      serverless === undefined ||
      typeof serverless.cloud !== 'string' ||
      typeof serverless.region !== 'string'
    ) {
      return controlError(400, 'INVALID_ARGUMENT', 'spec.serverless with cloud and region is required');
    }
    if (this.indexes.has(name)) return controlError(409, 'ALREADY_EXISTS', 'Resource already exists');
    const index: FakeIndex = {
      name,
      dimension,
      metric,
      cloud: serverless.cloud,
      region: serverless.region,
      namespaces: new Map(),
    };
    this.indexes.set(name, index);
    return { status: 201, body: this.model(index) };
  }

  private model(index: FakeIndex): Record<string, unknown> {
    return {
      name: index.name,
      dimension: index.dimension,
      metric: index.metric,
      host: `${this.url}/data/${index.name}`,
      deletion_protection: 'disabled',
      tags: null,
      spec: { serverless: { cloud: index.cloud, region: index.region } },
      status: { ready: true, state: 'Ready' },
      vector_type: 'dense',
    };
  }

  private dataPlane(index: FakeIndex, route: string, request: FakeRequest): FakeResponse {
    if (Buffer.byteLength(request.rawBody) > maxRequestBytes) {
      return dataError(
        400,
        `Request size ${Buffer.byteLength(request.rawBody)} exceeds the maximum supported size of ${maxRequestBytes}`,
      );
    }
    const body = isObject(request.body) ? request.body : {};
    const namespaceRoute = /^(GET|DELETE) \/namespaces\/(.+)$/.exec(route);
    if (namespaceRoute !== null)
      return this.namespaceByName(index, namespaceRoute[1] ?? '', namespaceRoute[2] ?? '');
    switch (route) {
      case 'POST /namespaces':
        return this.createNamespace(index, body);
      case 'GET /namespaces':
        return this.listNamespaces(index, request.query);
      case 'POST /vectors/upsert':
        return this.upsert(index, body);
      case 'POST /query':
        return this.query(index, body);
      case 'POST /vectors/delete':
        return this.remove(index, body);
      case 'POST /describe_index_stats':
        return this.stats(index, body);
      case 'GET /vectors/fetch':
        return this.fetch(index, request.query);
      default:
        return { status: 404, body: { code: 5, message: `Not Found: ${route}`, details: [] } };
    }
  }

  private upsert(index: FakeIndex, body: Record<string, unknown>): FakeResponse {
    const extra = unknownKeys(body, ['vectors', 'namespace']);
    if (extra.length > 0) return dataError(400, `unknown field "${extra[0]}" in UpsertRequest`);
    const { vectors } = body;
    if (!Array.isArray(vectors) || vectors.length === 0) return dataError(400, 'No vectors provided');
    if (vectors.length > 1000)
      return dataError(400, `Upsert batch size ${vectors.length} exceeds the limit of 1000`);
    const accepted: { id: string; values: number[]; metadata?: PineconeMetadata }[] = [];
    for (const vector of vectors) {
      if (!isObject(vector)) return dataError(400, 'Vector must be an object');
      const unknown = unknownKeys(vector, ['id', 'values', 'sparseValues', 'metadata']);
      if (unknown.length > 0) return dataError(400, `unknown field "${unknown[0]}" in Vector`);
      const { id, values, metadata } = vector;
      if (typeof id !== 'string' || id === '') return dataError(400, 'Vector ID must be a non-empty string');
      if (!isNumberArray(values)) return dataError(400, 'Vector values must be numbers');
      if (values.length !== index.dimension) {
        return dataError(
          400,
          `Vector dimension ${values.length} does not match the dimension of the index ${index.dimension}`,
        );
      }
      if (metadata !== undefined) {
        if (!isObject(metadata)) return dataError(400, 'Metadata must be an object');
        for (const [key, value] of Object.entries(metadata)) {
          const ok =
            typeof value === 'string' ||
            typeof value === 'boolean' ||
            (typeof value === 'number' && Number.isFinite(value)) ||
            (Array.isArray(value) && value.every((item) => typeof item === 'string'));
          if (!ok) {
            return dataError(
              400,
              `Metadata value must be a string, number, boolean or list of strings, got '${JSON.stringify(value)}' for field '${key}'`,
            );
          }
        }
      }
      accepted.push({
        id,
        values,
        ...(metadata === undefined ? {} : { metadata: metadata as PineconeMetadata }),
      });
    }
    const records = this.namespace(index, body.namespace, true);
    for (const { id, ...record } of accepted) records?.set(id, record);
    return { status: 200, body: { upsertedCount: accepted.length } };
  }

  private query(index: FakeIndex, body: Record<string, unknown>): FakeResponse {
    const extra = unknownKeys(body, [
      'namespace',
      'topK',
      'filter',
      'includeValues',
      'includeMetadata',
      'vector',
      'sparseVector',
      'id',
      'queries',
      'scanFactor',
      'maxCandidates',
    ]);
    if (extra.length > 0) return dataError(400, `unknown field "${extra[0]}" in QueryRequest`);
    const { topK, vector, filter } = body;
    if (typeof topK !== 'number' || !Number.isInteger(topK) || topK < 1 || topK > 10000) {
      return dataError(400, 'topK must be an integer between 1 and 10000');
    }
    if (topK > 1000 && (body.includeMetadata === true || body.includeValues === true)) {
      return dataError(400, 'topK must be at most 1000 when includeMetadata or includeValues is true');
    }
    if (!isNumberArray(vector)) return dataError(400, 'No query provided');
    if (vector.length !== index.dimension) {
      return dataError(
        400,
        `Query vector dimension ${vector.length} does not match the dimension of the index ${index.dimension}`,
      );
    }
    const problem = filter === undefined ? undefined : filterProblem(filter);
    if (problem !== undefined) return dataError(400, problem);
    const records = this.namespace(index, body.namespace, false) ?? new Map();
    const scored = [...records.entries()]
      .filter(
        ([, record]) =>
          filter === undefined || matches(record.metadata ?? {}, filter as Record<string, unknown>),
      )
      .map(([id, record]) => ({ id, record, score: score(index.metric, vector, record.values) }))
      .sort((left, right) =>
        index.metric === 'euclidean' ? left.score - right.score : right.score - left.score,
      )
      .slice(0, topK);
    return {
      status: 200,
      body: {
        results: [],
        matches: scored.map(({ id, record, score }) => ({
          id,
          score,
          values: body.includeValues === true ? record.values : [],
          ...(body.includeMetadata === true && record.metadata !== undefined
            ? { metadata: record.metadata }
            : {}),
        })),
        namespace: typeof body.namespace === 'string' ? body.namespace : '',
        usage: { readUnits: 1 },
      },
    };
  }

  private remove(index: FakeIndex, body: Record<string, unknown>): FakeResponse {
    const extra = unknownKeys(body, ['ids', 'deleteAll', 'namespace', 'filter']);
    if (extra.length > 0) return dataError(400, `unknown field "${extra[0]}" in DeleteRequest`);
    const records = this.namespace(index, body.namespace, false);
    const { ids, filter, deleteAll } = body;
    if (ids !== undefined) {
      if (!Array.isArray(ids) || ids.length > 1000)
        return dataError(400, 'ids must be a list of at most 1000 ids');
      for (const id of ids) records?.delete(String(id));
      return { status: 200, body: {} };
    }
    if (filter !== undefined) {
      const problem = filterProblem(filter);
      if (problem !== undefined) return dataError(400, problem);
      for (const [id, record] of records ?? []) {
        if (matches(record.metadata ?? {}, filter as Record<string, unknown>)) records?.delete(id);
      }
      return { status: 200, body: {} };
    }
    if (deleteAll === true) {
      records?.clear();
      return { status: 200, body: {} };
    }
    return dataError(400, 'Delete request must specify ids, filter or deleteAll');
  }

  private stats(index: FakeIndex, body: Record<string, unknown>): FakeResponse {
    const extra = unknownKeys(body, ['filter']);
    if (extra.length > 0) return dataError(400, `unknown field "${extra[0]}" in DescribeIndexStatsRequest`);
    const namespaces: Record<string, { vectorCount: number }> = {};
    let total = 0;
    for (const [name, records] of index.namespaces) {
      if (records.size === 0) continue;
      namespaces[name] = { vectorCount: records.size };
      total += records.size;
    }
    return {
      status: 200,
      body: {
        namespaces,
        dimension: index.dimension,
        indexFullness: 0,
        totalVectorCount: total,
        metric: index.metric,
        vectorType: 'dense',
      },
    };
  }

  private fetch(index: FakeIndex, query: URLSearchParams): FakeResponse {
    const namespace = query.get('namespace') ?? '';
    const records = this.namespace(index, namespace, false);
    const vectors: Record<string, unknown> = {};
    for (const id of query.getAll('ids')) {
      const record = records?.get(id);
      if (record !== undefined) vectors[id] = { id, values: record.values, metadata: record.metadata };
    }
    return { status: 200, body: { vectors, namespace, usage: { readUnits: 1 } } };
  }

  private createNamespace(index: FakeIndex, body: Record<string, unknown>): FakeResponse {
    const extra = unknownKeys(body, ['name', 'schema']);
    if (extra.length > 0) return dataError(400, `unknown field "${extra[0]}" in CreateNamespaceRequest`);
    const { name } = body;
    if (typeof name !== 'string' || name === '')
      return dataError(400, 'Namespace name must be a non-empty string');
    if (index.namespaces.has(name))
      return { status: 409, body: { code: 6, message: `Namespace ${name} already exists`, details: [] } };
    index.namespaces.set(name, new Map());
    return { status: 201, body: { name, record_count: '0' } };
  }

  private listNamespaces(index: FakeIndex, query: URLSearchParams): FakeResponse {
    const prefix = query.get('prefix') ?? '';
    const limit = Number(query.get('limit') ?? 100);
    const after = query.get('paginationToken') ?? query.get('pagination_token');
    // Pinecone lists namespaces in bitwise ("C") order.
    const names = [...index.namespaces.keys()]
      .filter((name) => name.startsWith(prefix))
      .sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
    const start = after === null ? 0 : names.findIndex((name) => name > after);
    const page = start < 0 ? [] : names.slice(start, start + limit);
    const last = page.at(-1);
    return {
      status: 200,
      body: {
        namespaces: page.map((name) => ({
          name,
          record_count: String(index.namespaces.get(name)?.size ?? 0),
        })),
        ...(last !== undefined && start + limit < names.length ? { pagination: { next: last } } : {}),
        total_count: names.length,
      },
    };
  }

  private namespaceByName(index: FakeIndex, method: string, name: string): FakeResponse {
    const records = index.namespaces.get(name);
    if (records === undefined)
      return { status: 404, body: { code: 5, message: `Namespace ${name} not found`, details: [] } };
    if (method === 'DELETE') {
      index.namespaces.delete(name);
      return { status: 200, body: {} };
    }
    return { status: 200, body: { name, record_count: String(records.size) } };
  }

  private namespace(index: FakeIndex, name: unknown, create: boolean) {
    const key = typeof name === 'string' && name !== '' ? name : '__default__';
    let records = index.namespaces.get(key);
    if (records === undefined && create) {
      records = new Map();
      index.namespaces.set(key, records);
    }
    return records;
  }
}

function controlError(status: number, code: string, message: string): FakeResponse {
  return { status, body: { error: { code, message }, status } };
}

function dataError(status: number, message: string): FakeResponse {
  return { status, body: { code: status === 400 ? 3 : 2, message, details: [] } };
}

function score(metric: FakeIndex['metric'], query: number[], values: number[]): number {
  if (metric === 'dotproduct') return dot(query, values);
  if (metric === 'euclidean') return squaredDistance(query, values);
  return cosine(query, values);
}

const fieldOperators = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists'];

/** Why a filter is not valid Pinecone filter syntax (undefined when it is). */
function filterProblem(filter: unknown): string | undefined {
  if (!isObject(filter)) return 'filter must be an object';
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || value.length === 0) return `${key} must be a non-empty list`;
      for (const child of value) {
        const problem = filterProblem(child);
        if (problem !== undefined) return problem;
      }
      continue;
    }
    if (key.startsWith('$')) return `unknown top-level operator ${key}`;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') continue;
    if (!isObject(value)) return `illegal condition for field ${key}, got ${JSON.stringify(value)}`;
    for (const [operator, operand] of Object.entries(value)) {
      if (!fieldOperators.includes(operator))
        return `illegal condition for field ${key}, got {"${operator}":...}`;
      if (operator === '$in' || operator === '$nin') {
        if (!Array.isArray(operand)) return `${operator} requires a list for field ${key}`;
        if (
          !operand.every(
            (item) => typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean',
          )
        ) {
          return `${operator} values must be strings, numbers or booleans for field ${key}`;
        }
      } else if (operator === '$exists') {
        if (typeof operand !== 'boolean') return `$exists requires a boolean for field ${key}`;
      } else if (operator === '$eq' || operator === '$ne') {
        if (!['string', 'number', 'boolean'].includes(typeof operand))
          return `${operator} requires a scalar for field ${key}`;
      } else if (typeof operand !== 'number') {
        return `${operator} requires a number for field ${key}`;
      }
    }
  }
  return undefined;
}

/** Pinecone's filter semantics: lists match when any element does; `$ne`/`$nin` need the field. */
function matches(metadata: PineconeMetadata, filter: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([key, value]) => {
    if (key === '$and')
      return (value as Record<string, unknown>[]).every((child) => matches(metadata, child));
    if (key === '$or') return (value as Record<string, unknown>[]).some((child) => matches(metadata, child));
    const field = metadata[key];
    const conditions = isObject(value) ? value : { $eq: value };
    return Object.entries(conditions).every(([operator, operand]) => condition(field, operator, operand));
  });
}

function condition(field: PineconeMetadata[string] | undefined, operator: string, operand: unknown): boolean {
  const values: (string | number | boolean)[] =
    field === undefined ? [] : Array.isArray(field) ? field : [field];
  switch (operator) {
    case '$exists':
      return (field !== undefined) === operand;
    case '$eq':
      return values.includes(operand as string);
    case '$ne':
      return field !== undefined && !values.includes(operand as string);
    case '$in':
      return values.some((value) => (operand as unknown[]).includes(value));
    case '$nin':
      return field !== undefined && !values.some((value) => (operand as unknown[]).includes(value));
    default: {
      const limit = operand as number;
      return values.some(
        (value) =>
          typeof value === 'number' &&
          (operator === '$gt'
            ? value > limit
            : operator === '$gte'
              ? value >= limit
              : operator === '$lt'
                ? value < limit
                : value <= limit),
      );
    }
  }
}
