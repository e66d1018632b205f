import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compile } from '../../../compiler/index.js';
import { LocalHashEmbedder } from '../../../runtime/embedders/local-hash-embedder.js';
import type { KnowledgeQueryOptions } from '../../../runtime/rag/knowledge-types.js';
import type { KnowledgeGraphV1 } from '../../../runtime/spec/v1/graph.js';
import {
  FlakyVectorStore,
  knowledgeBase,
  knowledgeDefinition,
  SpyEmbedder,
  storedIds,
} from './rag-fixture.js';

const definitions = new URL('../../../definitions/', import.meta.url).pathname;
const temporary: string[] = [];
afterEach(async () => {
  for (const dir of temporary.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function helpCenter(): Promise<KnowledgeGraphV1> {
  const result = await compile(definitions);
  if (!result.ok) throw new Error('the definitions do not compile');
  const definition = result.graph.knowledge['help-center'];
  if (definition === undefined) throw new Error('no help-center knowledge');
  return definition;
}

const threeParagraphs = 'Refunds take five days.\n\nShipping takes two days.\n\nWe accept cards and PayPal.';

describe('KnowledgeBase on the help-center of definitions/', () => {
  it('ingests the help-center articles and finds the refunds policy first for a refunds question', async () => {
    const { rag, store } = await knowledgeBase({
      definition: await helpCenter(),
      embedder: new LocalHashEmbedder(384),
      projectDir: definitions,
    });
    const summary = await rag.ingest();
    expect(summary).toMatchObject({ knowledge: 'help-center', documents: 3, skipped: 0, deleted: 0 });
    expect(summary.chunks).toBeGreaterThanOrEqual(3);
    expect(await store.describeIndex('help_center')).toEqual({
      dimension: 384,
      metric: 'cosine',
      count: summary.chunks,
    });
    const [best] = await rag.query('How long do refunds take to reach my card?');
    expect(best?.documentId).toBe('help-center/refunds.md');
    expect(best?.text).toContain('within 30 days of delivery');
    expect(best?.metadata).toMatchObject({
      source: 'help-center',
      path: 'help-center/refunds.md',
      section: 'Refunds policy',
      documentId: 'help-center/refunds.md',
      chunkIndex: 0,
    });
    expect(best?.chunkId).toBe('help-center/refunds.md#0');
    expect(best?.metadata).not.toHaveProperty('text');
  });
});

describe('rag.add', () => {
  it('chunks, embeds and stores documents, with ids <documentId>#<n>', async () => {
    const { rag, store } = await knowledgeBase();
    expect(await rag.add([{ id: 'faq', text: threeParagraphs, metadata: { lang: 'en' } }])).toEqual([
      { id: 'faq', chunks: 2, unchanged: false },
    ]);
    expect(await storedIds(store, 'docs')).toEqual(['faq#0', 'faq#1']);
    expect(await rag.documents()).toEqual([expect.objectContaining({ id: 'faq', chunks: 2, origin: 'api' })]);
  });

  it('replaces the chunks of a document added again, deleting those no longer present', async () => {
    const { rag, store } = await knowledgeBase();
    await rag.add([{ id: 'faq', text: threeParagraphs }]);
    await rag.add({ id: 'faq', text: 'Only one short paragraph now.' });
    expect(await storedIds(store, 'docs')).toEqual(['faq#0']);
    const [hit] = await rag.query('short paragraph');
    expect(hit?.text).toBe('Only one short paragraph now.');
  });

  it('skips a document whose content is unchanged, unless forced', async () => {
    const embedder = new SpyEmbedder();
    const { rag } = await knowledgeBase({ embedder });
    await rag.add([{ id: 'faq', text: threeParagraphs }]);
    const calls = embedder.batches.length;
    expect(await rag.add([{ id: 'faq', text: threeParagraphs }])).toEqual([
      { id: 'faq', chunks: 2, unchanged: true },
    ]);
    expect(embedder.batches.length).toBe(calls);
    expect(await rag.add([{ id: 'faq', text: threeParagraphs }], { force: true })).toEqual([
      { id: 'faq', chunks: 2, unchanged: false },
    ]);
    expect(embedder.batches.length).toBe(calls + 1);
  });

  it("embeds in batches of the embedder's maxBatchSize", async () => {
    const embedder = new SpyEmbedder(3);
    const { rag } = await knowledgeBase({ embedder });
    const documents = Array.from({ length: 8 }, (_, n) => ({ id: `d${n}`, text: `Document number ${n}.` }));
    await rag.add(documents);
    expect(embedder.batches).toEqual([3, 3, 2]);
  });

  it('leaves the previous version intact when the embedder fails mid-batch', async () => {
    const embedder = new SpyEmbedder(1);
    const { rag, store } = await knowledgeBase({ embedder });
    await rag.add([{ id: 'faq', text: threeParagraphs }]);
    const before = await rag.documents();
    embedder.failOnCall = embedder.batches.length + 2;
    const replacement = 'New first paragraph.\n\nNew second paragraph.\n\nNew third paragraph here.';
    await expect(rag.add([{ id: 'faq', text: replacement }])).rejects.toThrow('embedding service down');
    expect(await rag.documents()).toEqual(before);
    expect(await storedIds(store, 'docs')).toEqual(['faq#0', 'faq#1']);
    const [hit] = await rag.query('Refunds take five days');
    expect(hit?.text).toContain('Refunds take five days.');
  });

  it('marks the documents dirty when the vector store fails part-way and refuses the rollback too (INGEST_FAILED)', async () => {
    const store = new FlakyVectorStore();
    const { rag } = await knowledgeBase({ store });
    await rag.add([{ id: 'a', text: 'Alpha document text.' }]);
    await rag.add([{ id: 'b', text: threeParagraphs }]);
    store.failUpsertFrom = store.upserts + 2;
    const error = await rag
      .add([
        { id: 'a', text: 'Alpha replaced.' },
        { id: 'b', text: 'Beta replaced, one chunk.' },
        { id: 'c', text: 'A new document.' },
      ])
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'INGEST_FAILED',
      status: 502,
      details: { index: 'docs', documents: ['a', 'b', 'c'], restored: false },
    });
    // The rollback needs upserts too, and this store refuses them: the documents are marked dirty.
    store.failUpsertFrom = undefined;
    expect((await rag.documents()).map(({ id, hash }) => [id, hash === ''])).toEqual([
      ['a', true],
      ['b', true],
      ['c', true],
    ]);
    // The next add rewrites them in full.
    await rag.add([{ id: 'b', text: threeParagraphs }]);
    expect((await rag.documents()).find((document) => document.id === 'b')?.hash).not.toBe('');
  });

  it('rolls back to the previous chunks when only the write fails and the store recovers', async () => {
    const store = new FlakyVectorStore();
    const { rag } = await knowledgeBase({ store });
    await rag.add([{ id: 'b', text: threeParagraphs }]);
    const before = await rag.documents();
    // The stale-chunk delete after the upsert fails once; the rollback then succeeds.
    const originalDelete = store.delete.bind(store);
    let failed = false;
    store.delete = async (options) => {
      if (!failed) {
        failed = true;
        throw new Error('delete timed out');
      }
      return originalDelete(options);
    };
    await expect(rag.add([{ id: 'b', text: 'Beta replaced, one chunk.' }])).rejects.toMatchObject({
      code: 'INGEST_FAILED',
      details: { restored: true },
    });
    expect(await rag.documents()).toEqual(before);
    expect(await storedIds(store, 'docs')).toEqual(['b#0', 'b#1']);
    const [hit] = await rag.query('Refunds take five days');
    expect(hit?.text).toContain('Refunds take five days.');
  });

  it.each([
    ['not an array element object', ['text'], '/documents/0'],
    ['an empty id', [{ id: '', text: 'x' }], '/documents/0/id'],
    ['a blank text', [{ id: 'a', text: '  ' }], '/documents/0/text'],
    ['an unknown key', [{ id: 'a', text: 'x', extra: 1 }], '/documents/0/extra'],
    [
      'a repeated id',
      [
        { id: 'a', text: 'x' },
        { id: 'a', text: 'y' },
      ],
      '/documents/1/id',
    ],
    ['metadata that is not an object', [{ id: 'a', text: 'x', metadata: [1] }], '/documents/0/metadata'],
    [
      'a reserved metadata key',
      [{ id: 'a', text: 'x', metadata: { documentId: 'b' } }],
      '/documents/0/metadata/documentId',
    ],
    [
      'a non-finite number in metadata',
      [{ id: 'a', text: 'x', metadata: { n: Number.NaN } }],
      '/documents/0/metadata/n',
    ],
  ])('refuses %s with DOCUMENT_INVALID and its pointer', async (_name, documents, pointer) => {
    const { rag, store } = await knowledgeBase();
    // @ts-expect-error: invalid on purpose
    await expect(rag.add(documents)).rejects.toMatchObject({
      code: 'DOCUMENT_INVALID',
      details: { pointer },
    });
    expect(await store.listIndexes()).toEqual([]);
  });
});

describe('rag.query', () => {
  it('filters by metadata, honours topK and minScore', async () => {
    const { rag } = await knowledgeBase();
    await rag.add([
      { id: 'en', text: 'Refunds take five days.', metadata: { lang: 'en' } },
      { id: 'fr', text: 'Refunds take five days, in French.', metadata: { lang: 'fr' } },
      { id: 'other', text: 'Completely unrelated gardening tips.', metadata: { lang: 'en' } },
    ]);
    expect((await rag.query('refunds', { filter: { lang: 'fr' } })).map((hit) => hit.documentId)).toEqual([
      'fr',
    ]);
    expect(await rag.query('refunds', { topK: 1 })).toHaveLength(1);
    const all = await rag.query('refunds take five days', { topK: 3 });
    const threshold = all[1]?.score ?? 0;
    const kept = await rag.query('refunds take five days', { topK: 3, minScore: threshold });
    expect(kept.every((hit) => hit.score >= threshold)).toBe(true);
    expect(kept.length).toBeLessThan(3);
  });

  it('returns no hits (and creates the index) before anything is added', async () => {
    const { rag, store } = await knowledgeBase();
    expect(await rag.query('anything')).toEqual([]);
    expect(await store.describeIndex('docs')).toEqual({ dimension: 64, metric: 'cosine', count: 0 });
  });

  it.each([
    ['a malformed filter', { filter: { year: { $gt: true } } }, 'VECTOR_FILTER_INVALID'],
    ['a topK of 0', { topK: 0 }, 'VALIDATION_FAILED'],
    ['a topK over 100', { topK: 101 }, 'VALIDATION_FAILED'],
  ])('refuses %s', async (_name, options, code) => {
    const { rag } = await knowledgeBase();
    await expect(rag.query('refunds', options as KnowledgeQueryOptions)).rejects.toMatchObject({ code });
  });
});

describe('rag.delete', () => {
  it('deletes documents by id, every chunk of each, and reports unknown ids', async () => {
    const { rag, store } = await knowledgeBase();
    await rag.add([
      { id: 'a', text: threeParagraphs },
      { id: 'b', text: 'Another one.' },
    ]);
    expect(await rag.delete(['a', 'missing'])).toEqual({ deleted: ['a'], missing: ['missing'] });
    expect(await storedIds(store, 'docs')).toEqual(['b#0']);
    expect((await rag.documents()).map((document) => document.id)).toEqual(['b']);
  });

  it('deletes by filter every document with a matching chunk, whole', async () => {
    const { rag, store } = await knowledgeBase();
    await rag.add([
      { id: 'old-1', text: threeParagraphs, metadata: { site: 'old' } },
      { id: 'old-2', text: 'Old page.', metadata: { site: 'old' } },
      { id: 'new', text: 'New page.', metadata: { site: 'new' } },
    ]);
    const result = await rag.delete({ filter: { site: 'old' } });
    expect(result.deleted.sort()).toEqual(['old-1', 'old-2']);
    expect(await storedIds(store, 'docs')).toEqual(['new#0']);
    expect((await rag.documents()).map((document) => document.id)).toEqual(['new']);
  });

  it('refuses a malformed filter with VECTOR_FILTER_INVALID', async () => {
    const { rag } = await knowledgeBase();
    await expect(rag.delete({ filter: { $or: [] } })).rejects.toMatchObject({
      code: 'VECTOR_FILTER_INVALID',
    });
  });
});

describe('rag.ingest', () => {
  async function project(files: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'weft-ingest-'));
    temporary.push(dir);
    for (const [path, text] of Object.entries(files)) {
      await writeFile(join(dir, path), text);
    }
    return dir;
  }

  const fileDefinition = knowledgeDefinition({
    sources: [
      { type: 'files', glob: '*.md', baseDir: '.', metadata: { kind: 'article' } },
      { type: 'text', id: 'inline', text: 'An inline note about opening hours.' },
    ],
    chunking: { strategy: 'markdown', size: 200, overlap: 0 },
  });

  it('adds new documents, skips unchanged ones, re-adds changed ones and deletes removed ones', async () => {
    const dir = await project({ 'a.md': '# A\n\nFirst article.', 'b.md': '# B\n\nSecond article.' });
    const embedder = new SpyEmbedder();
    const { rag } = await knowledgeBase({ definition: fileDefinition, projectDir: dir, embedder });
    const progress: string[] = [];
    expect(
      await rag.ingest({
        onProgress: (step) => progress.push(`${step.action} ${step.document} ${step.done}/${step.total}`),
      }),
    ).toEqual({
      knowledge: 'docs',
      documents: 3,
      chunks: 3,
      skipped: 0,
      deleted: 0,
    });
    expect(progress).toEqual(['added a.md 1/3', 'added b.md 2/3', 'added inline 3/3']);
    const calls = embedder.batches.length;
    expect(await rag.ingest()).toMatchObject({ documents: 0, skipped: 3, deleted: 0 });
    expect(embedder.batches.length).toBe(calls);

    await rag.add([{ id: 'api-doc', text: 'Added through the API.' }]);
    await writeFile(join(dir, 'a.md'), '# A\n\nFirst article, edited.');
    await unlink(join(dir, 'b.md'));
    expect(await rag.ingest()).toEqual({
      knowledge: 'docs',
      documents: 1,
      chunks: 1,
      skipped: 1,
      deleted: 1,
    });
    expect((await rag.documents()).map((document) => [document.id, document.origin])).toEqual([
      ['a.md', 'source'],
      ['api-doc', 'api'],
      ['inline', 'source'],
    ]);
    const [hit] = await rag.query('edited article');
    expect(hit).toMatchObject({
      documentId: 'a.md',
      metadata: { kind: 'article', path: 'a.md', section: 'A' },
    });
  });

  it('stops before writing anything when a file cannot be parsed (DOCUMENT_PARSE_FAILED)', async () => {
    const dir = await project({ 'good.md': '# Good\n\nFine.', 'bad.json': '{"broken": ' });
    const definition = knowledgeDefinition({
      sources: [{ type: 'files', glob: '*.{md,json}', baseDir: '.' }],
    });
    const { rag, store } = await knowledgeBase({ definition, projectDir: dir });
    await expect(rag.ingest()).rejects.toMatchObject({
      code: 'DOCUMENT_PARSE_FAILED',
      details: { file: 'bad.json' },
    });
    expect(await store.listIndexes()).toEqual([]);
    expect(await rag.documents()).toEqual([]);
  });
});
