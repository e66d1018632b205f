import { createRequire } from 'node:module';
import type HandlebarsModule from 'handlebars';
import { weftError } from '../errors/create-weft-error.js';
import type { AgentGraphV1 } from '../spec/v1/graph.js';
import { compileSchema } from '../tools/schema-validator.js';

type Template = (context: unknown, options: RuntimeOptions) => string;
type RuntimeOptions = { allowProtoPropertiesByDefault: false; allowProtoMethodsByDefault: false };

// Handlebars loads with the first template compiled, not with weft.
const requireOnDemand = createRequire(import.meta.url);
let handlebars: ReturnType<typeof HandlebarsModule.create> | undefined;
const templates = new Map<string, Template>();
const runtimeOptions: RuntimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
};

function templateOf(source: string): Template {
  let template = templates.get(source);
  if (template === undefined) {
    handlebars ??= (requireOnDemand('handlebars') as typeof HandlebarsModule).create();
    template = handlebars.compile(source, { strict: true, knownHelpersOnly: true, noEscape: true });
    templates.set(source, template);
  }
  return template;
}

/**
 * Renders an agent's instructions (a Handlebars template) with the call's context: the context is
 * checked against the agent's `context` schema first, then rendered strictly (no prototype access,
 * only the built-in helpers). A variable the template prints but the context lacks is
 * `AGENT_CONTEXT_INVALID` naming it; variables only tested by `{{#if}}` may be absent.
 *
 * @example
 * renderInstructions(graph.agents.support, { customerName: 'Ada' });
 * // 'You are the support agent of Acme. ... The customer is Ada; greet them by name.'
 */
export function renderInstructions(agent: AgentGraphV1, context: unknown): string {
  const value = context ?? {};
  const issues = compileSchema(agent.context)(value);
  if (issues !== undefined) {
    const first = issues[0];
    throw weftError('AGENT_CONTEXT_INVALID', {
      message: `The context of agent "${agent.name}" is invalid: ${first?.message ?? 'it does not match its schema'}.`,
      details: { agent: agent.name, pointer: first?.pointer ?? '', issues },
    });
  }
  try {
    return templateOf(agent.instructions)(value, runtimeOptions);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const variable = /"([^"]+)" not defined/.exec(reason)?.[1];
    throw weftError('AGENT_CONTEXT_INVALID', {
      message:
        variable === undefined
          ? `The instructions of agent "${agent.name}" could not be rendered: ${reason}`
          : `The instructions of agent "${agent.name}" use "${variable}", which the context does not give.`,
      details: { agent: agent.name, ...(variable === undefined ? {} : { variable }) },
      cause: error,
    });
  }
}
