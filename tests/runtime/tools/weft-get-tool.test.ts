import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WeftError } from '../../../runtime/errors/weft-error.js';
import { createTool } from '../../../runtime/tools/create-tool.js';
import { Weft } from '../../../runtime/weft.js';

const definitions = new URL('../../../definitions/', import.meta.url).pathname;
let weft: Weft;

beforeAll(async () => {
  weft = await Weft.open(definitions, { storage: 'memory' });
});
afterAll(async () => weft.close());

describe('weft.getTool', () => {
  it('runs a YAML tool through its plugin executor', async () => {
    const output = await weft.getTool('lookup-order').execute({ orderId: 'o-1' });
    expect(output).toMatchObject({ orderId: 'o-1', total: expect.any(Number), currency: expect.any(String) });
  });

  it('a bad input is a ValidationError with the field path', async () => {
    const error = await weft
      .getTool('lookup-order')
      .execute({ orderId: '' })
      .catch((e: unknown) => e);
    expect(WeftError.isInstance(error) && [error.name, error.code, error.details?.pointer]).toEqual([
      'ValidationError',
      'TOOL_INPUT_INVALID',
      '/orderId',
    ]);
  });

  it('an unknown tool is TOOL_NOT_FOUND', () => {
    expect(() => weft.getTool('lookup-ordr')).toThrow(expect.objectContaining({ code: 'TOOL_NOT_FOUND' }));
  });

  it('weft.on sees the tool events of workflow steps and direct calls', async () => {
    const seen: string[] = [];
    const off = weft.on('tool:complete', (event) => seen.push(`${event.tool}:${event.runId ?? 'direct'}`));
    await weft.getTool('square').execute({ n: 3 });
    const run = await weft.getWorkflow('fan-out-sum').createRun().start({ n: 2 });
    off();
    expect(run.status).toBe('completed');
    expect(seen[0]).toBe('square:direct');
    expect(seen.filter((s) => s === `square:${run.runId}`)).toHaveLength(2);
  });
});

describe('weft.addTool', () => {
  it('adds a code-first tool that getTool then returns; a taken name is TOOL_DUPLICATE', async () => {
    const greet = createTool({
      name: 'greet',
      description: 'Greets someone.',
      schema: z.object({ who: z.string() }),
      outputSchema: z.object({ text: z.string() }),
      executor: async ({ who }) => ({ text: `hello ${who}` }),
    });
    weft.addTool(greet);
    expect(await weft.getTool('greet').execute({ who: 'ada' })).toEqual({ text: 'hello ada' });
    expect(() => weft.addTool(greet)).toThrow(expect.objectContaining({ code: 'TOOL_DUPLICATE' }));
    const clash = createTool({
      name: 'lookup-order',
      description: 'Clash.',
      schema: z.object({}),
      executor: () => ({}),
    });
    expect(() => weft.addTool(clash)).toThrow(expect.objectContaining({ code: 'TOOL_DUPLICATE' }));
  });
});
