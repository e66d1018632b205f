import { fileURLToPath } from 'node:url';
import { compile } from '../../../compiler/compile.js';
import type { CompiledGraphV1 } from '../../../runtime/spec/v1/graph.js';
import { orderDeskGraph } from './fixture-graph.js';

/** The repository root. */
export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** A golden case: the graph to emit and the folder under `tests/golden/` holding its artefacts. */
export interface GoldenCase {
  readonly name: string;
  /** The graph, or the reason there is none (the compiler reported errors). */
  graph(): Promise<{ readonly graph: CompiledGraphV1 } | { readonly problem: string }>;
}

/**
 * The golden cases: the example project `definitions/` (compiled by `compile()`), and a
 * hand-built fixture graph that exercises every emitted shape independently of the compiler.
 */
export const goldenCases: readonly GoldenCase[] = [
  {
    name: 'definitions',
    async graph() {
      const result = await compile(`${repositoryRoot}definitions`);
      if (result.ok) return { graph: result.graph };
      const first = result.diagnostics
        .slice(0, 5)
        .map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`)
        .join('\n');
      return {
        problem: `compile('definitions') is not ok (${result.diagnostics.length} diagnostics)\n${first}`,
      };
    },
  },
  { name: 'fixture-order-desk', graph: async () => ({ graph: orderDeskGraph }) },
];

/** The four artefact files, in a fixed order. */
export const artefactNames = ['client.ts', 'graph.json', 'openapi.json', 'types.ts'] as const;
