import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Weft } from '../../../runtime/weft.js';
import { eventually, isAlive } from './mcp-test-helpers.js';

const projectDir = new URL('../../fixtures/mcp/project/', import.meta.url).pathname;

describe('a YAML tool with an mcp executor', () => {
  let weft: Weft;
  const previousToken = process.env.WEFT_TEST_MCP_TOKEN;

  beforeAll(async () => {
    process.env.WEFT_TEST_MCP_TOKEN = 'token-1234';
    weft = await Weft.open(projectDir, { storage: 'memory' });
  });

  afterAll(async () => {
    await weft.close();
    if (previousToken === undefined) delete process.env.WEFT_TEST_MCP_TOKEN;
    else process.env.WEFT_TEST_MCP_TOKEN = previousToken;
  });

  it('runs in a workflow over one server connection, stopped by weft.close()', async () => {
    const doc = await weft.getWorkflow('sum-and-whoami').createRun().start({ a: 19, b: 23 });
    expect(doc.status).toBe('completed');
    const output = doc.output as { sum: number; pid: number; tokenLength: number };
    expect(output.sum).toBe(42);
    expect(output.tokenLength).toBe('token-1234'.length);
    const again = await weft.getWorkflow('sum-and-whoami').createRun().start({ a: 1, b: 1 });
    expect((again.output as { pid: number }).pid).toBe(output.pid);
    expect(isAlive(output.pid)).toBe(true);
    await weft.close();
    await eventually(() => !isAlive(output.pid));
  });
});
