import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { Weft } from 'weft';

// rag.* as a plain script uses it: the public entry, a project folder, nothing else configured.
const knowledge = `apiVersion: weft/v1
kind: Knowledge
metadata:
  name: handbook
  description: The staff handbook.
spec:
  sources:
    - files: handbook/*.md
      metadata: { source: handbook }
    - id: welcome
      text: Welcome to Acme. Our office opens at nine.
  chunking: { strategy: markdown, size: 400, overlap: 0 }
`;

function tempProject(projectSpec: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'weft-rag-'));
  writeFileSync(
    join(dir, 'weft.yaml'),
    `apiVersion: weft/v1\nkind: Project\nmetadata:\n  name: rag-script\nspec:${projectSpec}`,
  );
  writeFileSync(join(dir, 'handbook.yaml'), knowledge);
  mkdirSync(join(dir, 'handbook'));
  writeFileSync(
    join(dir, 'handbook/holidays.md'),
    '# Holidays\n\nEveryone gets 25 days of paid holiday a year.',
  );
  writeFileSync(
    join(dir, 'handbook/expenses.md'),
    '# Expenses\n\nClaim travel expenses within 60 days with receipts.',
  );
  return dir;
}

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** The script: ingest, add, query, delete by id and by filter; then a second process-like open finds what is left. */
async function exercise(dir: string, storage: string): Promise<void> {
  const first = await Weft.open(dir);
  try {
    expect(first.storage.name).toBe(storage);
    const rag = first.getKnowledge('handbook');
    expect(await rag.ingest()).toEqual({
      knowledge: 'handbook',
      documents: 3,
      chunks: 3,
      skipped: 0,
      deleted: 0,
    });
    await rag.add([
      {
        id: 'parking',
        text: 'Parking spaces are first come, first served.',
        metadata: { source: 'memo', year: 2024 },
      },
      {
        id: 'printers',
        text: 'The printers are on the second floor.',
        metadata: { source: 'memo', year: 2023 },
      },
    ]);
    const [best] = await rag.query('how many days of paid holiday do I get?');
    expect(best).toMatchObject({
      documentId: 'handbook/holidays.md',
      metadata: { source: 'handbook', section: 'Holidays' },
    });
    const memos = await rag.query('floor parking', { filter: { source: 'memo', year: { $gte: 2024 } } });
    expect(memos.map((hit) => hit.documentId)).toEqual(['parking']);
    expect(await rag.delete(['welcome'])).toEqual({ deleted: ['welcome'], missing: [] });
    expect((await rag.delete({ filter: { source: 'memo' } })).deleted.sort()).toEqual([
      'parking',
      'printers',
    ]);
  } finally {
    await first.close();
  }
  const second = await Weft.open(dir);
  try {
    const rag = second.getKnowledge('handbook');
    expect((await rag.documents()).map((document) => document.id)).toEqual([
      'handbook/expenses.md',
      'handbook/holidays.md',
    ]);
    const hits = await rag.query('travel receipts', { topK: 10 });
    expect(hits.map((hit) => hit.documentId).sort()).toEqual([
      'handbook/expenses.md',
      'handbook/holidays.md',
    ]);
    expect(hits[0]?.documentId).toBe('handbook/expenses.md');
    // The next ingest finds the deleted inline source and adds it back; the files are unchanged.
    expect(await rag.ingest()).toMatchObject({ documents: 1, skipped: 2, deleted: 0 });
  } finally {
    await second.close();
  }
}

describe('rag.* from a plain script', () => {
  it('works on the embedded default (PGlite + pgvector) with no configuration, and persists', async () => {
    const dir = tempProject(' {}\n');
    dirs.push(dir);
    await exercise(dir, 'pglite');
  }, 300_000);

  const postgresUrl = process.env.WEFT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `weft_rag_test_${process.pid}_${Date.now()}`;
  afterAll(async () => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  });

  it('works on real Postgres (a schema of its own), and persists', async () => {
    process.env.WEFT_RAG_TEST_DATABASE_URL = postgresUrl;
    const dir = tempProject(
      `\n  storage:\n    adapter: postgres\n    url: \${{ env.WEFT_RAG_TEST_DATABASE_URL }}\n    config: { schema: ${schema} }\n`,
    );
    dirs.push(dir);
    await exercise(dir, 'postgres');
  }, 300_000);
});
