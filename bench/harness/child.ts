/**
 * One (engine, configuration, workload) in a fresh process:
 * `node --expose-gc --import tsx harness/child.ts <engine> <config> <workload>`.
 * Prepares the workload (build/compile, storage) outside any timer, measures it, and prints one
 * result line `@@RESULT {json}` on stdout. Exits 1 when a result is wrong or the engine fails.
 */
import { expectFailure, measure } from './measure.js';
import type { PrepareWorkload, WorkloadName } from './workloads.js';

const engineModules: Readonly<Record<string, string>> = {
  mastra: '../peers/mastra.js',
  langgraph: '../peers/langgraph.js',
  weft: '../weft.js',
};

async function main(): Promise<void> {
  const [engine, config, workload] = process.argv.slice(2) as [string, string, WorkloadName];
  const modulePath = engineModules[engine];
  if (modulePath === undefined || config === undefined || workload === undefined) {
    throw new Error('usage: child.ts <mastra|langgraph|weft> <config> <workload>');
  }
  const { prepare } = (await import(modulePath)) as { prepare: PrepareWorkload };
  const prepared = await prepare(config, workload);
  try {
    const numbers =
      workload === 'W4-nostorage' ? await expectFailure(prepared) : await measure(workload, prepared);
    process.stdout.write(`@@RESULT ${JSON.stringify(numbers)}\n`);
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
