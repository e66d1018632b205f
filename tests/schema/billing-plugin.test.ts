import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { PluginRegistry } from '../../runtime/plugins/plugin-registry.js';
import type { ToolContextV1 } from '../../runtime/spec/v1/tool-executor.js';
import { definitionFiles } from './definition-files.js';

type Executor = (input: unknown, context: ToolContextV1) => Promise<unknown>;

async function loadTools(): Promise<Map<string, Executor>> {
  const module = await import('../../definitions/plugins/billing.js');
  const registry = new PluginRegistry();
  await registry.install(module.default);
  const tools = new Map<string, Executor>();
  for (const name of registry.toolNames()) {
    const executor = registry.tool(name) as Executor | undefined;
    if (executor !== undefined) tools.set(name, async (input, context) => executor(input, context));
  }
  return tools;
}

const logger = { debug() {}, info() {}, warn() {}, error() {} };
const context = (attempt = 1, signal = new AbortController().signal) => ({
  idempotencyKey: `run:step:${attempt}`,
  signal,
  logger,
  attempt,
  secrets: {},
});

async function call(name: string, input: unknown, ctx = context()): Promise<unknown> {
  const executor = (await loadTools()).get(name);
  if (executor === undefined) throw new Error(`no executor ${name}`);
  return executor(input, ctx);
}

function outputSchemaOf(tool: string): Record<string, unknown> {
  const file = definitionFiles().find(
    (f) => f.value.kind === 'Tool' && (f.value.metadata as { name: string }).name === tool,
  );
  if (file === undefined) throw new Error(`no tool manifest ${tool}`);
  return (file.value.spec as { output: Record<string, unknown> }).output;
}

describe('the billing plugin of the example project', () => {
  it('registers an executor for every plugin tool of the project', async () => {
    const pluginTools = definitionFiles()
      .filter((file) => file.value.kind === 'Tool' && 'plugin' in (file.value.spec as object))
      .map((file) => (file.value.spec as { plugin: string }).plugin)
      .sort();
    expect([...(await loadTools()).keys()].sort()).toEqual(pluginTools);
  });

  it.each([
    ['lookup-order', { orderId: 'A-1001' }],
    ['charge-card', { orderId: 'A-1001', amount: 42.5 }],
    ['refund', { orderId: 'A-1001' }],
    ['square', { n: 12 }],
    ['slow-step', { index: 3 }],
  ])('%s returns what its tool output schema promises', async (tool, input) => {
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(outputSchemaOf(tool));
    const output = await call(tool, input);
    expect(validate(output), JSON.stringify(validate.errors)).toBe(true);
  });

  it('looks the same order up the same way every time', async () => {
    const first = await call('lookup-order', { orderId: 'A-1001' });
    expect(await call('lookup-order', { orderId: 'A-1001' })).toEqual(first);
    expect(await call('lookup-order', { orderId: 'B-2002' })).not.toEqual(first);
  });

  it('squares and charges', async () => {
    expect(await call('square', { n: 7 })).toEqual({ value: 49 });
    expect(await call('charge-card', { orderId: 'A-1', amount: 10 })).toMatchObject({ status: 'charged' });
  });

  it('fails flaky on attempts 1 and 2, then reports the attempt', async () => {
    await expect(call('flaky', {}, context(1))).rejects.toThrow('flaky: attempt 1');
    await expect(call('flaky', {}, context(2))).rejects.toThrow('flaky: attempt 2');
    expect(await call('flaky', {}, context(3))).toEqual({ attempts: 3 });
  });

  it('stops slow-step when its signal aborts', async () => {
    const controller = new AbortController();
    const pending = call('slow-step', { index: 1 }, context(1, controller.signal));
    controller.abort(new Error('cancelled'));
    await expect(pending).rejects.toThrow('cancelled');
  });
});
