/**
 * weft side of W1, W2, W4 and W5 (bench/WORKLOADS.md): the manifests of `workloads/project/`,
 * loaded and compiled once by `Weft.open` outside the timer; one run = `createRun()` + `start()`
 * in process (no HTTP). W4 resumes the way a second request would: a `Run` for the stored run id,
 * then `resume({ step: 'approve', data: { add: 10 } })`.
 *
 * Configurations: `memory` (`Weft.open(dir, { storage: 'memory' })`), `pglite` (the project
 * default, PGlite on disk, in a copy of the project in a temp dir) and `postgres` (a copy whose
 * weft.yaml names `storage: { adapter: postgres, url: ${{ env.WEFT_BENCH_DATABASE_URL }} }`; the
 * harness creates a fresh database per process).
 *
 * The engine is the compiled JavaScript in `<repo>/dist` (the harness builds it when missing or
 * stale); `WEFT_BENCH_SOURCE=1` runs the TypeScript sources instead.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { batchSize, type PrepareWorkload, phaseTimer, type WorkloadName } from './harness/workloads.js';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoDir = resolve(benchDir, '..');
export const projectDir = join(benchDir, 'workloads', 'project');

/** The engine surface the workloads use (kept structural: the bench does not type-check the engine). */
interface RunDocument {
  readonly runId: string;
  readonly status: string;
  readonly output?: unknown;
  readonly error?: unknown;
}
interface RunHandle {
  readonly runId: string;
  start(input: unknown): Promise<RunDocument>;
  resume(request: { step?: string; data: unknown }): Promise<RunDocument>;
}
interface WorkflowHandle {
  createRun(options?: { runId?: string }): RunHandle;
}
interface WeftInstance {
  getWorkflow(name: string): WorkflowHandle;
  close(deadlineMs?: number): Promise<void>;
}
interface WeftClass {
  open(dir: string, options?: { storage?: 'memory' }): Promise<WeftInstance>;
}

/** The module weft is imported from: compiled JS (default) or the sources. */
export function weftEntry(): string {
  return process.env.WEFT_BENCH_SOURCE === '1'
    ? join(repoDir, 'runtime', 'index.ts')
    : join(repoDir, 'dist', 'runtime', 'index.js');
}

const storageSections: Readonly<Record<string, string>> = {
  pglite: 'storage:\n    adapter: pglite\n',
  postgres: 'storage:\n    adapter: postgres\n    url: ${{ env.WEFT_BENCH_DATABASE_URL }}\n',
};

/** A copy of the project in a temp dir whose weft.yaml names the configuration's storage. */
function projectCopy(config: string): { dir: string; cleanup: () => void } {
  const section = storageSections[config];
  if (section === undefined)
    throw new Error(`unknown weft configuration "${config}" (memory, pglite, postgres)`);
  if (config === 'postgres' && !process.env.WEFT_BENCH_DATABASE_URL) {
    throw new Error('the postgres configuration needs WEFT_BENCH_DATABASE_URL');
  }
  const dir = mkdtempSync(join(tmpdir(), `bench-weft-${config}-`));
  cpSync(projectDir, dir, { recursive: true, filter: (source) => !source.includes(`${projectDir}/.weft`) });
  writeFileSync(
    join(dir, 'weft.yaml'),
    `apiVersion: weft/v1\nkind: Project\nmetadata:\n  name: weft-bench\nspec:\n  ${section}  plugins:\n    - ./plugins/steps.ts\n`,
  );
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function openWeft(config: string): Promise<{ weft: WeftInstance; cleanup: () => void }> {
  const { Weft } = (await import(pathToFileURL(weftEntry()).href)) as { Weft: WeftClass };
  if (config === 'memory')
    return { weft: await Weft.open(projectDir, { storage: 'memory' }), cleanup: () => {} };
  const copy = projectCopy(config);
  return { weft: await Weft.open(copy.dir), cleanup: copy.cleanup };
}

async function completed(run: Promise<RunDocument>): Promise<unknown> {
  const doc = await run;
  if (doc.status !== 'completed')
    throw new Error(`run ${doc.runId} ended ${doc.status}: ${JSON.stringify(doc.error)}`);
  return doc.output;
}

const chains: Partial<Record<WorkloadName, string>> = {
  W1: 'w1-chain-50',
  'W1-1step': 'w1-chain-1',
  W5: 'w5-chain-10',
};

export const prepare: PrepareWorkload = async (config, workload) => {
  const { weft, cleanup } = await openWeft(config);
  const close = async () => {
    await weft.close();
    cleanup();
  };
  switch (workload) {
    case 'W1':
    case 'W1-1step': {
      const workflow = weft.getWorkflow(chains[workload] as string);
      return { run: async () => ({ output: await completed(workflow.createRun().start({ n: 0 })) }), close };
    }
    case 'W5': {
      const workflow = weft.getWorkflow('w5-chain-10');
      return {
        run: async () => ({
          output: await Promise.all(
            Array.from({ length: batchSize }, () => completed(workflow.createRun().start({ n: 0 }))),
          ),
        }),
        close,
      };
    }
    case 'W2': {
      const workflow = weft.getWorkflow('w2-fan-out');
      return { run: async () => ({ output: await completed(workflow.createRun().start({})) }), close };
    }
    case 'W4': {
      const workflow = weft.getWorkflow('w4-suspend');
      return {
        run: async () => {
          const phase = phaseTimer();
          const suspended = await workflow.createRun().start({ n: 0 });
          if (suspended.status !== 'suspended')
            throw new Error(`start ended ${suspended.status}, not suspended`);
          const startToSuspend = phase();
          const output = await completed(
            workflow.createRun({ runId: suspended.runId }).resume({ step: 'approve', data: { add: 10 } }),
          );
          return { output, phases: { start_to_suspend: startToSuspend, resume_to_complete: phase() } };
        },
        close,
      };
    }
    default:
      throw new Error(`weft has no workload ${workload}`);
  }
};
