/**
 * LangGraph 1.7.3 side of W1-W5 (bench/WORKLOADS.md): a `StateGraph` over an
 * `Annotation.Root` state, compiled once; one run = `compiled.invoke()`. W1 passes
 * `recursionLimit: 1000` (the default 25 supersteps is below 50). W4 uses `interrupt()` with a
 * `MemorySaver` checkpointer, a fresh `thread_id` per run, and resumes with
 * `invoke(new Command({ resume }), sameConfig)`. W3: `createReactAgent({ llm, tools: [add] })` with
 * the stateless `ScriptedAddChatModel` (a `BaseChatModel` that emits `tool_calls`; `bindTools`
 * converts the tools to JSON schema once, like a real provider), one run =
 * `invoke({ messages: [{ role: 'user', content }] })`. Configuration: `default` (W4: `memorysaver`).
 */
import { randomUUID } from 'node:crypto';
import type { BaseChatModelCallOptions, BindToolsInput } from '@langchain/core/language_models/chat_models';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage, ToolMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { tool } from '@langchain/core/tools';
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import { Annotation, Command, END, interrupt, MemorySaver, START, StateGraph } from '@langchain/langgraph';
import { createReactAgent } from '@langchain/langgraph/prebuilt';
import { z } from 'zod';
import {
  batchSize,
  type PreparedWorkload,
  type PrepareWorkload,
  phaseTimer,
  type WorkloadName,
} from '../harness/workloads.js';
import { w3Answer, w3Arguments, w3Instructions, w3Prompt } from '../workloads/scripted-models.js';

/** The compiled graph as these workloads use it. */
interface Invokable {
  invoke(input: unknown, config?: Record<string, unknown>): Promise<Record<string, unknown>>;
}

/** The builder calls used here, with node names that are only known at run time. */
interface Builder {
  addNode(name: string, node: (state: never) => Promise<Record<string, unknown>>): Builder;
  addEdge(from: string | string[], to: string): Builder;
  compile(options?: { checkpointer?: MemorySaver }): Invokable;
}

const Counter = Annotation.Root({ n: Annotation<number>() });

const FanOut = Annotation.Root({
  values: Annotation<number[]>({ reducer: (left, right) => left.concat(right), default: () => [] }),
  sum: Annotation<number>(),
});

function builderOf(state: typeof Counter | typeof FanOut): Builder {
  return new StateGraph(state) as unknown as Builder;
}

function chain(length: number): Invokable {
  const graph = builderOf(Counter);
  for (let i = 0; i < length; i += 1)
    graph.addNode(`s${i}`, async (state: { n: number }) => ({ n: state.n + 1 }));
  graph.addEdge(START, 's0');
  for (let i = 1; i < length; i += 1) graph.addEdge(`s${i - 1}`, `s${i}`);
  graph.addEdge(`s${length - 1}`, END);
  return graph.compile();
}

function fanOut(): Invokable {
  const graph = builderOf(FanOut);
  const branches = Array.from({ length: 50 }, (_, i) => `b${i}`);
  graph.addNode('start', async () => ({}));
  for (const [i, name] of branches.entries()) graph.addNode(name, async () => ({ values: [i] }));
  graph.addNode('join', async (state: { values: number[] }) => ({
    sum: state.values.reduce((a, b) => a + b, 0),
  }));
  graph.addEdge(START, 'start');
  for (const name of branches) graph.addEdge('start', name);
  graph.addEdge(branches, 'join');
  graph.addEdge('join', END);
  return graph.compile();
}

function suspendResume(): Invokable {
  const graph = builderOf(Counter);
  graph.addNode('first', async (state: { n: number }) => ({ n: state.n + 1 }));
  graph.addNode('approve', async (state: { n: number }) => {
    const resume = interrupt<{ waiting: boolean }, { add: number }>({ waiting: true });
    return { n: state.n + resume.add };
  });
  graph.addNode('last', async (state: { n: number }) => ({ n: state.n + 1 }));
  graph.addEdge(START, 'first');
  graph.addEdge('first', 'approve');
  graph.addEdge('approve', 'last');
  graph.addEdge('last', END);
  return graph.compile({ checkpointer: new MemorySaver() });
}

interface ScriptedCallOptions extends BaseChatModelCallOptions {
  tools?: ReturnType<typeof convertToOpenAITool>[];
}

/**
 * W3's stateless scripted model as a LangChain chat model: when the last message is not a tool
 * result it answers with one `tool_calls` entry `add({ a: 2, b: 3 })`, otherwise with the text
 * `"The sum is <sum>"`. `bindTools` converts the tools to OpenAI JSON schema once (as a provider
 * does) and binds them as call options.
 */
class ScriptedAddChatModel extends BaseChatModel<ScriptedCallOptions> {
  /** Model calls since the bench last reset it. */
  count = 0;

  _llmType(): string {
    return 'scripted-add';
  }

  override bindTools(tools: BindToolsInput[]) {
    const converted = tools.map((one) => convertToOpenAITool(one));
    return this.withConfig({ tools: converted } as Partial<ScriptedCallOptions>);
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    this.count += 1;
    const last = messages.at(-1);
    const message = ToolMessage.isInstance(last)
      ? new AIMessage({ content: w3Answer(last.content) })
      : new AIMessage({
          content: '',
          tool_calls: [
            { id: `call-${this.count}`, name: 'add', args: { ...w3Arguments }, type: 'tool_call' },
          ],
        });
    return { generations: [{ text: typeof message.content === 'string' ? message.content : '', message }] };
  }
}

/** W3: the prebuilt ReAct agent, built once; one run = one `invoke()`. */
function agentWorkload(): PreparedWorkload {
  const add = tool(async ({ a, b }: { a: number; b: number }) => JSON.stringify({ sum: a + b }), {
    name: 'add',
    description: 'Adds two numbers.',
    schema: z.object({ a: z.number(), b: z.number() }),
  });
  const llm = new ScriptedAddChatModel({});
  const agent = createReactAgent({ llm, tools: [add], prompt: w3Instructions });
  return {
    run: async () => {
      llm.count = 0;
      const state = await agent.invoke({ messages: [{ role: 'user', content: w3Prompt }] });
      const text = state.messages.at(-1)?.content;
      return { output: { text, modelCalls: llm.count } };
    },
  };
}

export const prepare: PrepareWorkload = async (config, workload: WorkloadName) => {
  const expected = workload === 'W4' ? 'memorysaver' : 'default';
  if (config !== expected)
    throw new Error(`LangGraph runs ${workload} in configuration "${expected}" (got "${config}")`);
  switch (workload) {
    case 'W1':
    case 'W1-1step': {
      const graph = chain(workload === 'W1' ? 50 : 1);
      return { run: async () => ({ output: await graph.invoke({ n: 0 }, { recursionLimit: 1000 }) }) };
    }
    case 'W5': {
      const graph = chain(10);
      return {
        run: async () => ({
          output: await Promise.all(Array.from({ length: batchSize }, () => graph.invoke({ n: 0 }))),
        }),
      };
    }
    case 'W3':
      return agentWorkload();
    case 'W2': {
      const graph = fanOut();
      return { run: async () => ({ output: await graph.invoke({}) }) };
    }
    case 'W4': {
      const graph = suspendResume();
      return {
        run: async () => {
          const phase = phaseTimer();
          const config = { configurable: { thread_id: randomUUID() } };
          const suspended = await graph.invoke({ n: 0 }, config);
          if (suspended.__interrupt__ === undefined) throw new Error('start did not suspend');
          const startToSuspend = phase();
          const done = await graph.invoke(new Command({ resume: { add: 10 } }), config);
          return { output: done, phases: { start_to_suspend: startToSuspend, resume_to_complete: phase() } };
        },
      };
    }
    default:
      throw new Error(`LangGraph has no workload ${workload}`);
  }
};
