/**
 * weft side of W1-W5 (bench/WORKLOADS.md): the manifests of `workloads/project/`,
 * loaded and compiled once by `Weft.open` outside the timer; one run = `createRun()` + `start()`
 * in process (no HTTP). W4 resumes the way a second request would: a `Run` for the stored run id,
 * then `resume({ step: 'approve', data: { add: 10 } })`. W3 (configuration `memory` only): one run =
 * `weft.getAgent('w3-agent').generate('What is 2 + 3?')` with the stateless scripted model of
 * `workloads/scripted-models.ts` plugged in through `Weft.open(dir, { resolveModel })`;
 * `W3-openai-http` instead lets the agent's `openai:gpt-4o-mini` resolve to the real
 * `@ai-sdk/openai` client (`OPENAI_BASE_URL`, `OPENAI_API_KEY=test`) against weft's scripted
 * OpenAI-compatible server on 127.0.0.1 (the same script, answered over HTTP in this process).
 *
 * Configurations: `memory` (`Weft.open(dir, { storage: 'memory' })`), `pglite` (the project
 * default, PGlite on disk, in a copy of the project in a temp dir) and `postgres` (a copy whose
 * weft.yaml names `storage: { adapter: postgres, url: ${{ env.WEFT_BENCH_DATABASE_URL }} }`; the
 * harness creates a fresh database per process).
 *
 * The engine is the compiled JavaScript in `<repo>/dist` (the harness builds it when missing or
 * stale); `WEFT_BENCH_SOURCE=1` runs the TypeScript sources instead.
 */
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { countCommits } from './harness/commit-counter.js';
import {
  type AgentAnswer,
  batchSize,
  type PreparedWorkload,
  type PrepareWorkload,
  phaseTimer,
  type WorkloadName,
} from './harness/workloads.js';
import { ScriptedAddModelV3, w3Answer, w3Prompt } from './workloads/scripted-models.js';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoDir = resolve(benchDir, '..');
export const projectDir = join(benchDir, 'workloads', 'project');

/** The engine surface the workloads use (kept structural: the bench does not type-check the engine). */
export interface RunDocument {
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
export interface WorkflowHandle {
  createRun(options?: { runId?: string }): RunHandle;
}
interface AgentHandle {
  generate(prompt: string): Promise<{ readonly text: string }>;
}
export interface WeftInstance {
  getWorkflow(name: string): WorkflowHandle;
  getAgent(name: string): AgentHandle;
  readonly tools: { get(name: string): { execute(input: unknown): Promise<unknown> } };
  readonly storage: object;
  close(deadlineMs?: number): Promise<void>;
}
interface WeftOpenOptions {
  readonly storage?: 'memory';
  readonly resolveModel?: (spec: string) => unknown;
}
interface WeftClass {
  open(dir: string, options?: WeftOpenOptions): Promise<WeftInstance>;
}
/** The scripted OpenAI-compatible server of `weft/testing` (W3-openai-http). */
interface ScriptedRequestLike {
  readonly messages: readonly { readonly role: string; readonly result?: unknown }[];
}
interface TestingModule {
  startScriptedOpenAIServer(options: {
    script: (request: ScriptedRequestLike) => unknown;
    maxRecordedRequests?: number;
  }): Promise<{ readonly url: string; close(): Promise<void> }>;
  callToolThenAnswer(options: {
    tool: string;
    arguments: unknown;
    answer: (result: unknown) => string;
  }): (request: ScriptedRequestLike) => unknown;
}

/** The module weft is imported from: compiled JS (default) or the sources. */
export function weftEntry(): string {
  return process.env.WEFT_BENCH_SOURCE === '1'
    ? join(repoDir, 'runtime', 'index.ts')
    : join(repoDir, 'dist', 'runtime', 'index.js');
}

/** The hosted API (`createHost`), from the same build as `weftEntry`. */
export function hostEntry(): string {
  return process.env.WEFT_BENCH_SOURCE === '1'
    ? join(repoDir, 'runtime', 'host', 'index.ts')
    : join(repoDir, 'dist', 'runtime', 'host', 'index.js');
}

/** `weft/testing` (the scripted OpenAI-compatible server), from the same build as `weftEntry`. */
function testingEntry(): string {
  return process.env.WEFT_BENCH_SOURCE === '1'
    ? join(repoDir, 'runtime', 'public', 'testing.ts')
    : join(repoDir, 'dist', 'runtime', 'public', 'testing.js');
}

const storageSections: Readonly<Record<string, string>> = {
  pglite: 'storage:\n    adapter: pglite\n',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: weft's `${{ }}` manifest expression, not a JS template
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

/**
 * A PGlite data dir made once per bench run and copied into each `pglite` project copy, so every
 * job opens an existing database (~0.3 s) instead of creating one (initdb, ~3 s), outside any
 * timer. `WEFT_BENCH_PGLITE_TEMPLATE` (set by the harness, removed after the run) names where it
 * goes; the first job that needs it creates it there. Without the variable each job creates its own.
 */
async function pgliteTemplate(Weft: WeftClass): Promise<string | undefined> {
  const template = process.env.WEFT_BENCH_PGLITE_TEMPLATE;
  if (template === undefined || template === '') return undefined;
  if (existsSync(template)) return template;
  const made = projectCopy('pglite');
  try {
    const weft = await Weft.open(made.dir);
    await weft.close();
    renameSync(join(made.dir, '.weft', 'data'), template);
  } finally {
    made.cleanup();
  }
  return template;
}

/** Opens the bench project in a configuration (`memory`, `pglite`, `postgres`); `cleanup` removes its temp copy. */
export async function openWeft(
  config: string,
  options: Omit<WeftOpenOptions, 'storage'> = {},
): Promise<{ weft: WeftInstance; cleanup: () => void }> {
  const { Weft } = (await import(pathToFileURL(weftEntry()).href)) as { Weft: WeftClass };
  if (config === 'memory')
    return { weft: await Weft.open(projectDir, { ...options, storage: 'memory' }), cleanup: () => {} };
  const template = config === 'pglite' ? await pgliteTemplate(Weft) : undefined;
  const copy = projectCopy(config);
  if (template !== undefined) cpSync(template, join(copy.dir, '.weft', 'data'), { recursive: true });
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

/** One W3 run: a `generate()` of the agent, with the model calls the counter saw during it. */
function agentWorkload(
  weft: WeftInstance,
  modelCalls: { count: number },
  close: () => Promise<void>,
): PreparedWorkload {
  const agent = weft.getAgent('w3-agent');
  return {
    run: async () => {
      modelCalls.count = 0;
      const { text } = await agent.generate(w3Prompt);
      const output: AgentAnswer = { text, modelCalls: modelCalls.count };
      return { output };
    },
    close,
  };
}

/** W3 through weft's model-provider seam: `resolveModel: () => model` (no HTTP). */
async function agentThroughSeam(config: string): Promise<PreparedWorkload> {
  const model = new ScriptedAddModelV3();
  const { weft, cleanup } = await openWeft(config, { resolveModel: () => model });
  return agentWorkload(weft, model, async () => {
    await weft.close();
    cleanup();
  });
}

/** W3 with the real `@ai-sdk/openai` client against the scripted server over HTTP. */
async function agentOverHttp(config: string): Promise<PreparedWorkload> {
  const testing = (await import(pathToFileURL(testingEntry()).href)) as TestingModule;
  const script = testing.callToolThenAnswer({ tool: 'add', arguments: { a: 2, b: 3 }, answer: w3Answer });
  const modelCalls = { count: 0 };
  const server = await testing.startScriptedOpenAIServer({
    script: (request) => {
      modelCalls.count += 1;
      return script(request);
    },
    maxRecordedRequests: 1,
  });
  process.env.OPENAI_BASE_URL = server.url;
  process.env.OPENAI_API_KEY = 'test';
  const { weft, cleanup } = await openWeft(config);
  return agentWorkload(weft, modelCalls, async () => {
    await weft.close();
    await server.close();
    cleanup();
  });
}

/**
 * Adds `extras` to a prepared workload on SQL storage: the commits of one more (unmeasured) run,
 * `commits_per_run` (see harness/commit-counter.ts); the report divides the median by it.
 */
function withCommitCount(weft: WeftInstance, prepared: PreparedWorkload): PreparedWorkload {
  return {
    ...prepared,
    extras: async (): Promise<Record<string, number>> => {
      const commits = await countCommits(weft.storage, () => prepared.run());
      return commits === undefined ? {} : { commits_per_run: commits };
    },
  };
}

export const prepare: PrepareWorkload = async (config, workload) => {
  if (workload === 'W3' || workload === 'W3-openai-http') {
    if (config !== 'memory') throw new Error(`weft runs ${workload} in configuration "memory" only`);
    return workload === 'W3' ? agentThroughSeam(config) : agentOverHttp(config);
  }
  const { weft, cleanup } = await openWeft(config);
  const close = async () => {
    await weft.close();
    cleanup();
  };
  return withCommitCount(weft, { ...workflowWorkload(weft, workload), close });
};

function workflowWorkload(weft: WeftInstance, workload: WorkloadName): PreparedWorkload {
  switch (workload) {
    case 'W1':
    case 'W1-1step': {
      const workflow = weft.getWorkflow(chains[workload] as string);
      return { run: async () => ({ output: await completed(workflow.createRun().start({ n: 0 })) }) };
    }
    case 'W5': {
      const workflow = weft.getWorkflow('w5-chain-10');
      return {
        run: async () => ({
          output: await Promise.all(
            Array.from({ length: batchSize }, () => completed(workflow.createRun().start({ n: 0 }))),
          ),
        }),
      };
    }
    case 'W2': {
      const workflow = weft.getWorkflow('w2-fan-out');
      return { run: async () => ({ output: await completed(workflow.createRun().start({})) }) };
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
      };
    }
    default:
      throw new Error(`weft has no workload ${workload}`);
  }
}
