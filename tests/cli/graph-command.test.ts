import { describe, expect, it, vi } from 'vitest';
import type { CliIo } from '../../cli/cli-io.js';
import type { CompiledGraphV1 } from '../../runtime/spec/v1/graph.js';

// The graph command over a compiled project; the compiler itself has its own suites.
const any = { type: 'object' } as const;
const graph = {
  specificationVersion: 'v1',
  workflows: {
    'order-approval': {
      name: 'order-approval',
      hash: 'h',
      input: any,
      outputSchema: any,
      steps: [{ kind: 'tool', id: 'lookup', tool: 'lookup-order', with: null, outputSchema: any }],
      uses: { workflows: [], tools: [], agents: [] },
    },
  },
} as unknown as CompiledGraphV1;
vi.mock('../../compiler/compile.js', () => ({
  validateProject: async () => ({ ok: true, graph, diagnostics: [], manifestCount: 3 }),
}));

const { main } = await import('../../cli/main.js');

async function run(
  argv: string[],
): Promise<{ code: number | string | undefined; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    color: false,
    cwd: '/tmp',
  };
  process.exitCode = undefined;
  await main(argv, io);
  const code = process.exitCode;
  process.exitCode = undefined;
  return { code, out, err };
}

describe('weft graph', () => {
  it('prints the workflow as a Mermaid flowchart', async () => {
    const { code, out } = await run(['graph', 'order-approval']);
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(
      /^flowchart TD\n {2}start\(\["order-approval"\]\)\n {2}s_lookup\["lookup<br\/>tool: lookup-order"\]/,
    );
  });

  it('exits 2 with a did-you-mean for an unknown workflow', async () => {
    const { code, err } = await run(['graph', 'order-aproval']);
    expect([code, err]).toEqual([
      2,
      ['weft graph: unknown workflow "order-aproval". Did you mean "order-approval"?'],
    ]);
  });

  it('exits 2 when the workflow argument is missing', async () => {
    const { code, err } = await run(['graph']);
    expect(code).toBe(2);
    expect(err.join('\n')).toContain("missing required argument 'workflow'");
  });
});
