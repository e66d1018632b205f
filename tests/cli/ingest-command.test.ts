import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../cli/cli-io.js';
import { main } from '../../cli/main.js';
import { Weft } from '../../runtime/weft.js';

const definitions = new URL('../../definitions/', import.meta.url).pathname;
let dir: string;

beforeAll(() => {
  // A copy: the command writes the project's .weft storage, never the repository's.
  dir = mkdtempSync(join(tmpdir(), 'weft-ingest-cli-'));
  cpSync(definitions, dir, { recursive: true, filter: (path) => !path.split('/').includes('.weft') });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(
  argv: string[],
): Promise<{ code: number | string | undefined; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line), color: false, cwd: dir };
  process.exitCode = undefined;
  await main(argv, io);
  const code = process.exitCode;
  process.exitCode = undefined;
  return { code, out, err };
}

describe('weft ingest', () => {
  // The first open of a new PGlite data folder is slow on a loaded machine: a generous harness timeout.
  it('ingests the help-center: a JSON summary on stdout, one progress line per document on stderr, exit 0', {
    timeout: 180_000,
  }, async () => {
    const { code, out, err } = await run(['ingest', 'help-center', '.']);
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    const summary = JSON.parse(out[0] ?? '') as Record<string, unknown>;
    expect(summary).toMatchObject({ knowledge: 'help-center', documents: 3, skipped: 0, deleted: 0 });
    expect(summary.chunks).toEqual(expect.any(Number));
    expect(err.slice(0, 3)).toEqual([
      '  added help-center/payment-methods.md (1/3)',
      '  added help-center/refunds.md (2/3)',
      '  added help-center/shipping.md (3/3)',
    ]);
    expect(err.at(-1)).toMatch(
      /^weft ingest: help-center: 3 documents \(\d+ chunks\) indexed, 0 unchanged, 0 deleted in \d+ ms$/,
    );
  });

  it('skips unchanged files and deletes removed ones on the next ingest', async () => {
    rmSync(join(dir, 'knowledge/help-center/shipping.md'));
    writeFileSync(
      join(dir, 'knowledge/help-center/returns.md'),
      '# Returns\n\nSend items back within 30 days.',
    );
    const { code, out } = await run(['ingest', 'help-center', '.']);
    expect(code).toBe(0);
    expect(JSON.parse(out[0] ?? '')).toEqual({
      knowledge: 'help-center',
      documents: 1,
      chunks: 1,
      skipped: 2,
      deleted: 1,
    });
  });

  it('leaves the data in the project storage, where a later Weft.open finds it', async () => {
    const weft = await Weft.open(dir);
    try {
      const rag = weft.getKnowledge('help-center');
      expect((await rag.documents()).map((document) => document.id)).toEqual([
        'help-center/payment-methods.md',
        'help-center/refunds.md',
        'help-center/returns.md',
      ]);
      const [best] = await rag.query('How long do refunds take to reach my card?');
      expect(best?.documentId).toBe('help-center/refunds.md');
    } finally {
      await weft.close();
    }
  });

  it('exits 2 with a did-you-mean for an unknown knowledge base', async () => {
    const { code, out, err } = await run(['ingest', 'help-centre', '.']);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err[0]).toBe(
      'weft ingest: KNOWLEDGE_NOT_FOUND No knowledge base is named "help-centre". Did you mean "help-center"?',
    );
  });

  it('exits 2 naming the file when a source file does not parse, writing nothing', async () => {
    writeFileSync(join(dir, 'knowledge/help-center/broken.md'), Buffer.from([0x23, 0x20, 0xff, 0xfe]));
    try {
      const { code, err } = await run(['ingest', 'help-center', '.']);
      expect(code).toBe(2);
      expect(err[0]).toMatch(
        /^weft ingest: DOCUMENT_PARSE_FAILED The file "help-center\/broken\.md" cannot be read/,
      );
    } finally {
      rmSync(join(dir, 'knowledge/help-center/broken.md'));
    }
  });

  it('refuses (exit 2) while another live process holds the project storage, naming its URL', async () => {
    // The lock of a live process that serves the project (the parent of this test process stands in for it).
    writeFileSync(
      join(dir, '.weft/lock.json'),
      JSON.stringify({
        pid: process.ppid,
        hostname: hostname(),
        url: 'http://127.0.0.1:4111',
        startedAt: Date.now(),
      }),
    );
    try {
      const { code, out, err } = await run(['ingest', 'help-center', '.']);
      expect(code).toBe(2);
      expect(out).toEqual([]);
      expect(err[0]).toBe(
        `weft ingest: the project storage is held by process ${process.ppid} (serving http://127.0.0.1:4111): stop it, run weft ingest, then start it again, or POST the documents to http://127.0.0.1:4111/api/knowledge/<name>/documents`,
      );
    } finally {
      rmSync(join(dir, '.weft/lock.json'), { force: true });
    }
  });
});
