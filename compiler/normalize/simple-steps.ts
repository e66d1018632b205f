import type {
  AgentStepV1,
  SetStepV1,
  SleepStepV1,
  SuspendStepV1,
  ToolStepV1,
  WorkflowStepV1,
} from '../../runtime/spec/v1/graph.js';
import { checkStepInput } from '../check/check-step-input.js';
import { counterSchema } from '../expressions/check-scope.js';
import { checkTemplate } from '../expressions/check-template.js';
import { compileValue } from '../expressions/compile-value.js';
import type { DataSchema } from '../expressions/data-schema.js';
import { agentTextSchema, linkName, linkTool } from '../link/link-index.js';
import type {
  AgentStep,
  SetStep,
  SleepStep,
  SuspendStep,
  ToolStep,
  WorkflowStep,
} from '../manifest-types.js';
import { dataSchemaOf } from './data-schema-of.js';
import { checkScopeOf, type SequenceScope, type StepContext } from './step-context.js';
import { durationMs } from './units.js';

type Kind<T> = Omit<T, 'id' | 'description' | 'when' | 'retry' | 'timeoutMs' | 'catch' | 'compensate'>;

/** A `tool` step: the tool linked, `with` compiled; output the tool output. */
export function toolStep(
  step: ToolStep,
  pointer: string,
  scope: SequenceScope,
  context: StepContext,
): Kind<ToolStepV1> {
  const tool = linkTool(step.tool, `${pointer}/tool`, context.reporter, context.index);
  if (tool !== undefined) context.uses.tools.add(step.tool);
  const input = compileValue(
    step.with ?? {},
    `${pointer}/with`,
    checkScopeOf(scope, context),
    context.reporter,
  );
  if (tool !== undefined)
    checkStepInput(step.with, input.schema, tool.input, pointer, context.reporter, `tool "${step.tool}"`);
  return { kind: 'tool', tool: step.tool, with: input.template, outputSchema: tool?.output ?? {} };
}

/** The schema of the prompt scope of an agent step: `{ input, steps, item, index, iteration }`. */
function promptSchema(scope: SequenceScope): DataSchema {
  const steps: Record<string, DataSchema> = {};
  for (const [id, output] of scope.steps)
    steps[id] = { type: 'object', properties: { output }, additionalProperties: false };
  const properties: Record<string, DataSchema> = {
    steps: { type: 'object', properties: steps, additionalProperties: false },
  };
  for (const [root, schema] of Object.entries(scope.roots))
    if (root !== 'error' && root !== 'resume' && root !== 'response' && schema !== undefined)
      properties[root] = schema;
  return { type: 'object', properties, additionalProperties: false };
}

/** An `agent` step: the agent linked, the prompt checked over the step scope, `context` compiled. */
export function agentStep(
  step: AgentStep,
  pointer: string,
  scope: SequenceScope,
  context: StepContext,
): Kind<AgentStepV1> {
  const known = linkName(
    'agent',
    step.agent,
    `${pointer}/agent`,
    context.reporter,
    context.index.agents.keys(),
    context.index.invalid,
  );
  if (known) context.uses.agents.add(step.agent);
  const prompt = step.prompt ?? '';
  checkTemplate(prompt, promptSchema(scope), context.reporter, `${pointer}/prompt`);
  const agentContext =
    step.context === undefined
      ? undefined
      : compileValue(step.context, `${pointer}/context`, checkScopeOf(scope, context), context.reporter)
          .template;
  return {
    kind: 'agent',
    agent: step.agent,
    prompt,
    ...(agentContext === undefined ? {} : { context: agentContext }),
    // An unknown (or invalid, hence dropped) agent is reported once; its output is left open so
    // that references to it do not cascade into more errors.
    outputSchema: known ? (context.index.agents.get(step.agent) ?? agentTextSchema) : {},
  };
}

/** A `workflow` step: the sub-workflow linked, `with` compiled; output its output schema. */
export function workflowStep(
  step: WorkflowStep,
  pointer: string,
  scope: SequenceScope,
  context: StepContext,
): Kind<WorkflowStepV1> {
  const known = linkName(
    'workflow',
    step.workflow,
    `${pointer}/workflow`,
    context.reporter,
    context.index.workflows.keys(),
    context.index.invalid,
  );
  if (known) context.uses.workflows.add(step.workflow);
  const input = compileValue(
    step.with ?? {},
    `${pointer}/with`,
    checkScopeOf(scope, context),
    context.reporter,
  );
  const callee = known ? context.index.workflows.get(step.workflow) : undefined;
  if (callee !== undefined)
    checkStepInput(
      step.with,
      input.schema,
      callee.input,
      pointer,
      context.reporter,
      `workflow "${step.workflow}"`,
    );
  return {
    kind: 'workflow',
    workflow: step.workflow,
    with: input.template,
    outputSchema: context.index.workflows.get(step.workflow)?.output ?? {},
  };
}

/** A `suspend` step: payload compiled, resume schema closed, `onTimeout.data` sees `resume`; output the resume data. */
export function suspendStep(
  step: SuspendStep,
  pointer: string,
  scope: SequenceScope,
  context: StepContext,
): Kind<SuspendStepV1> {
  const suspend = step.suspend;
  const resume = dataSchemaOf(suspend.resume);
  const payload = compileValue(
    suspend.payload ?? {},
    `${pointer}/suspend/payload`,
    checkScopeOf(scope, context),
    context.reporter,
  ).template;
  const onTimeout = suspend.onTimeout;
  const data =
    onTimeout?.data === undefined
      ? undefined
      : compileValue(
          onTimeout.data,
          `${pointer}/suspend/onTimeout/data`,
          checkScopeOf({ ...scope, roots: { ...scope.roots, resume } }, context),
          context.reporter,
        ).template;
  const suspendTimeoutMs = durationMs(suspend.timeout);
  return {
    kind: 'suspend',
    payload,
    resume,
    ...(suspendTimeoutMs === undefined ? {} : { suspendTimeoutMs }),
    ...(onTimeout === undefined
      ? {}
      : { onTimeout: { action: onTimeout.action, ...(data === undefined ? {} : { data }) } }),
    outputSchema: resume,
  };
}

/** A `sleep` step: a duration in ms or an `until` value; output `{ sleptMs }`. */
export function sleepStep(
  step: SleepStep,
  pointer: string,
  scope: SequenceScope,
  context: StepContext,
): Kind<SleepStepV1> {
  const outputSchema: DataSchema = {
    type: 'object',
    properties: { sleptMs: counterSchema },
    required: ['sleptMs'],
    additionalProperties: false,
  };
  if (typeof step.sleep === 'string')
    return { kind: 'sleep', durationMs: durationMs(step.sleep), outputSchema };
  const until = compileValue(
    step.sleep.until,
    `${pointer}/sleep/until`,
    checkScopeOf(scope, context),
    context.reporter,
  ).template;
  return { kind: 'sleep', until, outputSchema };
}

/** A `set` step: the value compiled; output inferred from it. */
export function setStep(
  step: SetStep,
  pointer: string,
  scope: SequenceScope,
  context: StepContext,
): Kind<SetStepV1> {
  const value = compileValue(step.set, `${pointer}/set`, checkScopeOf(scope, context), context.reporter);
  return { kind: 'set', value: value.template, outputSchema: value.schema };
}
