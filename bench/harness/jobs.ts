/**
 * Which (engine, configuration, workload) the bench runs, in order. Filters from the environment:
 * BENCH_ENGINES=weft,mastra  BENCH_CONFIGS=memory,default  BENCH_WORKLOADS=W1,W4
 */
import { isSmokeScale, type WorkloadName } from './workloads.js';

export interface Job {
  readonly engine: 'mastra' | 'langgraph' | 'weft' | 'fastify' | 'js';
  readonly config: string;
  readonly workload: WorkloadName;
}

const plain: WorkloadName[] = ['W1', 'W1-1step', 'W2'];

function all(): Job[] {
  const jobs: Job[] = [];
  for (const workload of plain) {
    jobs.push({ engine: 'mastra', config: 'default', workload });
    jobs.push({ engine: 'mastra', config: 'bare', workload });
    jobs.push({ engine: 'mastra', config: 'libsql-file', workload });
    jobs.push({ engine: 'langgraph', config: 'default', workload });
    for (const config of ['memory', 'pglite', 'postgres']) jobs.push({ engine: 'weft', config, workload });
  }
  jobs.push(
    { engine: 'mastra', config: 'default', workload: 'W3' },
    { engine: 'mastra', config: 'bare', workload: 'W3' },
    { engine: 'langgraph', config: 'default', workload: 'W3' },
    { engine: 'weft', config: 'memory', workload: 'W3' },
    { engine: 'weft', config: 'memory', workload: 'W3-openai-http' },
  );
  jobs.push(
    { engine: 'mastra', config: 'inmemory', workload: 'W4' },
    { engine: 'mastra', config: 'libsql-memory', workload: 'W4-libsql-memory' },
    { engine: 'mastra', config: 'libsql-file', workload: 'W4-libsql-file' },
    { engine: 'mastra', config: 'nostorage', workload: 'W4-nostorage' },
    { engine: 'langgraph', config: 'memorysaver', workload: 'W4' },
  );
  for (const config of ['memory', 'pglite', 'postgres'])
    jobs.push({ engine: 'weft', config, workload: 'W4' });
  jobs.push(
    { engine: 'mastra', config: 'default', workload: 'W5' },
    { engine: 'mastra', config: 'bare', workload: 'W5' },
    { engine: 'langgraph', config: 'default', workload: 'W5' },
  );
  for (const config of ['memory', 'pglite', 'postgres'])
    jobs.push({ engine: 'weft', config, workload: 'W5' });
  // The extra W6 servers (weft's and Mastra's engines behind a bare Fastify route) only in full runs.
  const extra = !isSmokeScale();
  jobs.push(
    { engine: 'fastify', config: 'bare', workload: 'W6a' },
    { engine: 'mastra', config: 'default', workload: 'W6a' },
    { engine: 'weft', config: 'memory', workload: 'W6a' },
    ...(extra ? [{ engine: 'fastify', config: 'weft', workload: 'W6a' } as const] : []),
    { engine: 'mastra', config: 'default', workload: 'W6b' },
    ...(extra ? [{ engine: 'fastify', config: 'mastra', workload: 'W6b' } as const] : []),
    { engine: 'weft', config: 'memory', workload: 'W6b' },
    { engine: 'weft', config: 'pglite', workload: 'W6b' },
    ...(extra ? [{ engine: 'fastify', config: 'weft', workload: 'W6b' } as const] : []),
    { engine: 'mastra', config: 'libsql-file', workload: 'W7' },
    { engine: 'weft', config: 'memory', workload: 'W7' },
    { engine: 'weft', config: 'pglite', workload: 'W7' },
    { engine: 'js', config: 'exact', workload: 'W8' },
    { engine: 'mastra', config: 'libsql-file', workload: 'W8' },
    { engine: 'weft', config: 'memory', workload: 'W8' },
    { engine: 'weft', config: 'pglite', workload: 'W8' },
  );
  return jobs;
}

function listFrom(name: string): string[] | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  return raw.split(',').map((item) => item.trim());
}

/** The jobs after the BENCH_ENGINES / BENCH_CONFIGS / BENCH_WORKLOADS filters. */
export function selectedJobs(): Job[] {
  const engines = listFrom('BENCH_ENGINES');
  const configs = listFrom('BENCH_CONFIGS');
  const workloads = listFrom('BENCH_WORKLOADS');
  return all().filter(
    (job) =>
      (engines === undefined || engines.includes(job.engine)) &&
      (configs === undefined || configs.includes(job.config)) &&
      (workloads === undefined ||
        workloads.includes(job.workload) ||
        workloads.includes(job.workload.split('-')[0] as string) ||
        (job.workload.startsWith('W6') && workloads.includes('W6'))),
  );
}

/** True for the W6 jobs, which run a server and autocannon (harness/host-load.ts) instead of harness/child.ts. */
export function isHostJob(job: Job): boolean {
  return job.workload === 'W6a' || job.workload === 'W6b';
}

/** The workload a row is compared under (W3 and W4 variants are compared as W3 / W4). */
export function comparedAs(workload: WorkloadName): string {
  if (workload.startsWith('W3')) return 'W3';
  return workload.startsWith('W4') ? 'W4' : workload;
}
