import { FakeHttpServer, type FakeRequest, type FakeResponse } from './fake-http-server.js';
import { dot, isNumberArray, isObject, squaredDistance, unknownKeys } from './fake-vector-math.js';

type Distance = 'Cosine' | 'Euclid' | 'Dot';

interface FakeCollection {
  readonly size: number;
  readonly distance: Distance;
  readonly points: Map<string, { vector: number[]; payload: Record<string, unknown> }>;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A protocol-level fake of Qdrant's REST API on 127.0.0.1: collections (`PUT/GET/DELETE
 * /collections/{name}`, `GET /collections`), points (`PUT /points`, `POST /points/query`,
 * `/points/delete`, `/points/count`). It checks the `api-key` header, rejects unknown fields,
 * malformed filters, bad point ids and wrong dimensions with Qdrant's statuses and
 * `{ status: { error } }` bodies, normalises Cosine vectors on write like Qdrant, and evaluates
 * Qdrant's own filter language (`must`/`should`/`must_not`, `match`, `range`, `is_empty`,
 * `is_null`, `has_id`; dotted keys step through objects and arrays).
 *
 * @example
 * const qdrant = await QdrantFake.start({ apiKey: 'test-key' });
 * new QdrantClient({ url: qdrant.url, headers: { 'api-key': 'test-key' } });
 */
export class QdrantFake {
  readonly collections = new Map<string, FakeCollection>();

  private constructor(
    readonly server: FakeHttpServer,
    readonly apiKey: string,
  ) {}

  static async start(options: { apiKey: string }): Promise<QdrantFake> {
    let fake: QdrantFake | undefined;
    const server = await FakeHttpServer.start((request) => fake?.handle(request) ?? { status: 503 });
    fake = new QdrantFake(server, options.apiKey);
    return fake;
  }

  get url(): string {
    return this.server.url;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private handle(request: FakeRequest): FakeResponse {
    if (request.headers['api-key'] !== this.apiKey) {
      return { status: 401, body: { status: { error: 'Unauthorized: invalid API key' }, time: 0 } };
    }
    if (request.invalidJson)
      return error(400, 'Format error in JSON body: expected value at line 1 column 1');
    if (request.method === 'GET' && request.path === '/')
      return ok({ title: 'qdrant - vector search engine', version: '1.18.0' });
    if (request.method === 'GET' && request.path === '/collections') {
      return ok({ collections: [...this.collections.keys()].map((name) => ({ name })) });
    }
    const match = /^\/collections\/([^/]+)(\/.*)?$/.exec(request.path);
    if (match === null) return error(404, `Not found: ${request.path}`);
    const name = match[1] ?? '';
    const rest = match[2] ?? '';
    const body = isObject(request.body) ? request.body : {};
    if (rest === '' && request.method === 'PUT') return this.create(name, body);
    const collection = this.collections.get(name);
    if (collection === undefined) return error(404, `Not found: Collection \`${name}\` doesn't exist!`);
    switch (`${request.method} ${rest}`) {
      case 'GET ':
        return ok(this.info(collection));
      case 'DELETE ':
        this.collections.delete(name);
        return ok(true);
      case 'PUT /points':
        return this.upsert(collection, body);
      case 'POST /points/query':
        return this.query(collection, body);
      case 'POST /points/delete':
        return this.remove(collection, body);
      case 'POST /points/count':
        return this.count(collection, body);
      default:
        return error(404, `Not found: ${request.method} ${request.path}`);
    }
  }

  private create(name: string, body: Record<string, unknown>): FakeResponse {
    const extra = unknownKeys(body, [
      'vectors',
      'shard_number',
      'replication_factor',
      'on_disk_payload',
      'hnsw_config',
    ]);
    if (extra.length > 0) return error(400, `Format error in JSON body: unknown field \`${extra[0]}\``);
    const vectors = body.vectors;
    if (
      !isObject(vectors) ||
      typeof vectors.size !== 'number' ||
      !Number.isInteger(vectors.size) ||
      vectors.size < 1
    ) {
      return error(400, 'Format error in JSON body: missing field `size`');
    }
    if (vectors.distance !== 'Cosine' && vectors.distance !== 'Euclid' && vectors.distance !== 'Dot') {
      return error(
        400,
        'Format error in JSON body: unknown variant for `distance`, expected one of `Cosine`, `Euclid`, `Dot`, `Manhattan`',
      );
    }
    if (this.collections.has(name)) return error(409, `Wrong input: Collection \`${name}\` already exists!`);
    this.collections.set(name, { size: vectors.size, distance: vectors.distance, points: new Map() });
    return ok(true);
  }

  private info(collection: FakeCollection): unknown {
    return {
      status: 'green',
      optimizer_status: 'ok',
      indexed_vectors_count: 0,
      points_count: collection.points.size,
      segments_count: 1,
      config: {
        params: {
          vectors: { size: collection.size, distance: collection.distance },
          shard_number: 1,
          replication_factor: 1,
        },
      },
      payload_schema: {},
    };
  }

  private upsert(collection: FakeCollection, body: Record<string, unknown>): FakeResponse {
    const extra = unknownKeys(body, ['points', 'shard_key']);
    if (extra.length > 0) return error(400, `Format error in JSON body: unknown field \`${extra[0]}\``);
    if (!Array.isArray(body.points)) return error(400, 'Format error in JSON body: missing field `points`');
    const accepted: [string, { vector: number[]; payload: Record<string, unknown> }][] = [];
    for (const point of body.points) {
      if (!isObject(point)) return error(400, 'Format error in JSON body: invalid point');
      const id = pointId(point.id);
      if (id === undefined) {
        return error(
          400,
          `Format error in JSON body: value ${JSON.stringify(point.id)} is not a valid point ID, valid values are either an unsigned integer or a UUID`,
        );
      }
      if (!isNumberArray(point.vector)) return error(400, 'Format error in JSON body: invalid vector');
      if (point.vector.length !== collection.size) {
        return error(
          400,
          `Wrong input: Vector dimension error: expected dim: ${collection.size}, got ${point.vector.length}`,
        );
      }
      const vector = collection.distance === 'Cosine' ? normalize(point.vector) : [...point.vector];
      accepted.push([id, { vector, payload: isObject(point.payload) ? structuredClone(point.payload) : {} }]);
    }
    for (const [id, point] of accepted) collection.points.set(id, point);
    return ok({ operation_id: 1, status: 'completed' });
  }

  private query(collection: FakeCollection, body: Record<string, unknown>): FakeResponse {
    const extra = unknownKeys(body, [
      'query',
      'filter',
      'limit',
      'with_payload',
      'with_vector',
      'offset',
      'score_threshold',
      'params',
      'using',
    ]);
    if (extra.length > 0) return error(400, `Format error in JSON body: unknown field \`${extra[0]}\``);
    if (!isNumberArray(body.query)) return error(400, 'Format error in JSON body: invalid query');
    if (body.query.length !== collection.size) {
      return error(
        400,
        `Wrong input: Vector dimension error: expected dim: ${collection.size}, got ${body.query.length}`,
      );
    }
    const problem = body.filter === undefined ? undefined : filterProblem(body.filter);
    if (problem !== undefined) return error(400, `Format error in JSON body: ${problem}`);
    const query = collection.distance === 'Cosine' ? normalize(body.query) : body.query;
    const limit = typeof body.limit === 'number' ? body.limit : 10;
    const points = [...collection.points.entries()]
      .filter(
        ([id, point]) =>
          body.filter === undefined || matches(id, point.payload, body.filter as Record<string, unknown>),
      )
      .map(([id, point]) => ({
        id,
        point,
        score:
          collection.distance === 'Euclid'
            ? Math.sqrt(squaredDistance(query, point.vector))
            : dot(query, point.vector),
      }))
      .sort((left, right) =>
        collection.distance === 'Euclid' ? left.score - right.score : right.score - left.score,
      )
      .slice(0, limit)
      .map(({ id, point, score }) => ({
        id,
        version: 1,
        score,
        ...(body.with_payload === true ? { payload: point.payload } : {}),
        ...(body.with_vector === true ? { vector: point.vector } : {}),
      }));
    return ok({ points });
  }

  private remove(collection: FakeCollection, body: Record<string, unknown>): FakeResponse {
    const extra = unknownKeys(body, ['points', 'filter', 'shard_key']);
    if (extra.length > 0) return error(400, `Format error in JSON body: unknown field \`${extra[0]}\``);
    if (Array.isArray(body.points)) {
      for (const raw of body.points) {
        const id = pointId(raw);
        if (id === undefined)
          return error(
            400,
            `Format error in JSON body: value ${JSON.stringify(raw)} is not a valid point ID`,
          );
        collection.points.delete(id);
      }
      return ok({ operation_id: 2, status: 'completed' });
    }
    const problem = filterProblem(body.filter);
    if (problem !== undefined) return error(400, `Format error in JSON body: ${problem}`);
    for (const [id, point] of collection.points) {
      if (matches(id, point.payload, body.filter as Record<string, unknown>)) collection.points.delete(id);
    }
    return ok({ operation_id: 2, status: 'completed' });
  }

  private count(collection: FakeCollection, body: Record<string, unknown>): FakeResponse {
    const extra = unknownKeys(body, ['filter', 'exact', 'shard_key']);
    if (extra.length > 0) return error(400, `Format error in JSON body: unknown field \`${extra[0]}\``);
    const problem =
      body.filter === undefined || body.filter === null ? undefined : filterProblem(body.filter);
    if (problem !== undefined) return error(400, `Format error in JSON body: ${problem}`);
    let count = 0;
    for (const [id, point] of collection.points) {
      if (!isObject(body.filter) || matches(id, point.payload, body.filter)) count += 1;
    }
    return ok({ count });
  }
}

function ok(result: unknown): FakeResponse {
  return { status: 200, body: { result, status: 'ok', time: 0.0001 } };
}

function error(status: number, message: string): FakeResponse {
  return { status, body: { status: { error: message }, time: 0 } };
}

function pointId(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && uuid.test(value)) return value.toLowerCase();
  return undefined;
}

function normalize(vector: readonly number[]): number[] {
  const norm = Math.sqrt(dot(vector, vector));
  return norm === 0 ? [...vector] : vector.map((value) => value / norm);
}

const filterKeys = ['must', 'should', 'must_not', 'min_should'];

/** Why a value is not a Qdrant filter (undefined when it is). */
function filterProblem(filter: unknown): string | undefined {
  if (!isObject(filter)) return 'invalid type: expected struct Filter';
  const extra = unknownKeys(filter, filterKeys);
  if (extra.length > 0)
    return `unknown field \`${extra[0]}\`, expected one of \`must\`, \`should\`, \`must_not\`, \`min_should\``;
  for (const key of ['must', 'should', 'must_not']) {
    const conditions = filter[key];
    if (conditions === undefined || conditions === null) continue;
    if (!Array.isArray(conditions)) return `invalid type for \`${key}\`: expected a sequence`;
    for (const condition of conditions) {
      const problem = conditionProblem(condition);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}

function conditionProblem(condition: unknown): string | undefined {
  const untagged = 'data did not match any variant of untagged enum Condition';
  if (!isObject(condition)) return untagged;
  if ('key' in condition) {
    if (typeof condition.key !== 'string') return untagged;
    const extra = unknownKeys(condition, ['key', 'match', 'range']);
    if (extra.length > 0 || (condition.match === undefined) === (condition.range === undefined))
      return untagged;
    if (condition.match !== undefined) {
      const match = condition.match;
      if (!isObject(match) || Object.keys(match).length !== 1) return untagged;
      if ('value' in match)
        return ['string', 'number', 'boolean'].includes(typeof match.value) &&
          (typeof match.value !== 'number' || Number.isInteger(match.value))
          ? undefined
          : untagged;
      if ('any' in match || 'except' in match) {
        const list = match.any ?? match.except;
        return Array.isArray(list) &&
          (list.every((item) => typeof item === 'string') || list.every((item) => Number.isInteger(item)))
          ? undefined
          : untagged;
      }
      return untagged;
    }
    const range = condition.range;
    if (!isObject(range) || unknownKeys(range, ['gt', 'gte', 'lt', 'lte']).length > 0) return untagged;
    return Object.values(range).every((value) => typeof value === 'number') ? undefined : untagged;
  }
  if ('is_empty' in condition || 'is_null' in condition) {
    const inner = condition.is_empty ?? condition.is_null;
    return Object.keys(condition).length === 1 && isObject(inner) && typeof inner.key === 'string'
      ? undefined
      : untagged;
  }
  if ('has_id' in condition) return Array.isArray(condition.has_id) ? undefined : untagged;
  return filterProblem(condition) === undefined ? undefined : untagged;
}

/** The values at a Qdrant key: dotted segments step into objects, and through arrays of objects. */
function valuesAt(payload: Record<string, unknown>, key: string): unknown[] {
  let current: unknown[] = [payload];
  for (const segment of key.split('.')) {
    const next: unknown[] = [];
    for (const value of current) {
      const objects = Array.isArray(value) ? value : [value];
      for (const object of objects) if (isObject(object) && segment in object) next.push(object[segment]);
    }
    current = next;
  }
  return current.flatMap((value) => (Array.isArray(value) ? value : [value]));
}

function matches(id: string, payload: Record<string, unknown>, filter: Record<string, unknown>): boolean {
  const must = (filter.must ?? []) as Record<string, unknown>[];
  const should = (filter.should ?? []) as Record<string, unknown>[];
  const mustNot = (filter.must_not ?? []) as Record<string, unknown>[];
  return (
    must.every((condition) => holds(id, payload, condition)) &&
    (should.length === 0 || should.some((condition) => holds(id, payload, condition))) &&
    !mustNot.some((condition) => holds(id, payload, condition))
  );
}

function holds(id: string, payload: Record<string, unknown>, condition: Record<string, unknown>): boolean {
  if (isObject(condition.is_empty)) {
    return valuesAt(payload, String(condition.is_empty.key)).every((value) => value === null);
  }
  if (isObject(condition.is_null)) {
    return valuesAt(payload, String(condition.is_null.key)).some((value) => value === null);
  }
  if (Array.isArray(condition.has_id)) return condition.has_id.some((candidate) => pointId(candidate) === id);
  if (typeof condition.key !== 'string') return matches(id, payload, condition);
  const values = valuesAt(payload, condition.key).filter((value) => value !== null);
  if (isObject(condition.match)) {
    const { match } = condition;
    if ('value' in match) return values.some((value) => value === match.value);
    if (Array.isArray(match.any)) return values.some((value) => (match.any as unknown[]).includes(value));
    if (Array.isArray(match.except))
      return values.length > 0 && !values.some((value) => (match.except as unknown[]).includes(value));
    return false;
  }
  const range = (condition.range ?? {}) as Record<string, number>;
  return values.some(
    (value) =>
      typeof value === 'number' &&
      (range.gt === undefined || value > range.gt) &&
      (range.gte === undefined || value >= range.gte) &&
      (range.lt === undefined || value < range.lt) &&
      (range.lte === undefined || value <= range.lte),
  );
}
