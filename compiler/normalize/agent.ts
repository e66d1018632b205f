import type { AgentGraphV1 } from '../../runtime/spec/v1/graph.js';
import { schemaId } from '../../schema/index.js';
import type { Reporter } from '../check/reporter.js';
import { checkTemplate } from '../expressions/check-template.js';
import { type LinkIndex, linkModel, linkName, linkTool } from '../link/link-index.js';
import type { AgentSpec } from '../manifest-types.js';
import type { ParsedManifest } from '../model.js';
import { dataSchemaOf, emptyObjectSchema } from './data-schema-of.js';
import { durationMs } from './units.js';

/** The `$id` of the schema this transform implements. */
export const agentSchemaId = schemaId('Agent');

function expandTools(tools: readonly string[], reporter: Reporter, index: LinkIndex): string[] {
  const out = new Set<string>();
  tools.forEach((name, position) => {
    const actions = index.integrations.get(name);
    if (actions !== undefined && !index.tools.has(name)) {
      for (const action of actions) out.add(`${name}.${action}`);
      return;
    }
    if (linkTool(name, `/spec/tools/${position}`, reporter, index, true) !== undefined) out.add(name);
  });
  return [...out].sort();
}

/**
 * Normalises an Agent: model defaulted from the project (`LINK_UNKNOWN_PROVIDER`), tools linked
 * (whole integrations expanded to `<integration>.<action>`), agents/workflows/knowledge linked,
 * instructions checked over `context`, memory and maxSteps defaulted.
 *
 * @example
 * normalizeAgent(manifest, reporter, index, 'openai:gpt-4o-mini').model; // 'openai:gpt-4o-mini'
 */
export function normalizeAgent(
  manifest: ParsedManifest<AgentSpec>,
  reporter: Reporter,
  index: LinkIndex,
  defaultModel: string | undefined,
): AgentGraphV1 {
  const spec = manifest.value.spec;
  const model = spec.model ?? defaultModel ?? 'openai:gpt-4o-mini';
  linkModel(model, spec.model === undefined ? '/spec' : '/spec/model', reporter, index);
  const context = dataSchemaOf(spec.context, emptyObjectSchema);
  checkTemplate(spec.instructions, context, reporter, '/spec/instructions');
  const link = (
    kind: 'agent' | 'workflow' | 'knowledge',
    key: string,
    names: readonly string[] | undefined,
    known: Iterable<string>,
  ): string[] => {
    const list = [...known];
    for (const [position, name] of (names ?? []).entries()) {
      linkName(kind, name, `/spec/${key}/${position}`, reporter, list, index.invalid);
    }
    return [...(names ?? [])].sort();
  };
  const memory = spec.memory;
  const timeoutMs = durationMs(spec.timeout);
  const description = manifest.value.metadata.description;
  return {
    name: manifest.name,
    ...(description === undefined ? {} : { description }),
    model,
    instructions: spec.instructions,
    context,
    tools: expandTools(spec.tools ?? [], reporter, index),
    agents: link('agent', 'agents', spec.agents, index.agents.keys()),
    workflows: link('workflow', 'workflows', spec.workflows, index.workflows.keys()),
    knowledge: link('knowledge', 'knowledge', spec.knowledge, index.knowledge),
    ...(memory === false
      ? {}
      : {
          memory: {
            lastMessages: memory?.lastMessages ?? 10,
            ...(memory?.semanticRecall === undefined
              ? {}
              : {
                  semanticRecall: {
                    topK: memory.semanticRecall.topK,
                    scope: memory.semanticRecall.scope ?? 'thread',
                  },
                }),
          },
        }),
    maxSteps: spec.maxSteps ?? 5,
    ...(spec.temperature === undefined ? {} : { temperature: spec.temperature }),
    ...(spec.maxTokens === undefined ? {} : { maxTokens: spec.maxTokens }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(spec.output === undefined ? {} : { output: dataSchemaOf(spec.output) }),
  };
}
