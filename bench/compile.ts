/**
 * The compiler benchmark: `validateProject` and `compile` in-process, and `weft validate` in a
 * fresh process from the compiled `dist/` (run `npm run build` first), on generated projects of
 * 10, 100 and 1,000 manifests. Prints a Markdown table: medians of 5 runs, ms per manifest, and
 * the CLI's peak RSS.
 *
 * @example
 * // npx tsx bench/compile.ts                 (sizes 10,100,1000; 5 runs each)
 * // npx tsx bench/compile.ts --sizes 1000 --runs 9
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compile, validateProject } from '../compiler/index.js';
import { generateProject } from './generate-project.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'weft.js');
const timeBinary = '/usr/bin/time';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,100,1000' },
    runs: { type: 'string', default: '5' },
  },
});
const sizes = (values.sizes ?? '').split(',').map(Number);
const runs = Number(values.runs);

const median = (samples: readonly number[]): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** Median wall time (ms) of `runs` calls, after one warm-up call. */
async function timeInProcess(run: () => Promise<{ ok: boolean }>): Promise<number> {
  const first = await run();
  if (!first.ok) throw new Error('the generated project does not validate');
  const samples: number[] = [];
  for (let index = 0; index < runs; index++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/**
 * One fresh `node bin/weft.js validate dir`: wall ms, and with GNU time the CPU ms (user + system,
 * steadier than wall time on a loaded machine) and peak RSS (KiB).
 */
function runCli(dir: string): { wallMs: number; cpuMs: number | undefined; maxRssKiB: number | undefined } {
  const useTime = existsSync(timeBinary);
  const command = useTime ? timeBinary : process.execPath;
  const args = useTime
    ? ['-f', 'cpu=%U+%S maxrss=%M', process.execPath, bin, 'validate', dir]
    : [bin, 'validate', dir];
  const start = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8' });
  const wallMs = performance.now() - start;
  if (result.status !== 0) throw new Error(`weft validate failed (${result.status}): ${result.stderr}`);
  const rss = /maxrss=(\d+)/.exec(result.stderr)?.[1];
  const cpu = /cpu=([\d.]+)\+([\d.]+)/.exec(result.stderr);
  return {
    wallMs,
    cpuMs: cpu === null ? undefined : (Number(cpu[1]) + Number(cpu[2])) * 1000,
    maxRssKiB: rss === undefined ? undefined : Number(rss),
  };
}

interface Row {
  readonly manifests: number;
  readonly validateMs: number;
  readonly compileMs: number;
  readonly cliMs: number;
  readonly cliCpuMs: number | undefined;
  readonly cliRssMiB: number | undefined;
}

async function measure(size: number): Promise<Row> {
  const dir = await generateProject(size);
  try {
    const validateMs = await timeInProcess(() => validateProject(dir));
    const compileMs = await timeInProcess(() => compile(dir));
    const cli = Array.from({ length: runs }, () => runCli(dir));
    const rss = cli.map((run) => run.maxRssKiB).filter((value): value is number => value !== undefined);
    const cpu = cli.map((run) => run.cpuMs).filter((value): value is number => value !== undefined);
    return {
      manifests: size,
      validateMs,
      compileMs,
      cliMs: median(cli.map((run) => run.wallMs)),
      cliCpuMs: cpu.length === 0 ? undefined : median(cpu),
      cliRssMiB: rss.length === 0 ? undefined : median(rss) / 1024,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const fixed = (value: number, digits: number): string => value.toFixed(digits);

function table(rows: readonly Row[]): string {
  const lines = [
    '| manifests | validateProject ms | ms/manifest | compile ms | ms/manifest | `weft validate` wall ms (fresh process) | ms/manifest | CPU ms (user+sys) | peak RSS MiB |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.manifests} | ${fixed(row.validateMs, 0)} | ${fixed(row.validateMs / row.manifests, 2)} | ${fixed(row.compileMs, 0)} | ${fixed(row.compileMs / row.manifests, 2)} | ${fixed(row.cliMs, 0)} | ${fixed(row.cliMs / row.manifests, 2)} | ${row.cliCpuMs === undefined ? '-' : fixed(row.cliCpuMs, 0)} | ${row.cliRssMiB === undefined ? '-' : fixed(row.cliRssMiB, 0)} |`,
    );
  }
  return lines.join('\n');
}

if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) {
  process.stderr.write('dist/ is missing: run `npm run build` first.\n');
  process.exit(2);
}
const rows: Row[] = [];
for (const size of sizes) {
  process.stderr.write(`measuring ${size} manifests...\n`);
  rows.push(await measure(size));
}
process.stdout.write(
  `${table(rows)}\n\nMedians of ${runs} runs; in-process numbers after one warm-up run (Node ${process.version}).\n`,
);
