import { describe, expect, it } from 'vitest';
import { workflowMermaid } from '../../cli/workflow-mermaid.js';
import type { StepV1, WorkflowGraphV1 } from '../../runtime/spec/v1/graph.js';

const any = { type: 'object' } as const;
const tool = (id: string, name = id): StepV1 => ({
  kind: 'tool',
  id,
  tool: name,
  with: null,
  outputSchema: any,
});

function workflow(steps: StepV1[]): WorkflowGraphV1 {
  return {
    name: 'order',
    hash: 'h',
    input: any,
    outputSchema: any,
    steps,
    uses: { workflows: [], tools: [], agents: [] },
  };
}

describe('workflowMermaid', () => {
  it('draws a sequence from start to end', () => {
    expect(workflowMermaid(workflow([tool('lookup', 'lookup-order'), tool('charge')]))).toBe(
      [
        'flowchart TD',
        '  start(["order"])',
        '  s_lookup["lookup<br/>tool: lookup-order"]',
        '  start --> s_lookup',
        '  s_charge["charge<br/>tool: charge"]',
        '  s_lookup --> s_charge',
        '  finish([end])',
        '  s_charge --> finish',
        '',
      ].join('\n'),
    );
  });

  it('fans parallel branches out as subgraphs and joins them', () => {
    const text = workflowMermaid(
      workflow([
        {
          kind: 'parallel',
          id: 'both',
          mode: 'all',
          outputSchema: any,
          branches: [
            { id: 'a', steps: [tool('x')] },
            { id: 'b', steps: [tool('y')] },
          ],
        },
      ]),
    );
    expect(text).toContain('subgraph s_both__a["a"]');
    expect(text).toContain('subgraph s_both__b["b"]');
    expect(text).toContain('s_both --> s_x');
    expect(text).toContain('s_both --> s_y');
    expect(text).toMatch(/s_x --> join_1\n\s+s_y --> join_1/);
    expect(text).toContain('join_1 --> finish');
  });

  it('labels switch cases with their condition and the default', () => {
    const text = workflowMermaid(
      workflow([
        {
          kind: 'switch',
          id: 'decide',
          outputSchema: any,
          cases: [{ when: 'input.ok == "yes"', steps: [tool('charge')] }],
          default: [tool('reject')],
        },
      ]),
    );
    expect(text).toContain('s_decide -->|"input.ok == #quot;yes#quot;"| s_charge');
    expect(text).toContain('s_decide -->|"default"| s_reject');
  });

  it('draws a loop body as a subgraph with a back edge', () => {
    const text = workflowMermaid(
      workflow([
        {
          kind: 'loop',
          id: 'poll',
          until: 'iteration > 2',
          maxIterations: 5,
          outputSchema: any,
          steps: [tool('check')],
        },
      ]),
    );
    expect(text).toContain('subgraph s_poll__body["poll: loop max 5"]');
    expect(text).toContain('s_check -.->|"repeat until iteration #gt; 2"| s_poll');
    expect(text).toContain('s_check --> finish');
  });
});
