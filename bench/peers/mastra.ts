/**
 * Mastra 0.24.9 side of W1, W2, W4 and W5 (bench/WORKLOADS.md): `createWorkflow` / `createStep`
 * with zod schemas, registered in a `Mastra` instance (`logger: false`, telemetry off); one run =
 * `createRunAsync()` + `start()`. Configurations: `default` (registered in a Mastra instance, no
 * storage; W1/W2/W5), `bare` (the same workflow never registered in a Mastra instance: measured
 * because registration alone makes runs several times slower in 0.24.9), and for W4 `inmemory`
 * (InMemoryStore), `libsql-memory`, `libsql-file` and `nostorage`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Mastra } from '@mastra/core/mastra';
import { InMemoryStore, type MastraStorage } from '@mastra/core/storage';
import { createStep, createWorkflow } from '@mastra/core/workflows';
import { LibSQLStore } from '@mastra/libsql';
import { z } from 'zod';
import {
  batchSize,
  type PreparedWorkload,
  type PrepareWorkload,
  phaseTimer,
  type WorkloadName,
} from '../harness/workloads.js';

const counter = z.object({ n: z.number() });
const branchOutput = z.object({ v: z.number() });

function incStep(id: string) {
  return createStep({
    id,
    inputSchema: counter,
    outputSchema: counter,
    execute: async ({ inputData }) => ({ n: inputData.n + 1 }),
  });
}

function chain(id: string, length: number) {
  let workflow = createWorkflow({ id, inputSchema: counter, outputSchema: counter });
  for (let i = 0; i < length; i += 1) workflow = workflow.then(incStep(`s${i}`));
  workflow.commit();
  return workflow;
}

function fanOut() {
  const start = createStep({
    id: 'start',
    inputSchema: z.object({}),
    outputSchema: z.object({}),
    execute: async () => ({}),
  });
  const branches = Array.from({ length: 50 }, (_, i) =>
    createStep({
      id: `b${i}`,
      inputSchema: z.object({}),
      outputSchema: branchOutput,
      execute: async () => ({ v: i }),
    }),
  );
  const joinInput = z.object(Object.fromEntries(branches.map((_, i) => [`b${i}`, branchOutput])));
  const join = createStep({
    id: 'join',
    inputSchema: joinInput,
    outputSchema: z.object({ sum: z.number() }),
    execute: async ({ inputData }) => {
      let sum = 0;
      for (const output of Object.values(inputData as Record<string, { v: number }>)) sum += output.v;
      return { sum };
    },
  });
  const workflow = createWorkflow({
    id: 'w2',
    inputSchema: z.object({}),
    outputSchema: z.object({ sum: z.number() }),
  })
    .then(start)
    .parallel(branches)
    .then(join);
  workflow.commit();
  return workflow;
}

function suspendResume() {
  const first = incStep('first');
  const approve = createStep({
    id: 'approve',
    inputSchema: counter,
    outputSchema: counter,
    suspendSchema: z.object({ waiting: z.boolean() }),
    resumeSchema: z.object({ add: z.number() }),
    execute: async ({ inputData, resumeData, suspend }) => {
      if (resumeData === undefined) {
        await suspend({ waiting: true });
        return { n: inputData.n };
      }
      return { n: inputData.n + resumeData.add };
    },
  });
  const last = incStep('last');
  const workflow = createWorkflow({ id: 'w4', inputSchema: counter, outputSchema: counter })
    .then(first)
    .then(approve)
    .then(last);
  workflow.commit();
  return workflow;
}

interface Storage {
  readonly store: MastraStorage | undefined;
  readonly cleanup: () => void;
}

function storageFor(config: string): Storage {
  const none = () => {};
  switch (config) {
    case 'default':
    case 'bare':
    case 'nostorage':
      return { store: undefined, cleanup: none };
    case 'inmemory':
      return { store: new InMemoryStore(), cleanup: none };
    case 'libsql-memory':
      return { store: new LibSQLStore({ url: ':memory:' }), cleanup: none };
    case 'libsql-file': {
      const dir = mkdtempSync(join(tmpdir(), 'bench-mastra-'));
      return {
        store: new LibSQLStore({ url: `file:${join(dir, 'mastra.db')}` }),
        cleanup: () => rmSync(dir, { recursive: true, force: true }),
      };
    }
    default:
      throw new Error(`unknown Mastra configuration "${config}"`);
  }
}

/** The Mastra options of every configuration: no logs, deprecated OTel telemetry off, storage if any. */
function mastraOptions(store: MastraStorage | undefined) {
  return {
    logger: false as const,
    telemetry: { enabled: false },
    ...(store === undefined ? {} : { storage: store }),
  };
}

/** A Mastra instance holding `workflows`, or undefined for the `bare` configuration. */
function registered<W extends Record<string, ReturnType<typeof chain> | ReturnType<typeof fanOut>>>(
  config: string,
  workflows: W,
  store: MastraStorage | undefined,
): Mastra<Record<string, never>, Record<string, never>, W> | undefined {
  if (config === 'bare') return undefined;
  return new Mastra({ workflows, ...mastraOptions(store) });
}

type Chain = ReturnType<typeof chain>;

async function runChain(workflow: Chain): Promise<unknown> {
  const run = await workflow.createRunAsync();
  const result = await run.start({ inputData: { n: 0 } });
  if (result.status !== 'success') throw new Error(`run ended ${result.status}`);
  return result.result;
}

export const prepare: PrepareWorkload = async (config, workload: WorkloadName) => {
  const storage = storageFor(config);
  const close = async () => storage.cleanup();
  switch (workload) {
    case 'W1':
    case 'W1-1step':
    case 'W5': {
      const length = workload === 'W1' ? 50 : workload === 'W1-1step' ? 1 : 10;
      const built = chain('chain', length);
      const workflow = registered(config, { chain: built }, storage.store)?.getWorkflow('chain') ?? built;
      if (workload !== 'W5') return { run: async () => ({ output: await runChain(workflow) }), close };
      return {
        run: async () => ({
          output: await Promise.all(Array.from({ length: batchSize }, () => runChain(workflow))),
        }),
        close,
      };
    }
    case 'W2': {
      const built = fanOut();
      const workflow = registered(config, { w2: built }, storage.store)?.getWorkflow('w2') ?? built;
      return {
        run: async () => {
          const run = await workflow.createRunAsync();
          const result = await run.start({ inputData: {} });
          if (result.status !== 'success') throw new Error(`run ended ${result.status}`);
          return { output: result.result };
        },
        close,
      };
    }
    case 'W4':
    case 'W4-nostorage':
    case 'W4-libsql-memory':
    case 'W4-libsql-file':
      return suspendResumeWorkload(
        new Mastra({ workflows: { w4: suspendResume() }, ...mastraOptions(storage.store) }).getWorkflow('w4'),
        close,
      );
  }
};

type SuspendResume = ReturnType<typeof suspendResume>;

function suspendResumeWorkload(workflow: SuspendResume, close: () => Promise<void>): PreparedWorkload {
  return {
    run: async () => {
      const phase = phaseTimer();
      const run = await workflow.createRunAsync();
      const suspended = await run.start({ inputData: { n: 0 } });
      if (suspended.status !== 'suspended') throw new Error(`start ended ${suspended.status}, not suspended`);
      const startToSuspend = phase();
      const again = await workflow.createRunAsync({ runId: run.runId });
      const done = await again.resume({ step: 'approve', resumeData: { add: 10 } });
      if (done.status !== 'success') {
        const reason = done.status === 'failed' ? `: ${String((done as { error?: unknown }).error)}` : '';
        throw new Error(`resume ended ${done.status}${reason}`);
      }
      return {
        output: done.result,
        phases: { start_to_suspend: startToSuspend, resume_to_complete: phase() },
      };
    },
    close,
  };
}
