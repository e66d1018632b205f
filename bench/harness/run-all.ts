/**
 * `npm run bench`: every (engine, configuration, workload) of harness/jobs.ts in its own fresh
 * process, one after the other, then the cold start; writes `results/<timestamp>.jsonl` (and the
 * Markdown summary next to it as `.md`) and prints the summary.
 *
 * Environment: BENCH_SCALE (run counts, default 1), BENCH_ENGINES / BENCH_CONFIGS /
 * BENCH_WORKLOADS (filters), BENCH_COLD_START=0 (skip the cold start), BENCH_CHILD_TIMEOUT_S
 * (default 900), WEFT_BENCH_POSTGRES_URL (the server for weft's postgres configuration),
 * BENCH_SKIP_BUILD=1, WEFT_BENCH_SOURCE=1. Below BENCH_SCALE 0.25 (a smoke run) W5 measures one
 * batch and the extra W6 servers are skipped (`isSmokeScale`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureWeftBuild } from './build-weft.js';
import { measureHost } from './host-load.js';
import { isHostJob, selectedJobs } from './jobs.js';
import { createDatabase, dropDatabase, postgresProblem } from './postgres.js';
import { type ColdStartRecord, markdownReport, type WorkloadRecord, withRunsPerSecond } from './report.js';
import { runChild } from './spawn-child.js';
import { benchScale } from './workloads.js';

const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = resolve(benchDir, '..');

function versionOf(packageJson: string): string {
  try {
    return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
  } catch {
    return 'missing';
  }
}

function commitOf(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoDir, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function coldStart(): ColdStartRecord[] {
  const child = spawnSync(process.execPath, ['cold-start.mjs', '--json'], {
    cwd: benchDir,
    encoding: 'utf8',
    env: process.env,
  });
  if (child.status !== 0)
    return [{ kind: 'cold-start', engine: '-', item: 'cold-start.mjs', error: child.stderr.slice(-500) }];
  return child.stdout
    .split('\n')
    .filter((line) => line.startsWith('@@RESULT '))
    .map((line) => ({ kind: 'cold-start', ...(JSON.parse(line.slice(9)) as Omit<ColdStartRecord, 'kind'>) }));
}

async function main(): Promise<void> {
  const started = new Date();
  const jobs = selectedJobs();
  const scale = benchScale();
  const timeoutMs = Number(process.env.BENCH_CHILD_TIMEOUT_S ?? '900') * 1000;
  const versions = {
    node: process.version,
    weft: `${versionOf(join(repoDir, 'package.json'))}+${commitOf()} (working tree)`,
    '@mastra/core': versionOf(join(benchDir, 'node_modules/@mastra/core/package.json')),
    '@mastra/libsql': versionOf(join(benchDir, 'node_modules/@mastra/libsql/package.json')),
    '@mastra/memory': versionOf(join(benchDir, 'node_modules/@mastra/memory/package.json')),
    '@mastra/deployer': versionOf(join(benchDir, 'node_modules/@mastra/deployer/package.json')),
    fastify: versionOf(join(benchDir, 'node_modules/fastify/package.json')),
    autocannon: versionOf(join(benchDir, 'node_modules/autocannon/package.json')),
    '@langchain/langgraph': versionOf(join(benchDir, 'node_modules/@langchain/langgraph/package.json')),
    '@langchain/core': versionOf(join(benchDir, 'node_modules/@langchain/core/package.json')),
    ai: versionOf(join(benchDir, 'node_modules/ai/package.json')),
    zod: versionOf(join(benchDir, 'node_modules/zod/package.json')),
  };
  const meta = {
    kind: 'meta',
    started: started.toISOString(),
    scale,
    cpus: cpus().length,
    loadavg_1m: loadavg()[0],
    versions,
  };
  const needsWeft = (job: (typeof jobs)[number]) => job.engine === 'weft' || job.config === 'weft';
  const weftProblem = jobs.some(needsWeft) ? ensureWeftBuild(repoDir) : undefined;
  const pgProblem = jobs.some((job) => job.engine === 'weft' && job.config === 'postgres')
    ? await postgresProblem()
    : undefined;

  const resultsDir = join(benchDir, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const jsonlPath = join(resultsDir, `${stamp}.jsonl`);
  const lines: string[] = [JSON.stringify(meta)];
  const records: WorkloadRecord[] = [];
  const save = () => writeFileSync(jsonlPath, `${lines.join('\n')}\n`);
  // One PGlite data dir for the run, created by the first job that opens PGlite (bench/weft.ts).
  const pgliteTemplate = join(tmpdir(), `weft-bench-pglite-${stamp}`);

  for (const [index, job] of jobs.entries()) {
    const base = { kind: 'workload' as const, ...job, scale };
    let record: WorkloadRecord;
    if (needsWeft(job) && weftProblem !== undefined) {
      record = { ...base, error: weftProblem };
    } else if (job.engine === 'weft' && job.config === 'postgres' && pgProblem !== undefined) {
      record = { ...base, error: `Postgres unavailable: ${pgProblem}` };
    } else {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        BENCH_SCALE: String(scale),
        WEFT_BENCH_PGLITE_TEMPLATE: pgliteTemplate,
      };
      const database = job.config === 'postgres' ? await createDatabase(job.workload) : undefined;
      if (database !== undefined) env.WEFT_BENCH_DATABASE_URL = database.url;
      try {
        if (isHostJob(job)) {
          const jobStart = Date.now();
          try {
            const numbers = await measureHost(benchDir, job, env);
            record = { ...base, ...numbers, child_wall_s: (Date.now() - jobStart) / 1000 };
          } catch (error) {
            record = { ...base, error: error instanceof Error ? error.message : String(error) };
          }
        } else {
          const outcome = await runChild(benchDir, job, env, timeoutMs);
          record = withRunsPerSecond({
            ...base,
            ...(outcome.numbers ?? {}),
            ...(outcome.error === undefined ? {} : { error: outcome.error }),
            child_wall_s: outcome.wall_s,
          } as WorkloadRecord);
        }
      } finally {
        if (database !== undefined) await dropDatabase(database.name);
      }
    }
    records.push(record);
    lines.push(JSON.stringify(record));
    save();
    const summary =
      record.error !== undefined
        ? `ERROR ${record.error.slice(0, 200)}`
        : record.req_per_s !== undefined
          ? `${record.req_per_s} req/s, p99 ${record.latency_p99_ms} ms`
          : `median ${record.median_ms} ms, p95 ${record.p95_ms} ms`;
    console.error(`[${index + 1}/${jobs.length}] ${job.engine} ${job.config} ${job.workload}: ${summary}`);
  }
  rmSync(pgliteTemplate, { recursive: true, force: true });

  const cold = process.env.BENCH_COLD_START === '0' ? [] : coldStart();
  for (const record of cold) lines.push(JSON.stringify(record));
  save();

  const header = [
    `## weft bench, ${started.toISOString()} (BENCH_SCALE=${scale})`,
    '',
    `${meta.cpus} CPUs, load average at start ${loadavg()[0]?.toFixed(2)}; ${Object.entries(versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}.`,
    `Results: ${jsonlPath}`,
  ].join('\n');
  const markdown = markdownReport(header, records, cold);
  writeFileSync(jsonlPath.replace(/\.jsonl$/, '.md'), `${markdown}\n`);
  console.log(markdown);
  const failed = records.filter((r) => r.error !== undefined && r.workload !== 'W4-nostorage');
  if (failed.length > 0) {
    console.error(`${failed.length} job(s) failed.`);
    process.exitCode = 1;
  }
}

await main();
