import type { DiagnosticSink } from '../check/reporter.js';
import type { DataSchema } from '../expressions/data-schema.js';
import { didYouMean } from '../suggest.js';

/** A callable tool as steps and agents see it (declared tools and integration actions). */
export interface LinkedTool {
  readonly input: DataSchema;
  readonly output: DataSchema;
}

/**
 * The names every manifest can link to, filled kind by kind while the graph is built.
 *
 * @example
 * const index = createLinkIndex(); index.tools.set('lookup-order', { input, output });
 */
export interface LinkIndex {
  readonly tools: Map<string, LinkedTool>;
  /** Integration name -> its action names. */
  readonly integrations: Map<string, ReadonlySet<string>>;
  /** Agent name -> its structured output schema (undefined: `{ text }`). */
  readonly agents: Map<string, DataSchema | undefined>;
  /** Workflow name -> its input schema and (once normalised) its output schema. */
  readonly workflows: Map<string, { input: DataSchema; output?: DataSchema }>;
  readonly knowledge: Set<string>;
  /** Model provider names: `openai`, `local` and the project's providers. */
  readonly providers: Set<string>;
  /**
   * Manifests that exist but failed validation, as `<kind>:<name>` (`agent:support`): a reference
   * to one is not reported again (its own errors say what is wrong), and what it gives stays open.
   */
  readonly invalid: Set<string>;
}

/** An empty index with the built-in providers. */
export function createLinkIndex(): LinkIndex {
  return {
    tools: new Map(),
    integrations: new Map(),
    agents: new Map(),
    workflows: new Map(),
    knowledge: new Set(),
    invalid: new Set(),
    providers: new Set(['openai', 'local']),
  };
}

/** The text schema of an agent without structured output. */
export const agentTextSchema: DataSchema = {
  type: 'object',
  required: ['text'],
  properties: { text: { type: 'string' } },
  additionalProperties: false,
};

/**
 * Checks a tool reference (`lookup-order` or `crm.get-customer`); reports `LINK_UNKNOWN_TOOL`,
 * `LINK_UNKNOWN_INTEGRATION` or `LINK_UNKNOWN_ACTION` with did-you-mean. With
 * `allowIntegration`, a bare integration name (a whole toolset, in agents) is accepted.
 *
 * @example
 * linkTool('crm.get-custmer', '/spec/steps/0/tool', sink, index); // undefined, LINK_UNKNOWN_ACTION reported
 */
export function linkTool(
  name: string,
  pointer: string,
  sink: DiagnosticSink,
  index: LinkIndex,
  allowIntegration = false,
): LinkedTool | undefined {
  const tool = index.tools.get(name);
  if (tool !== undefined) return tool;
  if (allowIntegration && index.integrations.has(name)) return undefined;
  if (index.invalid.has(`tool:${name}`) || (allowIntegration && index.invalid.has(`integration:${name}`)))
    return undefined;
  const dot = name.indexOf('.');
  if (dot > 0) {
    const integration = name.slice(0, dot);
    const action = name.slice(dot + 1);
    if (index.invalid.has(`integration:${integration}`)) return undefined;
    const actions = index.integrations.get(integration);
    if (actions === undefined) {
      sink.error(
        'LINK_UNKNOWN_INTEGRATION',
        pointer,
        `"${name}" names the integration "${integration}", which does not exist.`,
        didYouMean(integration, index.integrations.keys()),
      );
    } else {
      sink.error(
        'LINK_UNKNOWN_ACTION',
        pointer,
        `The integration "${integration}" has no action "${action}".`,
        didYouMean(action, actions) ?? `Its actions are ${[...actions].join(', ')}.`,
      );
    }
    return undefined;
  }
  const candidates = [
    ...[...index.tools.keys()].filter((key) => !key.includes('.')),
    ...(allowIntegration ? index.integrations.keys() : []),
  ];
  sink.error(
    'LINK_UNKNOWN_TOOL',
    pointer,
    `The tool "${name}" does not exist.`,
    didYouMean(name, candidates),
  );
  return undefined;
}

/**
 * Checks a reference to an agent, workflow or knowledge base by name.
 *
 * @example
 * linkName('agent', 'suport', '/spec/steps/1/agent', sink, index.agents.keys()); // false, with "Did you mean support?"
 */
export function linkName(
  kind: 'agent' | 'workflow' | 'knowledge',
  name: string,
  pointer: string,
  sink: DiagnosticSink,
  known: Iterable<string>,
  invalid: ReadonlySet<string> = new Set(),
): boolean {
  const names = [...known];
  if (names.includes(name)) return true;
  if (invalid.has(`${kind}:${name}`)) return false;
  const code =
    kind === 'agent'
      ? 'LINK_UNKNOWN_AGENT'
      : kind === 'workflow'
        ? 'LINK_UNKNOWN_WORKFLOW'
        : 'LINK_UNKNOWN_KNOWLEDGE';
  const label = kind === 'knowledge' ? 'knowledge base' : kind;
  sink.error(code, pointer, `The ${label} "${name}" does not exist.`, didYouMean(name, names));
  return false;
}

/**
 * Checks the provider of a `provider:model` reference (`LINK_UNKNOWN_PROVIDER`).
 *
 * @example
 * linkModel('opnai:gpt-4o', '/spec/model', sink, index); // false, with "Did you mean openai?"
 */
export function linkModel(model: string, pointer: string, sink: DiagnosticSink, index: LinkIndex): boolean {
  const provider = model.slice(0, Math.max(0, model.indexOf(':')));
  if (index.providers.has(provider)) return true;
  sink.error(
    'LINK_UNKNOWN_PROVIDER',
    pointer,
    `The model "${model}" names the provider "${provider}", which is not declared.`,
    didYouMean(provider, index.providers) ?? 'Declare it under `providers` in weft.yaml.',
  );
  return false;
}
