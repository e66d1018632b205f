import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WeftError } from '../../../runtime/errors/weft-error.js';
import type { VectorMetricV1, VectorStoreV1 } from '../../../runtime/spec/v1/vector-store.js';
import {
  eventually,
  expectNamesOperator,
  expectWeftError,
  randomVector,
  seededRandom,
  type VectorCapability,
} from './vector-contract-helpers.js';
import { filterCases, filterRecords, malformedFilters } from './vector-filter-cases.js';

export type { VectorCapability } from './vector-contract-helpers.js';

/**
 * How a store runs the contract: the capabilities it lacks, a reason to skip the whole suite (a
 * service not configured), and how long its reads may lag its writes (assertions after a write are
 * retried up to that long; default 0, one attempt).
 *
 * @example
 * const options: VectorContractOptions = { unsupported: ['filter:$not'], consistencyTimeoutMs: 10_000 };
 */
export interface VectorContractOptions {
  readonly unsupported?: readonly VectorCapability[];
  readonly skip?: string;
  readonly consistencyTimeoutMs?: number;
}

/**
 * What `open` resolves: the store under test and how to release it after the suite.
 *
 * @example
 * const opened: OpenedVectorStore = { store: new MemoryVectorStore() };
 */
export interface OpenedVectorStore {
  readonly store: VectorStoreV1;
  readonly close?: () => Promise<void>;
}

/** A guard for the heaviest cases on slow shared machines (WASM Postgres); nothing asserts on time. */
const heavyCaseTimeout = 10 * 60_000;
const runTag = Math.random().toString(36).slice(2, 8).replace(/^\d/, 'x');

/**
 * The contract every `VectorStoreV1` adapter passes. `open` runs once per suite; every case uses
 * its own fresh index (lowercase letters, digits and hyphens, starting with a letter, at most 40
 * characters: valid for every hosted service) and deletes it afterwards.
 *
 * @example
 * describeVectorStoreContract('memory', async () => ({ store: new MemoryVectorStore() }));
 * describeVectorStoreContract('pinecone', openPinecone, { unsupported: ['filter:$not'], skip: process.env.PINECONE_API_KEY ? undefined : 'no PINECONE_API_KEY' });
 */
export function describeVectorStoreContract(
  name: string,
  open: () => Promise<OpenedVectorStore>,
  options: VectorContractOptions = {},
): void {
  const unsupported = options.unsupported ?? [];
  const supports = (capability: VectorCapability): boolean => !unsupported.includes(capability);
  const settle = options.consistencyTimeoutMs ?? 0;
  const title = `VectorStoreV1 contract: ${name}`;
  if (options.skip !== undefined) {
    describe.skip(`${title} (skipped: ${options.skip})`, () => {
      it('is skipped', () => undefined);
    });
    return;
  }

  describe(title, () => {
    let opened: OpenedVectorStore | undefined;
    let openFailure: unknown;
    let counter = 0;
    const created: string[] = [];
    const store = (): VectorStoreV1 => {
      if (opened === undefined) throw openFailure ?? new Error('the store is not open');
      return opened.store;
    };
    /** A fresh index for this case (deleted after it). */
    const freshIndex = async (dimension: number, metric: VectorMetricV1 = 'cosine'): Promise<string> => {
      counter += 1;
      const index = `ct-${runTag}-${counter}`;
      created.push(index);
      await store().createIndex({ name: index, dimension, metric });
      return index;
    };
    const later = (check: () => Promise<void>): Promise<void> => eventually(settle, check);
    const idsOf = (hits: readonly { id: string }[]): string[] => hits.map((hit) => hit.id);

    beforeAll(async () => {
      try {
        opened = await open();
      } catch (error) {
        openFailure = error;
      }
    }, heavyCaseTimeout);
    afterEach(async () => {
      for (const index of created.splice(0)) {
        await store()
          .deleteIndex(index)
          .catch((error: unknown) => {
            if (!WeftError.isInstance(error) || error.code !== 'VECTOR_INDEX_NOT_FOUND') throw error;
          });
      }
    });
    afterAll(async () => {
      await opened?.close?.();
    });

    it('has version v1; creates, describes and lists an index; creating it again is a no-op', async () => {
      expect(store().specificationVersion).toBe('v1');
      const index = await freshIndex(3);
      await store().createIndex({ name: index, dimension: 3, metric: 'cosine' });
      expect(await store().describeIndex(index)).toEqual({ dimension: 3, metric: 'cosine', count: 0 });
      await later(async () => expect(await store().listIndexes()).toContain(index));
    });

    it('refuses to create an index that exists with another dimension or metric', async () => {
      const index = await freshIndex(3);
      await expectWeftError(
        store().createIndex({ name: index, dimension: 4, metric: 'cosine' }),
        'VECTOR_INDEX_CONFLICT',
      );
      const other = supports('metric:euclidean')
        ? 'euclidean'
        : supports('metric:dotproduct')
          ? 'dotproduct'
          : undefined;
      if (other !== undefined) {
        await expectWeftError(
          store().createIndex({ name: index, dimension: 3, metric: other }),
          'VECTOR_INDEX_CONFLICT',
        );
      }
      expect(await store().describeIndex(index)).toMatchObject({ dimension: 3, metric: 'cosine' });
    });

    it('answers an empty list for an empty index', async () => {
      const index = await freshIndex(3);
      expect(await store().query({ index, vector: [1, 0, 0], topK: 5 })).toEqual([]);
    });

    it('rejects a vector of the wrong dimension on upsert (writing nothing) and on query', async () => {
      const index = await freshIndex(3);
      const error = await expectWeftError(
        store().upsert({
          index,
          vectors: [
            { id: 'good', vector: [1, 0, 0] },
            { id: 'short', vector: [1, 0] },
          ],
        }),
        'VECTOR_DIMENSION_MISMATCH',
      );
      expect(error.details).toMatchObject({ id: 'short', expected: 3, actual: 2 });
      expect((await store().describeIndex(index)).count).toBe(0);
      const queried = await expectWeftError(
        store().query({ index, vector: [1, 0, 0, 0], topK: 1 }),
        'VECTOR_DIMENSION_MISMATCH',
      );
      expect(queried.details).toMatchObject({ expected: 3, actual: 4 });
    });

    it('rejects a topK that is not a positive integer', async () => {
      const index = await freshIndex(2);
      await expectWeftError(store().query({ index, vector: [1, 0], topK: 0 }), 'VALIDATION_FAILED');
      await expectWeftError(store().query({ index, vector: [1, 0], topK: 1.5 }), 'VALIDATION_FAILED');
    });

    const metricCases: [VectorMetricV1, string[], number][] = [
      ['cosine', ['a', 'b', 'c'], 1],
      ['euclidean', ['b', 'c', 'a'], 1 / 1.5],
      ['dotproduct', ['a', 'c', 'b'], 4],
    ];
    for (const [metric, order, bestScore] of metricCases) {
      const capability = `metric:${metric}` as VectorCapability;
      const run = metric === 'cosine' || supports(capability) ? it : it.skip;
      const label = run === it ? '' : ` (unsupported: ${capability})`;
      run(`orders hits by ${metric} score, higher is closer${label}`, async () => {
        const index = await freshIndex(2, metric);
        await store().upsert({
          index,
          vectors: [
            { id: 'a', vector: [4, 0] },
            { id: 'b', vector: [1, 0.5] },
            { id: 'c', vector: [2, 2] },
          ],
        });
        await later(async () => {
          const hits = await store().query({ index, vector: [1, 0], topK: 3 });
          expect(idsOf(hits)).toEqual(order);
          expect(hits[0]?.score).toBeCloseTo(bestScore, 4);
          expect(
            hits.every((hit, position) => position === 0 || (hits[position - 1]?.score ?? 0) >= hit.score),
          ).toBe(true);
        });
      });
    }

    it('replaces the vector and the metadata of an id on a second upsert', async () => {
      const index = await freshIndex(2);
      await store().upsert({
        index,
        vectors: [
          { id: 'x', vector: [1, 0], metadata: { version: 1, stale: true } },
          { id: 'y', vector: [0.5, 0.5], metadata: { version: 1 } },
        ],
      });
      await store().upsert({ index, vectors: [{ id: 'x', vector: [0, 1], metadata: { version: 2 } }] });
      await later(async () => {
        const hits = await store().query({ index, vector: [0, 1], topK: 2 });
        expect(idsOf(hits)).toEqual(['x', 'y']);
        expect(hits[0]?.metadata).toEqual({ version: 2 });
        expect((await store().describeIndex(index)).count).toBe(2);
      });
    });

    it('returns metadata as written, and vectors only when asked', async () => {
      const index = await freshIndex(3);
      const metadata = { title: 'Élan ✓', pages: 12, score: 0.5, draft: false };
      await store().upsert({
        index,
        vectors: [
          { id: 'doc-1', vector: [0.5, 0.25, -1], metadata },
          { id: 'doc-2', vector: [1, 1, 1] },
        ],
      });
      await later(async () => {
        const plain = await store().query({ index, vector: [0.5, 0.25, -1], topK: 2 });
        expect(plain[0]).toMatchObject({ id: 'doc-1', metadata });
        expect(plain[0]?.score).toBeCloseTo(1, 4);
        expect(plain.every((hit) => hit.vector === undefined)).toBe(true);
        const withVectors = await store().query({
          index,
          vector: [0.5, 0.25, -1],
          topK: 2,
          includeVector: true,
        });
        expect(withVectors[0]?.vector).toEqual([0.5, 0.25, -1]);
        expect(withVectors[1]?.vector).toEqual([1, 1, 1]);
      });
    });

    describe('filters', () => {
      for (const row of filterCases) {
        const needs = row.needs ?? [];
        const missing = needs.filter((capability) => !supports(capability));
        const skipFor = missing.find((capability) => !capability.startsWith('filter:'));
        if (skipFor !== undefined) {
          it.skip(`${row.name} (unsupported: ${skipFor})`, () => undefined);
          continue;
        }
        const unsupportedFilter = missing[0];
        const label =
          unsupportedFilter === undefined
            ? row.name
            : `${row.name} is refused (unsupported: ${unsupportedFilter})`;
        it(label, async () => {
          const index = await freshIndex(4);
          await store().upsert({ index, vectors: filterRecords(unsupported) });
          if (unsupportedFilter !== undefined) {
            const error = await expectWeftError(
              store().query({ index, vector: [1, 0, 0, 0], topK: 50, filter: row.filter }),
              'VECTOR_FILTER_UNSUPPORTED',
            );
            expectNamesOperator(error, row.operators ?? [unsupportedFilter.slice('filter:'.length)]);
            return;
          }
          await later(async () => {
            const hits = await store().query({ index, vector: [1, 0, 0, 0], topK: 50, filter: row.filter });
            expect(idsOf(hits).sort()).toEqual([...row.want].sort());
          });
        });
      }

      it('rejects malformed filters with VECTOR_FILTER_INVALID and the JSON pointer of the problem', async () => {
        const index = await freshIndex(2);
        for (const row of malformedFilters) {
          const filter = row.filter as never;
          const error = await expectWeftError(
            store().query({ index, vector: [1, 0], topK: 1, filter }),
            'VECTOR_FILTER_INVALID',
          );
          expect(error.details?.path, JSON.stringify(row.filter)).toBe(row.path);
          await expectWeftError(store().delete({ index, filter }), 'VECTOR_FILTER_INVALID');
        }
      });
    });

    it('returns the topK nearest best first, and every vector when topK exceeds the count', async () => {
      const index = await freshIndex(2, 'cosine');
      const vectors = Array.from({ length: 10 }, (_, position) => ({
        id: `v${position}`,
        vector: [Math.cos((position * Math.PI) / 20), Math.sin((position * Math.PI) / 20)],
      }));
      await store().upsert({ index, vectors });
      await later(async () => {
        expect(idsOf(await store().query({ index, vector: [1, 0], topK: 3 }))).toEqual(['v0', 'v1', 'v2']);
        const all = await store().query({ index, vector: [1, 0], topK: 100 });
        expect(idsOf(all)).toEqual(vectors.map((vector) => vector.id));
      });
    });

    it('deletes by ids (unknown ids are ignored) and by filter', async () => {
      const index = await freshIndex(4);
      await store().upsert({ index, vectors: filterRecords(unsupported) });
      await store().delete({ index, ids: ['r1', 'r2', 'not-there'] });
      await later(async () => expect((await store().describeIndex(index)).count).toBe(5));
      await store().delete({ index, filter: { genre: { $in: ['drama', 'horror'] } } });
      await later(async () => {
        expect((await store().describeIndex(index)).count).toBe(3);
        const left = await store().query({ index, vector: [1, 0, 0, 0], topK: 10 });
        expect(idsOf(left).sort()).toEqual(['r5', 'r6', 'r7']);
      });
    });

    it('deletes an index: it leaves the list and every call on it is VECTOR_INDEX_NOT_FOUND', async () => {
      const index = await freshIndex(2);
      await store().upsert({ index, vectors: [{ id: 'a', vector: [1, 0] }] });
      await store().deleteIndex(index);
      await later(async () => expect(await store().listIndexes()).not.toContain(index));
      await expectWeftError(store().query({ index, vector: [1, 0], topK: 1 }), 'VECTOR_INDEX_NOT_FOUND');
      await expectWeftError(store().describeIndex(index), 'VECTOR_INDEX_NOT_FOUND');
      await expectWeftError(store().deleteIndex(index), 'VECTOR_INDEX_NOT_FOUND');
    });

    it('answers VECTOR_INDEX_NOT_FOUND for an index that was never created', async () => {
      const index = `ct-${runTag}-missing`;
      await expectWeftError(store().query({ index, vector: [1, 0], topK: 1 }), 'VECTOR_INDEX_NOT_FOUND');
      await expectWeftError(
        store().upsert({ index, vectors: [{ id: 'a', vector: [1, 0] }] }),
        'VECTOR_INDEX_NOT_FOUND',
      );
      await expectWeftError(store().delete({ index, ids: ['a'] }), 'VECTOR_INDEX_NOT_FOUND');
      await expectWeftError(store().describeIndex(index), 'VECTOR_INDEX_NOT_FOUND');
    });

    it(
      'upserts 2,500 vectors in one call',
      async () => {
        const index = await freshIndex(16);
        const random = seededRandom(2500);
        const vectors = Array.from({ length: 2500 }, (_, position) => ({
          id: `big-${position}`,
          vector: randomVector(random, 16),
          metadata: { position, even: position % 2 === 0 },
        }));
        await store().upsert({ index, vectors });
        await later(async () => {
          expect((await store().describeIndex(index)).count).toBe(2500);
          for (const position of [0, 1234, 2499]) {
            const probe = vectors[position];
            if (probe === undefined) throw new Error('no probe');
            const [best] = await store().query({ index, vector: probe.vector, topK: 1 });
            expect(best?.id).toBe(probe.id);
            expect(best?.metadata).toEqual({ position, even: position % 2 === 0 });
          }
        });
      },
      heavyCaseTimeout,
    );

    it(
      'keeps every write of 20 concurrent upserts, and one whole version of an id they share',
      async () => {
        const index = await freshIndex(4);
        const random = seededRandom(20);
        const batches = Array.from({ length: 20 }, (_, writer) => [
          ...Array.from({ length: 10 }, (_, position) => ({
            id: `w${writer}-${position}`,
            vector: randomVector(random, 4),
            metadata: { writer },
          })),
          { id: 'shared', vector: [1, writer + 1, 0, 0], metadata: { writer } },
        ]);
        await Promise.all(batches.map((vectors) => store().upsert({ index, vectors })));
        await later(async () => {
          expect((await store().describeIndex(index)).count).toBe(201);
          const shared = (
            await store().query({ index, vector: [1, 1, 0, 0], topK: 300, includeVector: true })
          ).find((hit) => hit.id === 'shared');
          const writer = Number(shared?.metadata?.writer);
          expect(writer).toBeGreaterThanOrEqual(0);
          expect(shared?.vector).toEqual([1, writer + 1, 0, 0]);
        });
      },
      heavyCaseTimeout,
    );
  });
}
