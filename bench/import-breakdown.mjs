/**
 * What importing weft's runtime entry (`dist/runtime/index.js`) costs, and where it goes:
 *
 * 1. the whole import, timed inside a fresh process (`process.hrtime` around `await import()`),
 *    next to `@mastra/core` timed the same way (median of N fresh processes);
 * 2. the static import graph of dist/ from the entry: every npm package loaded eagerly, with the
 *    shortest chain of runtime modules that pulls it in;
 * 3. each such package imported alone in a fresh process (its own cost, shared deps included);
 * 4. each module `runtime/index.ts` re-exports from, imported alone in a fresh process;
 * 5. one `node --cpu-prof` of the import, self time aggregated by package (or weft folder).
 *
 * @example
 * node import-breakdown.mjs            # Markdown on stdout (needs a build: npm run build in the root)
 * BENCH_IMPORT_RUNS=9 node import-breakdown.mjs
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bench = dirname(fileURLToPath(import.meta.url));
const repo = resolve(bench, '..');
const dist = join(repo, 'dist');
const entry = join(dist, 'runtime', 'index.js');
const runs = Number(process.env.BENCH_IMPORT_RUNS ?? '5');

function nearestRank(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1];
}

/** ms of `await import(specifier)` inside a fresh process started in `cwd`; median of `runs`. */
function importMs(specifier, cwd = repo) {
  const code = `const t=process.hrtime.bigint();await import(${JSON.stringify(specifier)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const times = [];
  for (let i = 0; i < runs + 1; i += 1) {
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd, encoding: 'utf8' });
    if (child.status !== 0)
      return { error: child.stderr.split('\n').find((l) => l.includes('Error')) ?? 'failed' };
    if (i > 0) times.push(Number(child.stdout));
  }
  return { median: nearestRank(times, 50), min: Math.min(...times) };
}

const staticImport = /(?:^|\n)\s*(?:import|export)\s+(?:[^'"`;]*?\s+from\s+)?['"]([^'"]+)['"]/g;

/** BFS over the static imports of dist/ from the entry: package -> shortest chain of files. */
function eagerPackages() {
  const chains = new Map();
  const seen = new Map([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift();
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(staticImport)) {
      const spec = match[1];
      if (match[0].includes('import type') || match[0].includes('export type')) continue;
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        if (!seen.has(target) && existsSync(target)) {
          seen.set(target, [...seen.get(file), target]);
          queue.push(target);
        }
      } else if (!spec.startsWith('node:')) {
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (!chains.has(spec)) chains.set(spec, { name, chain: seen.get(file) });
      }
    }
  }
  return { chains, files: seen.size };
}

function short(file) {
  return relative(dist, file).replace(/\.js$/, '');
}

/** Self time of one import under --cpu-prof, by package (node_modules) or dist folder. */
function cpuProfile() {
  const dir = mkdtempSync(join(tmpdir(), 'weft-import-prof-'));
  try {
    const child = spawnSync(
      process.execPath,
      [
        '--cpu-prof',
        '--cpu-prof-dir',
        dir,
        '--cpu-prof-interval',
        '100',
        '-e',
        `import(${JSON.stringify(pathToFileURL(entry).href)})`,
      ],
      { cwd: repo, encoding: 'utf8' },
    );
    if (child.status !== 0) return [];
    const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const interval = new Map();
    for (let i = 0; i < profile.samples.length; i += 1) {
      const delta = (profile.timeDeltas[i] ?? 0) / 1000;
      const node = byId.get(profile.samples[i]);
      const url = node?.callFrame.url ?? '';
      let bucket = '(node internals, GC, idle)';
      const nm = url.lastIndexOf('node_modules/');
      if (nm >= 0) {
        const rest = url.slice(nm + 13).split('/');
        bucket = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
      } else if (url.includes('/dist/')) {
        bucket = `weft ${url
          .slice(url.indexOf('/dist/') + 6)
          .split('/')
          .slice(0, 2)
          .join('/')}`;
      }
      interval.set(bucket, (interval.get(bucket) ?? 0) + delta);
    }
    return [...interval.entries()].sort((a, b) => b[1] - a[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!existsSync(entry)) {
  console.error(`no ${entry}: run npm run build in ${repo} first`);
  process.exit(1);
}
const out = (line = '') => console.log(line);
const node0 = importMs('node:os');
const weftTotal = importMs(pathToFileURL(entry).href);
const mastraTotal = importMs('@mastra/core', bench);
out('#### Import of the runtime, timed inside a fresh process (median ms)');
out();
out('| what | median ms | min ms |');
out('|---|---:|---:|');
out(`| import weft dist/runtime/index.js | ${weftTotal.median?.toFixed(1)} | ${weftTotal.min?.toFixed(1)} |`);
out(
  `| import @mastra/core (bench/node_modules) | ${mastraTotal.median?.toFixed(1)} | ${mastraTotal.min?.toFixed(1)} |`,
);
out(`| import node:os (the floor) | ${node0.median?.toFixed(1)} | ${node0.min?.toFixed(1)} |`);
out();
out(`weft / @mastra/core (in-process import time): ${(weftTotal.median / mastraTotal.median).toFixed(3)}x`);
out();
const { chains, files } = eagerPackages();
const byPackage = new Map();
for (const [spec, { name, chain }] of chains) {
  if (!byPackage.has(name)) byPackage.set(name, { specs: [], chain });
  byPackage.get(name).specs.push(spec);
}
const rows = [];
for (const [name, { specs, chain }] of byPackage) {
  const costs = specs.map((spec) => ({ spec, ...importMs(spec) }));
  const worst = costs.reduce((a, b) => ((b.median ?? 0) > (a.median ?? 0) ? b : a));
  rows.push({ name, worst, chain });
}
rows.sort((a, b) => (b.worst.median ?? 0) - (a.worst.median ?? 0));
out(`#### npm packages the entry loads eagerly (static imports of ${files} dist files), each imported alone`);
out();
out(
  '| package (costliest specifier) | alone, median ms | pulled in by (shortest chain from runtime/index) |',
);
out('|---|---:|---|');
for (const { worst, chain } of rows)
  out(
    `| ${worst.spec} | ${worst.median === undefined ? worst.error : worst.median.toFixed(1)} | ${chain.map(short).join(' → ')} |`,
  );
out();
const reexports = [
  ...new Set([...readFileSync(entry, 'utf8').matchAll(/from\s+'(\.\/[^']+)'/g)].map((m) => m[1])),
];
const moduleRows = reexports
  .map((spec) => ({ spec, ...importMs(pathToFileURL(resolve(dirname(entry), spec)).href) }))
  .sort((a, b) => (b.median ?? 0) - (a.median ?? 0));
out('#### Modules runtime/index re-exports, each imported alone (median ms; shared deps counted in each)');
out();
out('| module | median ms |');
out('|---|---:|');
for (const row of moduleRows)
  out(`| ${row.spec} | ${row.median === undefined ? row.error : row.median.toFixed(1)} |`);
out();
out('#### One `node --cpu-prof` of the import: self time by package / dist folder (ms, 0.1 ms sampling)');
out();
out('| where | self ms |');
out('|---|---:|');
for (const [bucket, ms] of cpuProfile().slice(0, 20)) out(`| ${bucket} | ${ms.toFixed(1)} |`);
out();
