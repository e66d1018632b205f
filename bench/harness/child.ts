/**
 * One (engine, configuration, workload) in a fresh process:
 * `node --expose-gc --import tsx harness/child.ts <engine> <config> <workload>`.
 * Prepares the workload (build/compile, storage) outside any timer, measures it, and prints one
 * result line `@@RESULT {json}` on stdout. Exits 1 when a result is wrong or the engine fails.
 * W7/W8 go through `prepareMemory` / `prepareVectors` of the engine's data module and
 * harness/measure-data.ts; the others through `prepare` and harness/measure.ts.
 */
import type { PrepareMemory, PrepareVectors } from './data-workloads.js';
import { expectFailure, measure } from './measure.js';
import { measureMemory, measureVectors } from './measure-data.js';
import { exactSearchWorkload } from './vector-data.js';
import type { PrepareWorkload, WorkloadName } from './workloads.js';

const engineModules: Readonly<Record<string, string>> = {
  mastra: '../peers/mastra.js',
  langgraph: '../peers/langgraph.js',
  weft: '../weft.js',
};

const dataModules: Readonly<Record<string, string>> = {
  mastra: '../peers/mastra-data.js',
  weft: '../weft-data.js',
};

async function dataWorkload(engine: string, config: string, workload: 'W7' | 'W8'): Promise<unknown> {
  if (engine === 'js' && workload === 'W8') return measureVectors(exactSearchWorkload());
  const modulePath = dataModules[engine];
  if (modulePath === undefined) throw new Error(`no ${workload} for engine ${engine}`);
  const module = (await import(modulePath)) as {
    prepareMemory?: PrepareMemory;
    prepareVectors?: PrepareVectors;
  };
  if (workload === 'W7') {
    if (module.prepareMemory === undefined) throw new Error(`${engine} has no W7 (prepareMemory)`);
    const memory = await module.prepareMemory(config);
    try {
      return await measureMemory(memory);
    } finally {
      await memory.close();
    }
  }
  if (module.prepareVectors === undefined) throw new Error(`${engine} has no W8 (prepareVectors)`);
  const store = await module.prepareVectors(config);
  try {
    return await measureVectors(store);
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const [engine, config, workload] = process.argv.slice(2) as [string, string, WorkloadName];
  if (engine === undefined || config === undefined || workload === undefined) {
    throw new Error('usage: child.ts <mastra|langgraph|weft|js> <config> <workload>');
  }
  if (workload === 'W7' || workload === 'W8') {
    const numbers = await dataWorkload(engine, config, workload);
    process.stdout.write(`@@RESULT ${JSON.stringify(numbers)}\n`);
    return;
  }
  const modulePath = engineModules[engine];
  if (modulePath === undefined) throw new Error(`unknown engine ${engine}`);
  const { prepare } = (await import(modulePath)) as { prepare: PrepareWorkload };
  const prepared = await prepare(config, workload);
  try {
    const numbers =
      workload === 'W4-nostorage' ? await expectFailure(prepared) : await measure(workload, prepared);
    const extras = workload === 'W4-nostorage' ? undefined : await prepared.extras?.();
    process.stdout.write(`@@RESULT ${JSON.stringify({ ...numbers, ...extras })}\n`);
  } finally {
    await prepared.close?.();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
