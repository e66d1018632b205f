import type { StepV1, WorkflowGraphV1 } from '../runtime/spec/v1/graph.js';

/** An edge source: a node, and the label of the edge that leaves it. */
interface Exit {
  readonly node: string;
  readonly label?: string;
}

const nodeId = (stepId: string): string => `s_${stepId.replace(/[^A-Za-z0-9_]/g, '_')}`;
const text = (value: string): string =>
  value.replace(/"/g, '#quot;').replace(/[<>]/g, (c) => (c === '<' ? '#lt;' : '#gt;'));
/** A node label: each part escaped, parts on separate lines. */
const label = (...parts: (string | undefined)[]): string =>
  parts
    .filter((part) => part !== undefined)
    .map(text)
    .join('<br/>');

function target(step: StepV1): string {
  switch (step.kind) {
    case 'tool':
      return `tool: ${step.tool}`;
    case 'agent':
      return `agent: ${step.agent}`;
    case 'workflow':
      return `workflow: ${step.workflow}`;
    case 'sleep':
      return step.durationMs === undefined ? 'sleep until' : `sleep ${step.durationMs}ms`;
    default:
      return step.kind;
  }
}

class MermaidWriter {
  readonly lines: string[] = [];
  #joins = 0;

  edge(from: readonly Exit[], to: string, indent: string): void {
    for (const exit of from) {
      const arrow = exit.label === undefined ? '-->' : `-->|"${text(exit.label)}"|`;
      this.lines.push(`${indent}${exit.node} ${arrow} ${to}`);
    }
  }

  join(indent: string): string {
    this.#joins += 1;
    const id = `join_${this.#joins}`;
    this.lines.push(`${indent}${id}(( ))`);
    return id;
  }

  /** Draws a step list after `from`; answers the exits of its last step. */
  steps(steps: readonly StepV1[], from: readonly Exit[], indent: string): Exit[] {
    let exits: Exit[] = [...from];
    for (const step of steps) exits = this.step(step, exits, indent);
    return exits;
  }

  step(step: StepV1, from: readonly Exit[], indent: string): Exit[] {
    const id = nodeId(step.id);
    const when = step.when === undefined ? undefined : `when ${step.when}`;
    switch (step.kind) {
      case 'parallel': {
        this.lines.push(`${indent}${id}{{"${label(step.id, `parallel ${step.mode}`, when)}"}}`);
        this.edge(from, id, indent);
        const exits: Exit[] = [];
        for (const branch of step.branches) {
          this.lines.push(
            `${indent}subgraph ${id}__${branch.id.replace(/[^A-Za-z0-9_]/g, '_')}["${text(branch.id)}"]`,
          );
          exits.push(...this.steps(branch.steps, [{ node: id }], `${indent}  `));
          this.lines.push(`${indent}end`);
        }
        const join = this.join(indent);
        this.edge(exits, join, indent);
        return [{ node: join }];
      }
      case 'switch': {
        this.lines.push(`${indent}${id}{"${label(step.id, when)}"}`);
        this.edge(from, id, indent);
        const exits: Exit[] = [];
        for (const branch of step.cases)
          exits.push(...this.steps(branch.steps, [{ node: id, label: branch.when }], indent));
        exits.push(...this.steps(step.default ?? [], [{ node: id, label: 'default' }], indent));
        const join = this.join(indent);
        this.edge(exits, join, indent);
        return [{ node: join }];
      }
      case 'foreach':
      case 'loop': {
        const title = step.kind === 'foreach' ? `foreach ${step.items}` : `loop max ${step.maxIterations}`;
        this.lines.push(`${indent}subgraph ${id}__body["${text(`${step.id}: ${title}`)}"]`);
        this.lines.push(`${indent}  ${id}[["${label(step.id, when)}"]]`);
        const exits = this.steps(step.steps, [{ node: id }], `${indent}  `);
        if (step.kind === 'loop') {
          const condition = step.until === undefined ? `while ${step.while ?? ''}` : `until ${step.until}`;
          for (const exit of exits)
            this.lines.push(`${indent}  ${exit.node} -.->|"${text(`repeat ${condition}`)}"| ${id}`);
        }
        this.lines.push(`${indent}end`);
        this.edge(from, id, indent);
        return exits;
      }
      default: {
        this.lines.push(`${indent}${id}["${label(step.id, target(step), when)}"]`);
        this.edge(from, id, indent);
        if (step.catch !== undefined && step.catch.length > 0) {
          this.lines.push(`${indent}subgraph ${id}__catch["${text(`${step.id}: catch`)}"]`);
          const caught = this.steps(step.catch, [{ node: id, label: 'on error' }], `${indent}  `);
          this.lines.push(`${indent}end`);
          return [{ node: id }, ...caught];
        }
        return [{ node: id }];
      }
    }
  }
}

/**
 * A Mermaid `flowchart TD` of a compiled workflow's step tree: steps in sequence, parallel
 * branches as subgraphs fanning out and joining, switch cases as labelled edges from a decision,
 * foreach and loop bodies as subgraphs (a loop with its back edge).
 *
 * @example
 * workflowMermaid(graph.workflows['order-approval']);
 * // flowchart TD
 * //   start([start])
 * //   s_lookup["lookup<br/>tool: lookup-order"]
 * //   start --> s_lookup ...
 */
export function workflowMermaid(workflow: WorkflowGraphV1): string {
  const writer = new MermaidWriter();
  writer.lines.push('flowchart TD', `  start(["${text(workflow.name)}"])`);
  const exits = writer.steps(workflow.steps, [{ node: 'start' }], '  ');
  writer.lines.push('  finish([end])');
  writer.edge(exits, 'finish', '  ');
  return `${writer.lines.join('\n')}\n`;
}
