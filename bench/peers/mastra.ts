/**
 * Mastra 0.24.9 side of W1-W5 (bench/WORKLOADS.md): `createWorkflow` / `createStep`
 * with zod schemas, registered in a `Mastra` instance (`logger: false`, telemetry off); one run =
 * `createRunAsync()` + `start()`. Configurations: `default` (registered in a Mastra instance, no
 * storage; W1/W2/W5), `bare` (the same workflow never registered in a Mastra instance: measured
 * because registration alone makes runs several times slower in 0.24.9), and for W4 `inmemory`
 * (InMemoryStore), `libsql-memory`, `libsql-file` and `nostorage`. W3: an `Agent` with the tool
 * `add` (`createTool`, zod schemas) and the stateless `ScriptedAddModelV2` (`LanguageModelV2`,
 * `doGenerate` and `doStream`), one run = `agent.generate(msg, { maxSteps: 5 })`; `default`
 * registers the agent in a Mastra instance, `bare` does not.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  LanguageModelV2,
  LanguageModelV2CallOptions,
  LanguageModelV2Content,
  LanguageModelV2StreamPart,
} from '@ai-sdk/provider-v5';
import { Agent } from '@mastra/core/agent';
import { Mastra } from '@mastra/core/mastra';
import { InMemoryStore, type MastraStorage } from '@mastra/core/storage';
import { createTool } from '@mastra/core/tools';
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
import { w3Arguments, w3Decision, w3Instructions, w3Prompt } from '../workloads/scripted-models.js';

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

/** The W1 chain of `length` steps as a committed Mastra workflow (also W5's and W6b's `w10`). */
export function chainWorkflow(id: string, length: number) {
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

const usageV2 = { inputTokens: 10, outputTokens: 5, totalTokens: 15 };

/**
 * W3's stateless scripted model as a `LanguageModelV2` (the AI SDK v5 path of Mastra): the shape of
 * `MockLanguageModelV2` without its `msw` import and without recording every call's options.
 */
class ScriptedAddModelV2 implements LanguageModelV2 {
  readonly specificationVersion = 'v2';
  readonly provider = 'bench';
  readonly modelId = 'scripted-add';
  readonly supportedUrls = {};
  /** Model calls since the bench last reset it. */
  count = 0;

  private turn(options: LanguageModelV2CallOptions) {
    this.count += 1;
    const text = w3Decision(options.prompt);
    if (text !== undefined)
      return { content: [{ type: 'text', text }] as LanguageModelV2Content[], finishReason: 'stop' as const };
    const call: LanguageModelV2Content = {
      type: 'tool-call',
      toolCallId: `call-${this.count}`,
      toolName: 'add',
      input: JSON.stringify(w3Arguments),
    };
    return { content: [call], finishReason: 'tool-calls' as const };
  }

  async doGenerate(options: LanguageModelV2CallOptions) {
    return { ...this.turn(options), usage: usageV2, warnings: [] };
  }

  async doStream(options: LanguageModelV2CallOptions) {
    const { content, finishReason } = this.turn(options);
    const parts: LanguageModelV2StreamPart[] = [{ type: 'stream-start', warnings: [] }];
    for (const part of content) {
      if (part.type === 'text') {
        parts.push({ type: 'text-start', id: 't0' });
        parts.push({ type: 'text-delta', id: 't0', delta: part.text });
        parts.push({ type: 'text-end', id: 't0' });
      } else if (part.type === 'tool-call') parts.push(part);
    }
    parts.push({ type: 'finish', finishReason, usage: usageV2 });
    return {
      stream: new ReadableStream<LanguageModelV2StreamPart>({
        start(controller) {
          for (const part of parts) controller.enqueue(part);
          controller.close();
        },
      }),
    };
  }
}

/** W3: the agent (registered in a Mastra instance unless `bare`), one run = one `generate()`. */
function agentWorkload(config: string, close: () => Promise<void>): PreparedWorkload {
  if (config !== 'default' && config !== 'bare')
    throw new Error(`Mastra runs W3 in configuration "default" or "bare" (got "${config}")`);
  const add = createTool({
    id: 'add',
    description: 'Adds two numbers.',
    inputSchema: z.object({ a: z.number(), b: z.number() }),
    outputSchema: z.object({ sum: z.number() }),
    execute: async ({ context }) => ({ sum: context.a + context.b }),
  });
  const model = new ScriptedAddModelV2();
  const built = new Agent({ name: 'w3-agent', instructions: w3Instructions, model, tools: { add } });
  const agent =
    config === 'bare'
      ? built
      : new Mastra({ agents: { w3: built }, ...mastraOptions(undefined) }).getAgent('w3');
  return {
    run: async () => {
      model.count = 0;
      const result = await agent.generate(w3Prompt, { maxSteps: 5 });
      return { output: { text: result.text, modelCalls: model.count } };
    },
    close,
  };
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
function registered<W extends Record<string, ReturnType<typeof chainWorkflow> | ReturnType<typeof fanOut>>>(
  config: string,
  workflows: W,
  store: MastraStorage | undefined,
): Mastra<Record<string, never>, Record<string, never>, W> | undefined {
  if (config === 'bare') return undefined;
  return new Mastra({ workflows, ...mastraOptions(store) });
}

type Chain = ReturnType<typeof chainWorkflow>;

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
      const built = chainWorkflow('chain', length);
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
    case 'W3':
      return agentWorkload(config, close);
    case 'W3-openai-http':
      throw new Error('Mastra has no workload W3-openai-http');
    case 'W4':
    case 'W4-nostorage':
    case 'W4-libsql-memory':
    case 'W4-libsql-file':
      return suspendResumeWorkload(
        new Mastra({ workflows: { w4: suspendResume() }, ...mastraOptions(storage.store) }).getWorkflow('w4'),
        close,
      );
    default:
      throw new Error(`Mastra has no workload ${workload} here`);
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
