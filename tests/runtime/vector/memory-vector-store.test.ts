import { describe, expect, it } from 'vitest';
import type {
  VectorFilterV1,
  VectorMetadataV1,
  VectorMetricV1,
  VectorQueryResultV1,
  VectorRecordV1,
} from '../../../runtime/spec/v1/vector-store.js';
import { matchesVectorFilter } from '../../../runtime/vector/match-vector-filter.js';
import { MemoryVectorStore } from '../../../runtime/vector/memory-vector-store.js';
import { sortVectorResults } from '../../../runtime/vector/sort-vector-results.js';
import { vectorScore } from '../../../runtime/vector/vector-score.js';

type Operation =
  | { readonly upsert: readonly VectorRecordV1[] }
  | { readonly deleteIds: readonly string[] }
  | { readonly deleteFilter: VectorFilterV1 };

/** What a plain map of the same writes answers: every score by `vectorScore`, sorted, cut to topK. */
class ReferenceIndex {
  readonly records = new Map<string, VectorRecordV1>();

  constructor(readonly metric: VectorMetricV1) {}

  apply(operation: Operation): void {
    if ('upsert' in operation) for (const record of operation.upsert) this.records.set(record.id, record);
    else if ('deleteIds' in operation) for (const id of operation.deleteIds) this.records.delete(id);
    else {
      for (const [id, record] of this.records)
        if (matchesVectorFilter(record.metadata, operation.deleteFilter)) this.records.delete(id);
    }
  }

  query(vector: readonly number[], topK: number, filter?: VectorFilterV1): VectorQueryResultV1[] {
    const hits = [...this.records.values()]
      .filter((record) => filter === undefined || matchesVectorFilter(record.metadata, filter))
      .map((record) => ({
        id: record.id,
        score: vectorScore(this.metric, vector, record.vector),
        ...(record.metadata === undefined ? {} : { metadata: record.metadata }),
        vector: record.vector,
      }));
    return sortVectorResults(hits).slice(0, topK);
  }
}

async function apply(store: MemoryVectorStore, index: string, operation: Operation): Promise<void> {
  if ('upsert' in operation) await store.upsert({ index, vectors: operation.upsert });
  else if ('deleteIds' in operation) await store.delete({ index, ids: operation.deleteIds });
  else await store.delete({ index, filter: operation.deleteFilter });
}

/** A deterministic pseudo-random generator (a 32-bit LCG), in [0, 1). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Small integer components, so equal scores (ties broken by id) are common; never all zeros. */
function smallVector(random: () => number, dimension: number): number[] {
  const vector = Array.from({ length: dimension }, () => Math.floor(random() * 5) - 2);
  if (!vector.some((value) => value !== 0)) vector[0] = 1;
  return vector;
}

/** Floating-point components, so scores carry every bit of their sums. */
function realVector(random: () => number, dimension: number): number[] {
  return Array.from({ length: dimension }, () => random() * 2 - 1);
}

/** 60 rounds of writes over ids `id-0..id-399`: upserts (new, overwritten, re-created), deletes by id and by filter. */
function randomOperations(seed: number, dimension: number): Operation[] {
  const random = seeded(seed);
  const operations: Operation[] = [];
  for (let round = 0; round < 60; round += 1) {
    const size = 1 + Math.floor(random() * 40);
    operations.push({
      upsert: Array.from({ length: size }, () => {
        const id = `id-${Math.floor(random() * 400)}`;
        const vector = random() < 0.5 ? smallVector(random, dimension) : realVector(random, dimension);
        return random() < 0.2
          ? { id, vector }
          : { id, vector, metadata: { group: Math.floor(random() * 6), round } };
      }),
    });
    if (round % 3 === 1) {
      operations.push({
        deleteIds: Array.from(
          { length: 1 + Math.floor(random() * 12) },
          () => `id-${Math.floor(random() * 420)}`,
        ),
      });
    }
    if (round % 7 === 6) operations.push({ deleteFilter: { group: Math.floor(random() * 6) } });
  }
  return operations;
}

const metrics: readonly VectorMetricV1[] = ['cosine', 'euclidean', 'dotproduct'];

describe('MemoryVectorStore storage', () => {
  it.each(metrics)(
    '%s: answers like a plain map of the same writes, through growth, overwrites and deletes',
    async (metric) => {
      const dimension = 6;
      const store = new MemoryVectorStore();
      await store.createIndex({ name: 'grown', dimension, metric });
      const reference = new ReferenceIndex(metric);
      const random = seeded(7);
      const probes = [smallVector(random, dimension), realVector(random, dimension)];
      let largest = 0;
      for (const operation of randomOperations(42, dimension)) {
        await apply(store, 'grown', operation);
        reference.apply(operation);
        largest = Math.max(largest, reference.records.size);
        expect((await store.describeIndex('grown')).count).toBe(reference.records.size);
        for (const probe of probes) {
          expect(await store.query({ index: 'grown', vector: probe, topK: 7, includeVector: true })).toEqual(
            reference.query(probe, 7),
          );
          const filter = { group: { $in: [1, 4] } };
          const filtered = await store.query({
            index: 'grown',
            vector: probe,
            topK: 1000,
            filter,
            includeVector: true,
          });
          expect(filtered).toEqual(reference.query(probe, 1000, filter));
        }
      }
      // Enough vectors to have doubled the storage several times over.
      expect(largest).toBeGreaterThan(200);
      const all = await store.query({
        index: 'grown',
        vector: probes[1] ?? [],
        topK: 1000,
        includeVector: true,
      });
      expect(all).toEqual(reference.query(probes[1] ?? [], 1000));
    },
  );

  const line = (id: string, x: number, metadata?: VectorMetadataV1): VectorRecordV1 =>
    metadata === undefined ? { id, vector: [x, 0] } : { id, vector: [x, 0], metadata };

  const cases: [string, { given: Operation[]; want: VectorQueryResultV1[] }][] = [
    [
      'deleting the last vector written leaves the others',
      {
        given: [{ upsert: [line('a', 1), line('b', 2), line('c', 3)] }, { deleteIds: ['c'] }],
        want: [
          { id: 'b', score: 2, vector: [2, 0] },
          { id: 'a', score: 1, vector: [1, 0] },
        ],
      },
    ],
    [
      'deleting the first vector written leaves the others',
      {
        given: [{ upsert: [line('a', 1), line('b', 2), line('c', 3)] }, { deleteIds: ['a'] }],
        want: [
          { id: 'c', score: 3, vector: [3, 0] },
          { id: 'b', score: 2, vector: [2, 0] },
        ],
      },
    ],
    [
      'deleting the only vector empties the index',
      { given: [{ upsert: [line('a', 1)] }, { deleteIds: ['a'] }], want: [] },
    ],
    [
      'an emptied index takes new vectors',
      {
        given: [{ upsert: [line('a', 1)] }, { deleteIds: ['a'] }, { upsert: [line('b', 2)] }],
        want: [{ id: 'b', score: 2, vector: [2, 0] }],
      },
    ],
    [
      're-upserting a deleted id stores its new vector and metadata',
      {
        given: [
          { upsert: [line('a', 1, { v: 1 }), line('b', 2)] },
          { deleteIds: ['a'] },
          { upsert: [line('a', 5, { v: 2 })] },
        ],
        want: [
          { id: 'a', score: 5, metadata: { v: 2 }, vector: [5, 0] },
          { id: 'b', score: 2, vector: [2, 0] },
        ],
      },
    ],
    [
      'overwriting a vector moved by a delete keeps the overwrite',
      {
        given: [
          { upsert: [line('a', 1), line('b', 2), line('c', 3)] },
          { deleteIds: ['a'] },
          { upsert: [line('c', 0.5, { moved: true })] },
        ],
        want: [
          { id: 'b', score: 2, vector: [2, 0] },
          { id: 'c', score: 0.5, metadata: { moved: true }, vector: [0.5, 0] },
        ],
      },
    ],
    [
      'an overwrite drops metadata it no longer has',
      {
        given: [{ upsert: [line('a', 1, { v: 1 })] }, { upsert: [line('a', 2)] }],
        want: [{ id: 'a', score: 2, vector: [2, 0] }],
      },
    ],
    [
      'deleting by a filter that matches every vector empties the index',
      {
        given: [{ upsert: [line('a', 1, { k: 1 }), line('b', 2, { k: 1 })] }, { deleteFilter: { k: 1 } }],
        want: [],
      },
    ],
    [
      'deleting by a filter removes matches wherever they are, first and last included',
      {
        given: [
          { upsert: ['a', 'b', 'c', 'd', 'e'].map((id, x) => line(id, x + 1, { odd: x % 2 === 0 })) },
          { deleteFilter: { odd: true } },
        ],
        want: [
          { id: 'd', score: 4, metadata: { odd: false }, vector: [4, 0] },
          { id: 'b', score: 2, metadata: { odd: false }, vector: [2, 0] },
        ],
      },
    ],
    [
      'equal scores come out by id, whatever the order of writes and deletes',
      {
        given: [
          { upsert: [line('d', 1), line('a', 1), line('x', 9), line('c', 1), line('b', 1)] },
          { deleteIds: ['x'] },
          { upsert: [line('x', 1)] },
        ],
        want: ['a', 'b', 'c', 'd', 'x'].map((id) => ({ id, score: 1, vector: [1, 0] })),
      },
    ],
  ];

  it.each(cases)('%s', async (_name, { given, want }) => {
    const store = new MemoryVectorStore();
    await store.createIndex({ name: 'small', dimension: 2, metric: 'dotproduct' });
    for (const operation of given) await apply(store, 'small', operation);
    expect(await store.query({ index: 'small', vector: [1, 0], topK: 10, includeVector: true })).toEqual(
      want,
    );
    expect((await store.describeIndex('small')).count).toBe(want.length);
  });

  it('hands out copies: changing a result or an upserted record changes nothing stored', async () => {
    const store = new MemoryVectorStore();
    await store.createIndex({ name: 'copies', dimension: 2, metric: 'dotproduct' });
    const record = { id: 'a', vector: [1, 2], metadata: { tags: ['x'] } };
    await store.upsert({ index: 'copies', vectors: [record] });
    record.vector[0] = 100;
    record.metadata.tags.push('y');
    const [first] = await store.query({ index: 'copies', vector: [1, 0], topK: 1, includeVector: true });
    (first?.vector as number[] | undefined)?.push(3);
    (first?.metadata?.tags as string[] | undefined)?.push('z');
    expect(await store.query({ index: 'copies', vector: [1, 0], topK: 1, includeVector: true })).toEqual([
      { id: 'a', score: 1, metadata: { tags: ['x'] }, vector: [1, 2] },
    ]);
  });
});
