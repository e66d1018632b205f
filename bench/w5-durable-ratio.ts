/**
 * weft's durable W5 against its in-memory W5, measured as a ratio in ONE process: the bench
 * project opened twice (`memory` and `pglite`, the project default: PGlite on disk), one warmup
 * batch each, then `W5_ROUNDS` rounds (default 10) of one batch in each configuration, the order
 * flipped every round (memory first, then PGlite first, ...), `gc()` before every batch. Each
 * round gives one ratio (PGlite batch / memory batch, wall and CPU) taken under the same machine
 * conditions, which `npm run bench` cannot give: there each configuration runs in its own process
 * and the machine's load moves between them (batch medians 10-15 % apart for the same build).
 * Both instances share the heap of the process, so each batch is slower than alone, the in-memory
 * one most (104-130 ms here against 81-96 ms alone on a quiet host): this ratio reads lower than
 * the harness's (ADR 0022), which is the one the target is checked against.
 *
 * Every batch is checked as in the harness (1,000 runs, each output `{ n: 10 }`).
 *
 * Run: `cd bench && npm run w5-ratio` (`W5_ROUNDS=20 npm run w5-ratio` for more rounds).
 */
import { median, nearestRank } from './harness/stats.js';
import { batchSize, workloadPlan } from './harness/workloads.js';
import { prepare } from './weft.js';

type Config = 'memory' | 'pglite';

const rounds = Number(process.env.W5_ROUNDS ?? 10);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('W5_ROUNDS must be a positive integer');
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc (npm run w5-ratio does)');

const check = workloadPlan('W5').check;
const workloads = { memory: await prepare('memory', 'W5'), pglite: await prepare('pglite', 'W5') };

/** One checked batch: wall ms and process CPU ms (user + system, all threads). */
async function batch(config: Config): Promise<{ wall: number; cpu: number }> {
  gc?.();
  const cpuBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  const { output } = await workloads[config].run();
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  check(output);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

await batch('memory');
await batch('pglite');
const rows: { memory: number; pglite: number; ratio: number; cpuRatio: number }[] = [];
for (let round = 0; round < rounds; round += 1) {
  const order: Config[] = round % 2 === 0 ? ['memory', 'pglite'] : ['pglite', 'memory'];
  const times: Partial<Record<Config, { wall: number; cpu: number }>> = {};
  for (const config of order) times[config] = await batch(config);
  const memory = times.memory ?? { wall: Number.NaN, cpu: Number.NaN };
  const pglite = times.pglite ?? { wall: Number.NaN, cpu: Number.NaN };
  rows.push({
    memory: memory.wall,
    pglite: pglite.wall,
    ratio: pglite.wall / memory.wall,
    cpuRatio: pglite.cpu / memory.cpu,
  });
}
for (const workload of Object.values(workloads)) await workload.close?.();

const fixed = (value: number, digits = 1) => value.toFixed(digits);
console.log(
  `W5 (${batchSize} concurrent 10-step runs), PGlite on disk / in-memory, one process, ${rounds} rounds`,
);
console.log('| round | memory ms | pglite ms | ratio | CPU ratio |');
console.log('| ---: | ---: | ---: | ---: | ---: |');
rows.forEach((row, index) => {
  console.log(
    `| ${index + 1} | ${fixed(row.memory)} | ${fixed(row.pglite)} | ${fixed(row.ratio, 2)}x | ${fixed(row.cpuRatio, 2)}x |`,
  );
});
const ratios = rows.map((row) => row.ratio);
const cpuRatios = rows.map((row) => row.cpuRatio);
console.log(
  `median ratio ${fixed(median(ratios), 2)}x (p25 ${fixed(nearestRank(ratios, 25), 2)}x, p75 ${fixed(nearestRank(ratios, 75), 2)}x, max ${fixed(Math.max(...ratios), 2)}x), median CPU ratio ${fixed(median(cpuRatios), 2)}x; rounds at 2x or more: ${ratios.filter((ratio) => ratio >= 2).length} of ${rounds}`,
);
console.log(
  `median batch: memory ${fixed(median(rows.map((row) => row.memory)))} ms, pglite ${fixed(median(rows.map((row) => row.pglite)))} ms`,
);
