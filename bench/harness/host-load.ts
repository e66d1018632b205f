/**
 * W6 (bench/WORKLOADS.md), host throughput: the server in a fresh child process
 * (harness/serve-child.ts) on 127.0.0.1, a random port, and the load from autocannon 8 in a second
 * process: `-c 10 -d 3` warmup, then `-c 10 -d 10` measured (both scaled by BENCH_SCALE: at least
 * 1 s and 2 s), `POST`, `content-type: application/json`, keep-alive, pipelining 1. One request is
 * checked before and after the load (a wrong answer fails the job); any non-2xx, error or timeout
 * fails it too (reported as `error`). Reported: req/s (autocannon's mean of per-second counts),
 * p50/p97.5/p99/max latency (1 ms resolution), the mean latency by Little's law (10 / throughput),
 * the server's CPU ms per request and its peak RSS.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Job } from './jobs.js';
import { round } from './stats.js';
import { benchScale, isSmokeScale } from './workloads.js';

/** What one (server, W6 workload) is asked and must answer. */
interface Target {
  readonly path: string;
  readonly body: unknown;
  readonly check: (json: unknown) => boolean;
}

const echoData = { text: 'hello', n: 1 };
const isEcho = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  (value as { text?: unknown }).text === 'hello' &&
  (value as { n?: unknown }).n === 1;
const weftRunDone = (json: unknown) => {
  const doc = json as { status?: string; output?: { n?: number } };
  return doc.status === 'completed' && doc.output?.n === 10;
};
const mastraRunDone = (json: unknown) => {
  const result = json as { status?: string; result?: { n?: number } };
  return result.status === 'success' && result.result?.n === 10;
};

const targets: Readonly<Record<string, Target>> = {
  'W6a weft memory': {
    path: '/api/tools/echo/execute',
    body: { input: echoData },
    check: (json) => isEcho((json as { output?: unknown }).output),
  },
  'W6a mastra default': { path: '/api/tools/echo/execute', body: { data: echoData }, check: isEcho },
  'W6a fastify bare': { path: '/echo', body: { data: echoData }, check: isEcho },
  'W6a fastify weft': {
    path: '/tool/echo',
    body: { input: echoData },
    check: (json) => isEcho((json as { output?: unknown }).output),
  },
  'W6b weft memory': {
    path: '/api/workflows/w5-chain-10/runs',
    body: { input: { n: 0 }, wait: true },
    check: weftRunDone,
  },
  'W6b weft pglite': {
    path: '/api/workflows/w5-chain-10/runs',
    body: { input: { n: 0 }, wait: true },
    check: weftRunDone,
  },
  'W6b mastra default': {
    path: '/api/workflows/w10/start-async',
    body: { inputData: { n: 0 } },
    check: mastraRunDone,
  },
  'W6b fastify mastra': { path: '/wf/w10', body: { inputData: { n: 0 } }, check: mastraRunDone },
  'W6b fastify weft': { path: '/wf/w10', body: { input: { n: 0 } }, check: weftRunDone },
};

/** The numbers of one W6 job, as written to the JSON lines. */
export interface HostMeasurement {
  readonly req_per_s: number;
  readonly requests_total: number;
  readonly latency_p50_ms: number;
  readonly latency_p97_5_ms: number;
  readonly latency_p99_ms: number;
  readonly latency_max_ms: number;
  readonly little_mean_ms: number;
  readonly cpu_ms_per_req: number;
  readonly peak_rss_mb: number;
  readonly duration_s: number;
  readonly connections: number;
}

interface ServerStats {
  readonly cpu_ms: number;
  readonly peak_rss_mb: number;
}

interface AutocannonResult {
  readonly requests: { readonly mean: number; readonly total: number };
  readonly latency: {
    readonly p50: number;
    readonly p97_5: number;
    readonly p99: number;
    readonly max: number;
  };
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
}

const connections = 10;

function startServer(
  benchDir: string,
  job: Job,
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'harness/serve-child.ts', job.engine, job.config],
    {
      cwd: benchDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not listen within 120 s: ${stderr.slice(-500)}`));
    }, 120_000);
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const line = stdout.split('\n').find((text) => text.startsWith('@@LISTENING '));
      if (line === undefined) return;
      clearTimeout(timer);
      resolve({ child, port: (JSON.parse(line.slice(12)) as { port: number }).port });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited ${code}: ${stderr.trim().split('\n').slice(-6).join(' | ')}`));
    });
  });
}

/** The server's CPU and peak RSS so far (other IPC messages, such as Mastra's `server-ready`, are skipped). */
function statsOf(child: ChildProcess): Promise<ServerStats> {
  return new Promise((resolve) => {
    const listener = (message: unknown) => {
      if (typeof (message as Partial<ServerStats>)?.cpu_ms !== 'number') return;
      child.off('message', listener);
      resolve(message as ServerStats);
    };
    child.on('message', listener);
    child.send('stats');
  });
}

async function checkOnce(url: string, target: Target): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(target.body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok || !target.check(json))
    throw new Error(`wrong answer from ${url}: ${response.status} ${text.slice(0, 300)}`);
}

function autocannon(
  benchDir: string,
  url: string,
  body: unknown,
  seconds: number,
): Promise<AutocannonResult> {
  const args = [
    join(benchDir, 'node_modules', 'autocannon', 'autocannon.js'),
    '-c',
    String(connections),
    '-d',
    String(seconds),
    '-p',
    '1',
    '-m',
    'POST',
    '-H',
    'content-type=application/json',
    '-b',
    JSON.stringify(body),
    '-j',
    url,
  ];
  const child = spawn(process.execPath, args, { cwd: benchDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`autocannon exited ${code}: ${stderr.slice(-300)}`));
        return;
      }
      resolve(JSON.parse(stdout) as AutocannonResult);
    });
  });
}

/** Runs one W6 job (server child + autocannon processes); throws on a wrong answer or any failed request. */
export async function measureHost(
  benchDir: string,
  job: Job,
  env: NodeJS.ProcessEnv,
): Promise<HostMeasurement> {
  const target = targets[`${job.workload} ${job.engine} ${job.config}`];
  if (target === undefined) throw new Error(`no W6 target for ${job.workload} ${job.engine} ${job.config}`);
  const scale = benchScale();
  const warmupS = Math.max(1, Math.round(3 * scale));
  const durationS = Math.max(isSmokeScale() ? 1 : 2, Math.round(10 * scale));
  const { child, port } = await startServer(benchDir, job, env);
  const url = `http://127.0.0.1:${port}${target.path}`;
  try {
    await checkOnce(url, target);
    await autocannon(benchDir, url, target.body, warmupS);
    const before = await statsOf(child);
    const result = await autocannon(benchDir, url, target.body, durationS);
    const after = await statsOf(child);
    await checkOnce(url, target);
    const failed = result.non2xx + result.errors + result.timeouts;
    if (failed > 0)
      throw new Error(
        `${failed} of ${result.requests.total} requests failed (non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`,
      );
    return {
      req_per_s: round(result.requests.mean, 1),
      requests_total: result.requests.total,
      latency_p50_ms: result.latency.p50,
      latency_p97_5_ms: result.latency.p97_5,
      latency_p99_ms: result.latency.p99,
      latency_max_ms: result.latency.max,
      little_mean_ms: round((connections / result.requests.mean) * 1000, 3),
      cpu_ms_per_req: round((after.cpu_ms - before.cpu_ms) / Math.max(1, result.requests.total), 4),
      peak_rss_mb: round(after.peak_rss_mb, 1),
      duration_s: durationS,
      connections,
    };
  } finally {
    child.send('close');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, 15_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
