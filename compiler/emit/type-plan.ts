import type { CompiledGraphV1, JsonSchemaV1, WorkflowGraphV1 } from '../../runtime/spec/v1/graph.js';
import { compareCodeUnits } from './canonical-json.js';
import { inferTemplateSchema } from './infer-template-schema.js';
import { pascalCase, TypeNames } from './naming.js';
import { scopedSuspendSteps } from './scoped-suspend-steps.js';

/** One named data contract: a declaration in `types.ts` and a component schema in `openapi.json`. */
export interface NamedSchema {
  readonly name: string;
  readonly schema: JsonSchemaV1;
}

export interface WorkflowTypePlan {
  readonly name: string;
  readonly input: string;
  readonly output: string;
  readonly suspend: readonly { readonly step: string; readonly payload: string; readonly resume: string }[];
}

/** The type names of every contract of a graph, in emission order, unique. */
export interface TypePlan {
  readonly declarations: readonly NamedSchema[];
  readonly workflows: readonly WorkflowTypePlan[];
  readonly tools: readonly { readonly name: string; readonly input: string; readonly output: string }[];
  readonly agents: readonly { readonly name: string; readonly context: string; readonly output?: string }[];
}

const sortedNames = (record: Readonly<Record<string, unknown>>): string[] =>
  Object.keys(record).sort(compareCodeUnits);

/**
 * Names every data contract of a graph: `<Workflow>Input`, `<Workflow>Output`,
 * `<Workflow><Step>Payload`/`Resume` per suspend step, `<Tool>ToolInput`/`ToolOutput`,
 * `<Agent>AgentContext`/`AgentOutput`. Manifests in name order; a clash gets a numeric suffix.
 *
 * @example
 * planTypes(graph).workflows[0]; // { name: 'order-approval', input: 'OrderApprovalInput', output: 'OrderApprovalOutput', suspend: [...] }
 */
export function planTypes(graph: CompiledGraphV1): TypePlan {
  const names = new TypeNames();
  const declarations: NamedSchema[] = [];
  const declare = (wanted: string, schema: JsonSchemaV1): string => {
    const name = names.claim(wanted);
    declarations.push({ name, schema });
    return name;
  };
  const workflows = sortedNames(graph.workflows).flatMap((key) => {
    const workflow = graph.workflows[key];
    return workflow === undefined ? [] : [planWorkflow(key, workflow, declare)];
  });
  const tools = sortedNames(graph.tools).flatMap((key) => {
    const tool = graph.tools[key];
    if (tool === undefined) return [];
    const base = pascalCase(key);
    return [
      {
        name: key,
        input: declare(`${base}ToolInput`, tool.input),
        output: declare(`${base}ToolOutput`, tool.output),
      },
    ];
  });
  const agents = sortedNames(graph.agents).flatMap((key) => {
    const agent = graph.agents[key];
    if (agent === undefined) return [];
    const base = pascalCase(key);
    const context = declare(`${base}AgentContext`, agent.context);
    return [
      agent.output === undefined
        ? { name: key, context }
        : { name: key, context, output: declare(`${base}AgentOutput`, agent.output) },
    ];
  });
  return { declarations, workflows, tools, agents };
}

function planWorkflow(
  key: string,
  workflow: WorkflowGraphV1,
  declare: (wanted: string, schema: JsonSchemaV1) => string,
): WorkflowTypePlan {
  const base = pascalCase(key);
  const input = declare(`${base}Input`, workflow.input);
  const output = declare(`${base}Output`, workflow.outputSchema);
  const suspendSteps = scopedSuspendSteps(workflow).sort((left, right) =>
    compareCodeUnits(left.step.id, right.step.id),
  );
  const suspend = suspendSteps.map(({ step, scope }) => {
    const stepBase = `${base}${pascalCase(step.id)}`;
    const payload = declare(`${stepBase}Payload`, inferTemplateSchema(step.payload, scope));
    return { step: step.id, payload, resume: declare(`${stepBase}Resume`, step.resume) };
  });
  return { name: key, input, output, suspend };
}
