// biome-ignore-all lint/suspicious/noTemplateCurlyInString: weft.yaml lines quote the `${{ env.X }}` reference syntax.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestSummary, KnowledgeHit } from '../../runtime/rag/knowledge-types.js';
import { Weft } from '../../runtime/weft.js';
import { ChromaFake } from '../plugins/fakes/chroma-fake.js';
import type { FakeHttpServer } from '../plugins/fakes/fake-http-server.js';
import { PineconeFake } from '../plugins/fakes/pinecone-fake.js';
import { QdrantFake } from '../plugins/fakes/qdrant-fake.js';
import { copyProject, type ProcessResult, removeProject, runWeft } from './e2e-helpers.js';

/**
 * The example knowledge base switched from pgvector to each hosted store: `weft ingest` (the real
 * CLI, a child process) writes to the store's protocol-level fake, and a query through
 * `Weft.open` answers the same chunks in the same order as pgvector for the same data.
 */

/** The question, and one whose best answer is known (the refunds article). */
const questions = ['how do I get a refund', 'How long do refunds take to reach my card?'] as const;
const apiKey = 'e2e-vector-key';
/** pgvector keeps float4 vectors; the fakes compute in float64. */
const scoreTolerance = 1e-4;

interface HostedCase {
  readonly adapter: 'pinecone' | 'chroma' | 'qdrant';
  /**
   * The `vector:` line of weft.yaml; the URL (`${{ env.X }}`, a secret field) and the API key
   * (`{ $secret: X }`: the compiler refuses `${{ env.X }}` inside the free-form `config`) come
   * from these environment variables.
   */
  readonly line: string;
  readonly env: Readonly<Record<string, string>>;
  readonly server: FakeHttpServer;
  /** How many vectors the fake holds in the knowledge base's index (`help_center`). */
  readonly stored: () => number;
  readonly close: () => Promise<void>;
}

interface IngestedProject {
  readonly dir: string;
  readonly result: ProcessResult;
}

const projects: string[] = [];
const hosted: HostedCase[] = [];
const ingested = new Map<string, IngestedProject>();
const savedEnv = new Map<string, string | undefined>();

/** A copy of definitions/ whose weft.yaml has `line` as its `vector:` section (none: pgvector). */
function projectWith(line: string | undefined): string {
  const dir = copyProject('definitions');
  projects.push(dir);
  if (line !== undefined) {
    const file = join(dir, 'weft.yaml');
    const source = readFileSync(file, 'utf8');
    if (/^ {2}vector:/m.test(source) || !source.includes('\nspec:\n'))
      throw new Error('definitions/weft.yaml changed shape: expected a spec section without vector');
    writeFileSync(file, source.replace('\nspec:\n', `\nspec:\n  ${line}\n`));
  }
  return dir;
}

async function startFakes(): Promise<void> {
  const pinecone = await PineconeFake.start({ apiKey });
  // Shared-index mode: an existing Pinecone index (the hash embedder's 384 dimensions, cosine);
  // the knowledge base's index `help_center` becomes a namespace of it.
  pinecone.seedIndex({ name: 'weft-e2e', dimension: 384, metric: 'cosine' });
  const chroma = await ChromaFake.start({ apiKey });
  const qdrant = await QdrantFake.start({ apiKey });
  hosted.push(
    {
      adapter: 'pinecone',
      line: 'vector: { adapter: pinecone, url: "${{ env.E2E_PINECONE_URL }}", config: { apiKey: { $secret: E2E_PINECONE_KEY }, index: weft-e2e } }',
      env: { E2E_PINECONE_URL: pinecone.url, E2E_PINECONE_KEY: apiKey },
      server: pinecone.server,
      stored: () => pinecone.indexes.get('weft-e2e')?.namespaces.get('help_center')?.size ?? 0,
      close: () => pinecone.close(),
    },
    {
      adapter: 'chroma',
      line: 'vector: { adapter: chroma, url: "${{ env.E2E_CHROMA_URL }}", config: { apiKey: { $secret: E2E_CHROMA_KEY } } }',
      env: { E2E_CHROMA_URL: chroma.url, E2E_CHROMA_KEY: apiKey },
      server: chroma.server,
      stored: () => chroma.collections.get('help_center')?.records.size ?? 0,
      close: () => chroma.close(),
    },
    {
      adapter: 'qdrant',
      line: 'vector: { adapter: qdrant, url: "${{ env.E2E_QDRANT_URL }}", config: { apiKey: { $secret: E2E_QDRANT_KEY } } }',
      env: { E2E_QDRANT_URL: qdrant.url, E2E_QDRANT_KEY: apiKey },
      server: qdrant.server,
      stored: () => qdrant.collections.get('help_center')?.points.size ?? 0,
      close: () => qdrant.close(),
    },
  );
}

/** The top 3 hits of each question, through the public API of a project opened in this process. */
async function topHits(
  dir: string,
  options: Parameters<typeof Weft.open>[1] = {},
): Promise<KnowledgeHit[][]> {
  const weft = await Weft.open(dir, options);
  try {
    const knowledge = weft.getKnowledge('help-center');
    const answers: KnowledgeHit[][] = [];
    for (const question of questions) answers.push(await knowledge.query(question, { topK: 3 }));
    return answers;
  } finally {
    await weft.close();
  }
}

function summaryOf(project: IngestedProject | undefined): IngestSummary {
  if (project === undefined) throw new Error('the project was not ingested');
  expect(project.result.code, project.result.stderr).toBe(0);
  return JSON.parse(project.result.stdout) as IngestSummary;
}

beforeAll(async () => {
  await startFakes();
  for (const { env } of hosted) {
    for (const [name, value] of Object.entries(env)) {
      savedEnv.set(name, process.env[name]);
      process.env[name] = value;
    }
  }
  // Four projects, four child processes: pgvector (the default, on PGlite) and the three fakes.
  const runs = [
    { key: 'pgvector', dir: projectWith(undefined), env: {} },
    ...hosted.map((entry) => ({ key: entry.adapter, dir: projectWith(entry.line), env: entry.env })),
  ];
  await Promise.all(
    runs.map(async (run) => {
      const result = await runWeft(['ingest', 'help-center', run.dir], { ...run.env });
      ingested.set(run.key, { dir: run.dir, result });
    }),
  );
}, 900_000);

afterAll(async () => {
  for (const entry of hosted) await entry.close();
  for (const dir of projects) removeProject(dir);
  for (const [name, value] of savedEnv) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('weft ingest of the example knowledge base into each hosted vector store (protocol fakes)', () => {
  let expected: KnowledgeHit[][] = [];

  it('pgvector (the default, on PGlite): ingests the help center and answers the refunds question with the refunds article', async () => {
    const summary = summaryOf(ingested.get('pgvector'));
    expect(summary).toMatchObject({ knowledge: 'help-center', documents: 3, skipped: 0, deleted: 0 });
    expected = await topHits(ingested.get('pgvector')?.dir ?? '');
    expect(expected.map((hits) => hits.length)).toEqual([3, 3]);
    expect(expected[1]?.[0]?.documentId).toBe('help-center/refunds.md');
  }, 300_000);

  for (const adapter of ['pinecone', 'chroma', 'qdrant'] as const) {
    it(`${adapter}: the same ingest summary, and the same top hits in the same order as pgvector`, async () => {
      const entry = hosted.find((candidate) => candidate.adapter === adapter);
      const project = ingested.get(adapter);
      if (entry === undefined || project === undefined) throw new Error(`${adapter} was not set up`);
      const summary = summaryOf(project);
      expect(summary).toEqual(summaryOf(ingested.get('pgvector')));
      // The child process wrote every chunk through the fake's HTTP API.
      expect(entry.stored()).toBe(summary.chunks);
      expect(entry.server.requests.length).toBeGreaterThan(0);
      expect(expected.length, 'the pgvector case must pass first').toBe(questions.length);
      // Memory storage: the hits can only come from the hosted store.
      const answers = await topHits(project.dir, { storage: 'memory' });
      answers.forEach((hits, question) => {
        const want = expected[question] ?? [];
        expect(hits.map((hit) => hit.chunkId)).toEqual(want.map((hit) => hit.chunkId));
        expect(hits.map((hit) => hit.text)).toEqual(want.map((hit) => hit.text));
        hits.forEach((hit, position) => {
          expect(Math.abs(hit.score - (want[position]?.score ?? Number.NaN))).toBeLessThan(scoreTolerance);
        });
      });
    }, 300_000);
  }
});
