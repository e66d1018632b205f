import { afterEach, describe, expect, it } from 'vitest';
import type { VectorFilterV1, VectorStoreV1 } from '../../../runtime/spec/v1/vector-store.js';
import {
  expectNamesOperator,
  expectWeftError,
} from '../../contracts/vector-store/vector-contract-helpers.js';
import type { FakeHttpServer, FakeRequest } from './fake-http-server.js';

/**
 * What the fault cases need from one hosted store over its fake.
 *
 * @example
 * const setup: FaultSetup = { store, server, isUpsert, isQuery, storedIds, withApiKey };
 */
export interface FaultSetup {
  readonly store: VectorStoreV1;
  readonly server: FakeHttpServer;
  /** Whether a request is the store's upsert (write) request. */
  readonly isUpsert: (request: FakeRequest) => boolean;
  /** Whether a request is the store's similarity query request. */
  readonly isQuery: (request: FakeRequest) => boolean;
  /** The weft ids the fake holds for `index`. */
  readonly storedIds: (index: string) => string[];
  /** Another store on the same fake that sends `apiKey`. */
  readonly withApiKey: (apiKey: string) => VectorStoreV1;
}

/**
 * How the store under test is opened for one fault case.
 *
 * @example
 * const options: FaultOptions = { retries: 2, timeoutMs: 5000, batchSize: 1000 };
 */
export interface FaultOptions {
  readonly retries: number;
  readonly timeoutMs: number;
  readonly batchSize: number;
}

/** The string-range filter every hosted store refuses, and the operator its error names. */
const stringRange: VectorFilterV1 = { genre: { $gt: 'drama' } };

/**
 * The failure behaviour every hosted vector store shows over its protocol-level fake: service
 * answers mapped to catalogue codes with the upstream error as `cause`, retries with backoff on
 * 429/5xx (and only on those), a timeout instead of a hang, and a half-written upsert reported as
 * `VECTOR_UPSERT_PARTIAL` with the written ids.
 *
 * @example
 * describeHostedStoreFaults('qdrant', async (options) => openQdrantOverFake(options));
 */
export function describeHostedStoreFaults(
  name: string,
  open: (options: FaultOptions) => Promise<FaultSetup>,
  extra: { readonly unsupportedFilter?: { readonly filter: VectorFilterV1; readonly operator: string } } = {},
): void {
  describe(`${name} against a misbehaving service`, () => {
    const opened: FaultSetup[] = [];
    const setup = async (overrides: Partial<FaultOptions> = {}): Promise<FaultSetup> => {
      const result = await open({ retries: 2, timeoutMs: 5_000, batchSize: 1000, ...overrides });
      opened.push(result);
      await result.store.createIndex({ name: 'faults', dimension: 2, metric: 'cosine' });
      return result;
    };
    afterEach(async () => {
      for (const { server } of opened.splice(0)) await server.close();
    });

    it('maps refused credentials (401) to VECTOR_STORE_UNAUTHORIZED without retrying, keeping the cause', async () => {
      const { store, server, withApiKey } = await setup();
      const before = server.requests.length;
      const error = await expectWeftError(
        withApiKey('wrong-key').describeIndex('faults'),
        'VECTOR_STORE_UNAUTHORIZED',
      );
      expect(error.cause).toBeDefined();
      expect(server.requests.length - before).toBe(1);
      expect((await store.describeIndex('faults')).count).toBe(0);
    });

    it('retries a 429 with backoff and then succeeds', async () => {
      const { store, server, isQuery } = await setup();
      await store.upsert({ index: 'faults', vectors: [{ id: 'a', vector: [1, 0] }] });
      server.inject({ count: 2, match: isQuery, answer: { status: 429, body: { error: 'slow down' } } });
      const hits = await store.query({ index: 'faults', vector: [1, 0], topK: 1 });
      expect(hits.map((hit) => hit.id)).toEqual(['a']);
      expect(server.count(isQuery)).toBe(3);
    });

    it('gives up after the configured retries: 429 is VECTOR_STORE_RATE_LIMITED, 500 VECTOR_STORE_UNAVAILABLE', async () => {
      const { store, server, isQuery } = await setup({ retries: 1 });
      server.inject({ count: 2, match: isQuery, answer: { status: 429, body: { error: 'slow down' } } });
      const limited = await expectWeftError(
        store.query({ index: 'faults', vector: [1, 0], topK: 1 }),
        'VECTOR_STORE_RATE_LIMITED',
      );
      expect(limited.details).toMatchObject({ attempts: 2 });
      expect(limited.cause).toBeDefined();
      server.inject({ count: 2, match: isQuery, answer: { status: 500, body: { error: 'boom' } } });
      const unavailable = await expectWeftError(
        store.query({ index: 'faults', vector: [1, 0], topK: 1 }),
        'VECTOR_STORE_UNAVAILABLE',
      );
      expect(unavailable.retryable).toBe(true);
      expect(server.count(isQuery)).toBe(4);
    });

    it('does not retry a rejected request (400): VECTOR_STORE_FAILED', async () => {
      const { store, server, isQuery } = await setup();
      server.inject({ count: 1, match: isQuery, answer: { status: 400, body: { error: 'bad request' } } });
      await expectWeftError(store.query({ index: 'faults', vector: [1, 0], topK: 1 }), 'VECTOR_STORE_FAILED');
      expect(server.count(isQuery)).toBe(1);
    });

    it('answers VECTOR_STORE_TIMEOUT when the service never answers', async () => {
      const { store, server, isQuery } = await setup({ timeoutMs: 150, retries: 1 });
      server.inject({ count: 2, match: isQuery });
      const error = await expectWeftError(
        store.query({ index: 'faults', vector: [1, 0], topK: 1 }),
        'VECTOR_STORE_TIMEOUT',
      );
      expect(error.details).toMatchObject({ attempts: 2 });
    });

    it('reports a half-written upsert as VECTOR_UPSERT_PARTIAL with the written ids', async () => {
      const { store, server, isUpsert, storedIds } = await setup({ batchSize: 2 });
      server.inject({
        count: 1,
        after: 1,
        match: isUpsert,
        answer: { status: 400, body: { error: 'rejected' } },
      });
      const vectors = ['p1', 'p2', 'p3', 'p4', 'p5'].map((id, position) => ({ id, vector: [1, position] }));
      const error = await expectWeftError(
        store.upsert({ index: 'faults', vectors }),
        'VECTOR_UPSERT_PARTIAL',
      );
      expect(error.details).toMatchObject({ writtenIds: ['p1', 'p2'], failedIds: ['p3', 'p4', 'p5'] });
      expect(WeftCause.codeOf(error.cause)).toBe('VECTOR_STORE_FAILED');
      expect(storedIds('faults').sort()).toEqual(['p1', 'p2']);
    });

    it('refuses a filter it cannot express, naming the operator, without calling the service', async () => {
      const { store, server, isQuery } = await setup();
      const row = extra.unsupportedFilter ?? { filter: stringRange, operator: '$gt' };
      const error = await expectWeftError(
        store.query({ index: 'faults', vector: [1, 0], topK: 1, filter: row.filter }),
        'VECTOR_FILTER_UNSUPPORTED',
      );
      expectNamesOperator(error, [row.operator]);
      expect(server.count(isQuery)).toBe(0);
    });
  });
}

/** Reads the catalogue code of an error's cause. */
const WeftCause = {
  codeOf(cause: unknown): unknown {
    return typeof cause === 'object' && cause !== null && 'code' in cause ? cause.code : undefined;
  },
};
