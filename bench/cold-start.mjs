/**
 * Cold start (bench/WORKLOADS.md): wall time from spawn to exit of a fresh `node` process, 10
 * runs after 1 warmup (BENCH_SCALE scales the 10, at least 3), for `node -e 0`, importing each
 * package, and "first result" (import + build + run one 10-step chain). weft: importing the
 * compiled runtime, and load-manifest + compile + first run.
 *
 * @example
 * node cold-start.mjs          # a Markdown table
 * node cold-start.mjs --json   # one `@@RESULT {json}` line per item (what the harness reads)
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bench = dirname(fileURLToPath(import.meta.url));
const weftEntry = join(bench, '..', 'dist', 'runtime', 'index.js');
const scale = Number(process.env.BENCH_SCALE ?? '1') || 1;
const runs = Math.max(3, Math.round(10 * scale));

const importOf = (specifier) => ['-e', `import(${JSON.stringify(specifier)})`];
const items = [
  { engine: 'node', name: 'node -e 0', args: ['-e', '0'] },
  { engine: 'mastra', name: 'import @mastra/core', args: importOf('@mastra/core') },
  { engine: 'mastra', name: 'import @mastra/core/workflows', args: importOf('@mastra/core/workflows') },
  { engine: 'mastra', name: 'import @mastra/core/agent', args: importOf('@mastra/core/agent') },
  { engine: 'langgraph', name: 'import @langchain/langgraph', args: importOf('@langchain/langgraph') },
  {
    engine: 'langgraph',
    name: 'import @langchain/langgraph/prebuilt',
    args: importOf('@langchain/langgraph/prebuilt'),
  },
  { engine: 'ai', name: 'import ai', args: importOf('ai') },
  { engine: 'weft', name: 'import weft runtime (dist)', args: importOf(weftEntry) },
  {
    engine: 'mastra',
    name: 'first result (10-step chain)',
    args: [join(bench, 'cold', 'first-result-mastra.mjs')],
    expect: '{"n":10}',
  },
  {
    engine: 'langgraph',
    name: 'first result (10-step chain)',
    args: [join(bench, 'cold', 'first-result-langgraph.mjs')],
    expect: '{"n":10}',
  },
  {
    engine: 'weft',
    name: 'first result (load + compile + 10-step chain)',
    args: [join(bench, 'cold', 'first-result-weft.mjs')],
    expect: '{"n":10}',
  },
];

function once(item) {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, item.args, {
    cwd: bench,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0)
    throw new Error(`${item.name} exited ${child.status}: ${child.stderr.slice(0, 2000)}`);
  if (item.expect !== undefined && child.stdout.trim() !== item.expect) {
    throw new Error(`${item.name}: wrong answer, expected ${item.expect}, got ${child.stdout.trim()}`);
  }
  return ms;
}

function nearestRank(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1];
}

const json = process.argv.includes('--json');
const results = [];
for (const item of items) {
  const loadBefore = loadavg()[0];
  let result;
  try {
    once(item);
    const times = Array.from({ length: runs }, () => once(item));
    result = {
      engine: item.engine,
      item: item.name,
      warmup: 1,
      runs,
      median_ms: Math.round(nearestRank(times, 50) * 10) / 10,
      p95_ms: Math.round(nearestRank(times, 95) * 10) / 10,
      min_ms: Math.round(Math.min(...times) * 10) / 10,
      loadavg_1m: Math.round(loadBefore * 100) / 100,
    };
  } catch (error) {
    result = {
      engine: item.engine,
      item: item.name,
      error: error instanceof Error ? error.message : String(error),
    };
  }
  results.push(result);
  if (json) process.stdout.write(`@@RESULT ${JSON.stringify(result)}\n`);
}
if (!json) {
  console.log(`| engine | item | median ms | p95 ms | min ms | load 1m |\n|---|---|---:|---:|---:|---:|`);
  for (const r of results) {
    console.log(
      r.error === undefined
        ? `| ${r.engine} | ${r.item} | ${r.median_ms} | ${r.p95_ms} | ${r.min_ms} | ${r.loadavg_1m} |`
        : `| ${r.engine} | ${r.item} | error: ${r.error.split('\n')[0]} | | | |`,
    );
  }
}
