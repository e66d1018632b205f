import { afterEach, describe, expect, it } from 'vitest';
import { definePlugin, Weft } from '../../../runtime/index.js';
import type { AgentGraphV1 } from '../../../runtime/spec/v1/graph.js';
import { MemoryStorage } from '../../../runtime/storage/memory-storage.js';
import { mockToolCallModel } from '../../../runtime/testing/mock-models.js';
import { delay, graph, pluginTool, ref, s, workflow } from '../workflow/graph-builders.js';
import { agentDefinition, rejectionOf } from './agent-fixture.js';

let opened: Weft[] = [];
afterEach(async () => {
  await Promise.all(opened.map((weft) => weft.close(200)));
  opened = [];
});

const slowPlugin = definePlugin({
  name: 'test-slow',
  apiVersion: 'v1',
  setup(registry) {
    registry.tool('wait', async (_input: unknown, ctx) => {
      await delay(300);
      ctx.signal.throwIfAborted();
      return {};
    });
  },
});

/** An agent that calls the workflow `workflowName` as a tool on every turn. */
function callerAgent(name: string, workflowName: string, changes: Partial<AgentGraphV1> = {}): AgentGraphV1 {
  return agentDefinition({
    name,
    tools: [],
    agents: [],
    knowledge: [],
    workflows: [workflowName],
    output: undefined,
    ...changes,
  } as Partial<AgentGraphV1>);
}

function open(agents: AgentGraphV1[], workflows: Parameters<typeof graph>[0], toolName: string): Weft {
  const compiled = graph(workflows, [pluginTool('wait')]);
  const weft = new Weft({
    graph: { ...compiled, agents: Object.fromEntries(agents.map((agent) => [agent.name, agent])) },
    storage: new MemoryStorage(),
    plugins: [slowPlugin],
    resolveModel: () => mockToolCallModel([{ toolName, input: {} }]),
  });
  opened.push(weft);
  return weft;
}

const slow = workflow('slow', [s.tool('a', 'wait'), s.tool('b', 'wait'), s.tool('c', 'wait')]);

describe('a workflow used as an agent tool', () => {
  it.each([
    ['the caller aborts', {}, 'RUN_CANCELLED', (controller: AbortController) => controller.abort()],
    ['the agent times out', { timeoutMs: 100 }, 'AGENT_TIMEOUT', () => undefined],
  ] as const)('is cancelled, and the call ends promptly, when %s', async (_name, changes, code, act) => {
    const weft = open([callerAgent('dispatcher', 'slow', changes)], [slow], 'slow');
    await weft.whenReady();
    const cancelled: string[] = [];
    weft.on('run:cancelled', (event) => cancelled.push(event.runId));
    const controller = new AbortController();
    setTimeout(() => act(controller), 100);
    const error = await rejectionOf(
      weft.getAgent('dispatcher').generate('go', { signal: controller.signal }),
    );
    expect(error.code).toBe(code);
    const runs = await weft.storage.listRuns({ workflow: 'slow' });
    expect(runs.items.map((run) => run.status)).toEqual(['cancelled']);
    expect(cancelled).toEqual(runs.items.map((run) => run.id));
    // Promptly: the call ended while the first step was still waiting, so no step completed.
    const journal = await weft.storage.getJournal(runs.items[0]?.id ?? '');
    expect(journal.filter((entry) => entry.status === 'completed').map((entry) => entry.path)).toEqual([]);
  });
});

describe('the agent depth limit across agent -> workflow -> agent', () => {
  it('stops a cycle of an agent calling a workflow that runs the same agent with AGENT_DEPTH_EXCEEDED', async () => {
    const loop = workflow('ask-looper', [s.agent('ask', 'looper', 'Go round once more')], {
      output: ref('steps', 'ask', 'output'),
    });
    const weft = open([callerAgent('looper', 'ask-looper')], [loop], 'ask-looper');
    await weft.whenReady();
    const error = await rejectionOf(weft.getAgent('looper').generate('go'));
    expect(error).toMatchObject({
      code: 'AGENT_DEPTH_EXCEEDED',
      details: { agent: 'looper', callee: 'ask-looper', maxDepth: 5 },
    });
    const runs = await weft.storage.listRuns({ workflow: 'ask-looper' });
    expect(runs.items).toHaveLength(5);
    expect(
      runs.items.every((run) => run.status === 'failed' && run.error?.code === 'AGENT_DEPTH_EXCEEDED'),
    ).toBe(true);
  });
});
