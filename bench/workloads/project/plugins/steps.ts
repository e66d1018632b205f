/**
 * The step bodies of the benchmark workloads, as tool executors. Each is `async` and does no I/O,
 * like the peers' step bodies. A plain object (no import of weft), so the file loads the same
 * from a copy of the project in a temp dir.
 *
 * @example
 * # weft.yaml
 * spec: { plugins: [./plugins/steps.ts] }
 */

interface ToolRegistry {
  tool(name: string, executor: (input: never) => Promise<unknown>): void;
}

/** `inc`: `{ n }` -> `{ n: n + 1 }` (W1, W4, W5). */
async function inc(input: { n: number }): Promise<{ n: number }> {
  return { n: input.n + 1 };
}

/** `start`: the first step of W2; `{}` -> `{}`. */
async function start(_input: Record<string, never>): Promise<Record<string, never>> {
  return {};
}

/** `branch`: `{ i }` -> `{ v: i }` (W2). */
async function branch(input: { i: number }): Promise<{ v: number }> {
  return { v: input.i };
}

/** `join`: sums the `v` of the 50 branch outputs `{ b0: { v }, ... }` (W2). */
async function join(input: { branches: Record<string, { v: number }> }): Promise<{ sum: number }> {
  let sum = 0;
  for (const output of Object.values(input.branches)) sum += output.v;
  return { sum };
}

/** `add`: `{ a, b }` -> `{ sum: a + b }` (the tool of the W3 agent). */
async function add(input: { a: number; b: number }): Promise<{ sum: number }> {
  return { sum: input.a + input.b };
}

/** `echo`: returns its input `{ text, n }` (W6a, the trivial tool served over HTTP). */
async function echo(input: { text: string; n: number }): Promise<{ text: string; n: number }> {
  return input;
}

export default {
  name: 'bench-steps',
  apiVersion: 'v1',
  description: 'Step bodies of the benchmark workloads.',
  setup(registry: ToolRegistry): void {
    registry.tool('inc', inc);
    registry.tool('start', start);
    registry.tool('branch', branch);
    registry.tool('join', join);
    registry.tool('add', add);
    registry.tool('echo', echo);
  },
};
