import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestSummary } from '../../runtime/rag/knowledge-types.js';
import { copyProject, exited, removeProject, runWeft, spawnNode, waitForOutput } from './e2e-helpers.js';

let dir: string;
let server: ChildProcess | undefined;

beforeAll(() => {
  dir = copyProject('definitions');
});
afterAll(async () => {
  if (server !== undefined && server.exitCode === null && server.signalCode === null) {
    server.kill('SIGKILL');
    await exited(server);
  }
  removeProject(dir);
});

describe('weft ingest in one process, weft serve in the next (a copy of definitions/ on PGlite)', () => {
  it('weft ingest help-center <dir>: exit 0, a JSON summary on stdout, progress on stderr', async () => {
    const result = await runWeft(['ingest', 'help-center', dir]);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as IngestSummary;
    expect(summary).toMatchObject({ knowledge: 'help-center', documents: 3, skipped: 0, deleted: 0 });
    expect(result.stderr).toContain('  added help-center/refunds.md (2/3)');
  }, 300_000);

  it('a later weft serve finds the ingested documents: the refunds policy answers a refunds query', async () => {
    server = spawnNode(['cli/bin.ts', 'serve', dir, '--port', '0'], { OPENAI_API_KEY: '' });
    const match = await waitForOutput(
      server,
      'stderr',
      /weft: serving support-desk at (http:\/\/127\.0\.0\.1:\d+)/,
      240_000,
    );
    const base = match[1] ?? '';
    const listed = (await (await fetch(`${base}/api/knowledge`)).json()) as {
      items: { documents?: number }[];
    };
    expect(listed.items[0]?.documents).toBe(3);
    const response = await fetch(`${base}/api/knowledge/help-center/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'How long do refunds take to reach my card?', topK: 3 }),
    });
    expect(response.status).toBe(200);
    const { hits } = (await response.json()) as { hits: { documentId: string; text: string }[] };
    expect(hits[0]?.documentId).toBe('help-center/refunds.md');
  }, 300_000);

  it('weft ingest refuses (exit 2) while the host holds the storage, naming its URL', async () => {
    const result = await runWeft(['ingest', 'help-center', dir]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /weft ingest: the project storage is held by process \d+ \(serving http:\/\/127\.0\.0\.1:\d+\)/,
    );
  }, 300_000);
});
