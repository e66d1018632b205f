import Handlebars from 'handlebars';
import { weftError } from '../errors/create-weft-error.js';
import { evaluateValue } from '../expressions/index.js';
import type { AgentStepV1 } from '../spec/v1/graph.js';
import type { StepRun } from './run-execution.js';

type PromptTemplate = (context: unknown) => string;

const handlebars = Handlebars.create();
const templates = new Map<string, PromptTemplate>();

function template(source: string): PromptTemplate {
  let compiled = templates.get(source);
  if (compiled === undefined) {
    compiled = handlebars.compile(source, { strict: true, knownHelpersOnly: true, noEscape: true });
    templates.set(source, compiled);
  }
  return compiled;
}

/**
 * An `agent` step: renders the prompt (Handlebars, compiled once per source) over the step's
 * scope and calls the registered agent executor. Without one: `AGENT_EXECUTOR_MISSING`.
 *
 * @example
 * await runAgentStep(run, { kind: 'agent', id: 'draft', agent: 'support', prompt: 'Order {{input.orderId}}', outputSchema: {} });
 */
export function runAgentStep(run: StepRun, step: AgentStepV1): Promise<unknown> {
  const exec = run.frame.exec;
  const agents = exec.services.executors.agent;
  if (agents === undefined) {
    return Promise.reject(
      weftError('AGENT_EXECUTOR_MISSING', { details: { agent: step.agent, step: run.path } }),
    );
  }
  const scope = run.frame.scope;
  const prompt = template(step.prompt)({
    input: scope.input,
    steps: scope.steps,
    item: scope.item,
    index: scope.index,
    iteration: scope.iteration,
  });
  const context = step.context === undefined ? undefined : evaluateValue(step.context, scope);
  return agents.generate(step.agent, {
    prompt,
    ...(context === undefined ? {} : { context }),
    signal: run.signal,
    idempotencyKey: `${exec.runId}:${run.path}:${run.attempt}`,
    runId: exec.runId,
    stepPath: run.path,
  });
}
