/**
 * Writes a realistic weft project of N manifests for the compiler benchmark: `weft.yaml`, plugin
 * tools (with the plugin file they name), agents with Handlebars instructions, and workflows of
 * 5-15 steps with references, CEL `when`s, switch, foreach, parallel, agent and sub-workflow steps.
 * The project validates with 0 errors. Deterministic: the same N gives the same files.
 *
 * @example
 * const dir = await generateProject(100); // a temp folder holding 100 manifests
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A small seeded PRNG (mulberry32), so a given N always gives the same project. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A quoted YAML scalar holding exactly one `${{ body }}` expression. */
const expr = (body: string): string => `"\${{ ${body} }}"`;
const pad = (index: number): string => String(index).padStart(4, '0');
const toolName = (index: number): string => `tool-${pad(index)}`;
const agentName = (index: number): string => `agent-${pad(index)}`;
const workflowName = (index: number): string => `workflow-${pad(index)}`;

/** How many manifests of each kind a project of `total` manifests holds (one is the Project). */
export function kindCounts(total: number): { tools: number; agents: number; workflows: number } {
  const rest = Math.max(total - 1, 3);
  const tools = Math.max(1, Math.round(rest * 0.4));
  const agents = Math.max(1, Math.round(rest * 0.2));
  return { tools, agents, workflows: Math.max(1, rest - tools - agents) };
}

function projectYaml(): string {
  return `# yaml-language-server: $schema=../schema/project.schema.json
apiVersion: weft/v1
kind: Project
metadata:
  name: bench-project
  version: 1.0.0
  description: A generated project for the compiler benchmark.
spec:
  models:
    default: openai:gpt-4o-mini
    embedding: local:hash-384
  plugins:
    - ./plugins/tools.ts
  server:
    host: 127.0.0.1
    port: 3000
`;
}

function toolYaml(index: number): string {
  return `apiVersion: weft/v1
kind: Tool
metadata:
  name: ${toolName(index)}
  description: Generated tool number ${index}.
spec:
  input:
    type: object
    required: [id, n]
    properties:
      id:
        type: string
        minLength: 1
        description: The record id.
      n:
        type: integer
        minimum: 0
  output:
    type: object
    required: [id, value, ok, items]
    properties:
      id:
        type: string
      value:
        type: integer
        description: A computed value.
      ok:
        type: boolean
      label:
        type: string
        enum: [low, medium, high]
      items:
        type: array
        items:
          type: object
          required: [name, score]
          properties:
            name:
              type: string
            score:
              type: number
  timeout: 5s
  plugin: ${toolName(index)}
`;
}

function agentYaml(index: number, tools: number, next: () => number): string {
  const first = toolName(Math.floor(next() * tools));
  const second = toolName(Math.floor(next() * tools));
  const toolList = first === second ? `    - ${first}\n` : `    - ${first}\n    - ${second}\n`;
  return `apiVersion: weft/v1
kind: Agent
metadata:
  name: ${agentName(index)}
  description: Generated agent number ${index}.
spec:
  instructions: |
    You are agent ${index} of the benchmark project. Be brief.{{#if customerName}}
    The customer is {{customerName}}; greet them by name.{{/if}}
    {{#each topics}}- {{this}}
    {{/each}}{{#with order}}Order {{id}} totals {{total}}.{{/with}}
  context:
    type: object
    properties:
      customerName:
        type: string
      topics:
        type: array
        items:
          type: string
      order:
        type: object
        properties:
          id:
            type: string
          total:
            type: number
  tools:
${toolList}  memory:
    lastMessages: 10
  maxSteps: 4
  temperature: 0.2
  output:
    type: object
    required: [answer]
    properties:
      answer:
        type: string
      score:
        type: number
`;
}

/** The steps of one generated workflow, as YAML lines indented for `steps:`. */
class StepWriter {
  readonly lines: string[] = [];
  /** Ids of completed top-level tool steps (their output has the tool output schema). */
  readonly toolSteps: string[] = [];
  #count = 0;

  constructor(
    readonly next: () => number,
    readonly tools: number,
    readonly agents: number,
    readonly callable: number,
  ) {}

  id(prefix: string): string {
    this.#count += 1;
    return `${prefix}-${this.#count}`;
  }

  tool(): string {
    return toolName(Math.floor(this.next() * this.tools));
  }

  /** A `with` value over the input or an earlier tool step. */
  withValue(indent: string, inForeach = false): string[] {
    const previous = this.toolSteps[this.toolSteps.length - 1];
    const n = inForeach
      ? expr('index')
      : previous === undefined
        ? expr('input.count')
        : expr(`steps.${previous}.output.value + input.count`);
    const id = inForeach ? expr('item.name') : `"order-\${{ input.orderId }}"`;
    return [`${indent}with:`, `${indent}  id: ${id}`, `${indent}  n: ${n}`];
  }

  toolStep(indent: string, options: { when?: string; inForeach?: boolean } = {}): string {
    const id = this.id('fetch');
    this.lines.push(`${indent}- id: ${id}`, `${indent}  tool: ${this.tool()}`);
    if (options.when !== undefined) this.lines.push(`${indent}  when: ${options.when}`);
    this.lines.push(...this.withValue(`${indent}  `, options.inForeach === true));
    if (this.next() < 0.3)
      this.lines.push(`${indent}  retry:`, `${indent}    maxAttempts: 3`, `${indent}    delay: 100ms`);
    return id;
  }

  setStep(indent: string): void {
    const previous = this.toolSteps[this.toolSteps.length - 1];
    const value = previous === undefined ? 'input.count * 2' : `steps.${previous}.output.value * 2`;
    this.lines.push(
      `${indent}- id: ${this.id('compute')}`,
      `${indent}  set:`,
      `${indent}    total: "\${{ ${value} }}"`,
      `${indent}    label: "order \${{ input.orderId }} has \${{ size(input.tags) }} tags"`,
    );
  }

  agentStep(indent: string): void {
    const previous = this.toolSteps[this.toolSteps.length - 1];
    const about = previous === undefined ? '{{input.orderId}}' : `{{steps.${previous}.output.id}}`;
    this.lines.push(
      `${indent}- id: ${this.id('ask')}`,
      `${indent}  agent: ${agentName(Math.floor(this.next() * this.agents))}`,
      `${indent}  prompt: |`,
      `${indent}    Summarise order ${about} in two sentences.{{#each input.tags}} Tag: {{this}}.{{/each}}`,
      `${indent}  context:`,
      `${indent}    customerName: "\${{ input.orderId }}"`,
      `${indent}    topics: "\${{ input.tags }}"`,
    );
  }

  switchStep(indent: string): void {
    const previous = this.toolSteps[this.toolSteps.length - 1];
    const condition = previous === undefined ? 'input.count > 10' : `steps.${previous}.output.value > 10`;
    this.lines.push(`${indent}- id: ${this.id('route')}`, `${indent}  switch:`);
    this.lines.push(`${indent}    - when: ${condition}`, `${indent}      steps:`);
    this.toolStep(`${indent}        `);
    this.lines.push(`${indent}    - when: "'urgent' in input.tags"`, `${indent}      steps:`);
    this.setStep(`${indent}        `);
    this.lines.push(`${indent}    - default:`);
    this.setStep(`${indent}        `);
  }

  foreachStep(indent: string): void {
    const previous = this.toolSteps[this.toolSteps.length - 1];
    if (previous === undefined) {
      this.setStep(indent);
      return;
    }
    this.lines.push(
      `${indent}- id: ${this.id('each')}`,
      `${indent}  foreach:`,
      `${indent}    items: steps.${previous}.output.items`,
      `${indent}    filter: item.score > 0.5`,
      `${indent}    concurrency: 4`,
      `${indent}    steps:`,
    );
    this.toolStep(`${indent}      `, { inForeach: true });
  }

  parallelStep(indent: string): void {
    this.lines.push(
      `${indent}- id: ${this.id('fan')}`,
      `${indent}  parallel:`,
      `${indent}    mode: all`,
      `${indent}    branches:`,
      `${indent}      - id: left`,
      `${indent}        steps:`,
    );
    this.toolStep(`${indent}          `);
    this.lines.push(`${indent}      - id: right`, `${indent}        steps:`);
    this.setStep(`${indent}          `);
  }

  workflowStep(indent: string): void {
    if (this.callable === 0) {
      this.setStep(indent);
      return;
    }
    this.lines.push(
      `${indent}- id: ${this.id('call')}`,
      `${indent}  workflow: ${workflowName(Math.floor(this.next() * this.callable))}`,
      `${indent}  with:`,
      `${indent}    orderId: "\${{ input.orderId }}"`,
      `${indent}    count: "\${{ input.count + 1 }}"`,
      `${indent}    tags: "\${{ input.tags }}"`,
    );
  }

  /** One top-level step of a random kind. */
  step(): void {
    const indent = '    ';
    const roll = this.next();
    if (roll < 0.4 || this.toolSteps.length === 0) {
      const previous = this.toolSteps[this.toolSteps.length - 1];
      const when =
        previous !== undefined && this.next() < 0.5
          ? `steps.${previous}.output.ok && input.count >= 1`
          : undefined;
      this.toolSteps.push(this.toolStep(indent, when === undefined ? {} : { when }));
    } else if (roll < 0.52) this.setStep(indent);
    else if (roll < 0.64) this.switchStep(indent);
    else if (roll < 0.76) this.foreachStep(indent);
    else if (roll < 0.86) this.parallelStep(indent);
    else if (roll < 0.94) this.agentStep(indent);
    else this.workflowStep(indent);
  }
}

function workflowYaml(index: number, counts: ReturnType<typeof kindCounts>, next: () => number): string {
  // Sub-workflow calls only go to workflows with a smaller index (no cycles).
  const writer = new StepWriter(next, counts.tools, counts.agents, index);
  const stepCount = 5 + Math.floor(next() * 11);
  for (let step = 0; step < stepCount; step++) writer.step();
  const last = writer.toolSteps[writer.toolSteps.length - 1] ?? '';
  return `apiVersion: weft/v1
kind: Workflow
metadata:
  name: ${workflowName(index)}
  version: 1.0.0
  description: Generated workflow number ${index}.
spec:
  input:
    type: object
    required: [orderId, count, tags]
    properties:
      orderId:
        type: string
        minLength: 1
      count:
        type: integer
        minimum: 0
      tags:
        type: array
        items:
          type: string
  timeout: 1h
  retries:
    maxAttempts: 2
    backoff: exponential
    delay: 200ms
  steps:
${writer.lines.join('\n')}
  output:
    orderId: "\${{ input.orderId }}"
    value: "\${{ steps.${last}.output.value }}"
    ok: "\${{ steps.${last}.output.ok }}"
`;
}

function pluginSource(tools: number): string {
  const names = Array.from({ length: tools }, (_, index) => `'${toolName(index)}'`);
  return `/** The executors of the generated plugin tools (trivial). */
const names = [${names.join(', ')}];
export default {
  name: 'bench-tools',
  apiVersion: 'v1',
  setup(registry: { tool(name: string, fn: (input: { id: string; n: number }) => Promise<unknown>): void }) {
    for (const name of names)
      registry.tool(name, async (input) => ({ id: input.id, value: input.n, ok: true, items: [] }));
  },
};
`;
}

/**
 * Writes a project of `total` manifests (including `weft.yaml`) into `dir` (default: a new temp
 * folder) and returns the folder.
 *
 * @example
 * const dir = await generateProject(1000);
 */
export async function generateProject(total: number, dir?: string): Promise<string> {
  const root = dir ?? (await mkdtemp(join(tmpdir(), `weft-bench-${total}-`)));
  const counts = kindCounts(total);
  const next = random(total);
  for (const folder of ['tools', 'agents', 'workflows', 'plugins'])
    await mkdir(join(root, folder), { recursive: true });
  const files: [string, string][] = [
    ['weft.yaml', projectYaml()],
    ['package.json', '{ "private": true, "type": "module" }\n'],
    [join('plugins', 'tools.ts'), pluginSource(counts.tools)],
  ];
  for (let index = 0; index < counts.tools; index++)
    files.push([join('tools', `${toolName(index)}.yaml`), toolYaml(index)]);
  for (let index = 0; index < counts.agents; index++)
    files.push([join('agents', `${agentName(index)}.yaml`), agentYaml(index, counts.tools, next)]);
  for (let index = 0; index < counts.workflows; index++)
    files.push([join('workflows', `${workflowName(index)}.yaml`), workflowYaml(index, counts, next)]);
  await Promise.all(files.map(([file, text]) => writeFile(join(root, file), text)));
  return root;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const total = Number(process.argv[2] ?? '100');
  const dir = await generateProject(total, process.argv[3]);
  process.stdout.write(`${dir}\n`);
}
