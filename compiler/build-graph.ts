import type {
  AgentGraphV1,
  CompiledGraphV1,
  IntegrationGraphV1,
  KnowledgeGraphV1,
  ToolGraphV1,
  WorkflowGraphV1,
} from '../runtime/spec/v1/graph.js';
import { Reporter } from './check/reporter.js';
import { canonicalCopy } from './emit/canonical-json.js';
import { createLinkIndex, type LinkIndex } from './link/link-index.js';
import { orderWorkflows } from './link/workflow-order.js';
import type {
  AgentSpec,
  IntegrationSpec,
  KnowledgeSpec,
  ProjectSpec,
  ToolSpec,
  WorkflowSpec,
} from './manifest-types.js';
import type { CompileContext, ManifestKind, ParsedManifest } from './model.js';
import { normalizeAgent } from './normalize/agent.js';
import { dataSchemaOf, emptyObjectSchema } from './normalize/data-schema-of.js';
import { normalizeIntegration } from './normalize/integration.js';
import { normalizeKnowledge } from './normalize/knowledge.js';
import { normalizeProject } from './normalize/project.js';
import { normalizeTool } from './normalize/tool.js';
import { normalizeWorkflow } from './normalize/workflow.js';

function ofKind<Spec>(manifests: readonly ParsedManifest[], kind: ManifestKind): ParsedManifest<Spec>[] {
  const seen = new Set<string>();
  return manifests.filter((manifest): manifest is ParsedManifest<Spec> => {
    if (manifest.kind !== kind || seen.has(manifest.name)) return false;
    seen.add(manifest.name);
    return true;
  });
}

/** Fills the names every manifest may link to, before any manifest is normalised. */
function declareNames(
  manifests: readonly ParsedManifest[],
  index: LinkIndex,
  project: ProjectSpec | undefined,
): void {
  for (const provider of project?.providers ?? []) index.providers.add(provider.name);
  for (const agent of ofKind<AgentSpec>(manifests, 'Agent'))
    index.agents.set(
      agent.name,
      agent.value.spec.output === undefined ? undefined : dataSchemaOf(agent.value.spec.output),
    );
  for (const workflow of ofKind<WorkflowSpec>(manifests, 'Workflow'))
    index.workflows.set(workflow.name, { input: dataSchemaOf(workflow.value.spec.input, emptyObjectSchema) });
  for (const knowledge of ofKind<KnowledgeSpec>(manifests, 'Knowledge')) index.knowledge.add(knowledge.name);
}

/**
 * Links, checks and normalises validated manifests into the runtime graph (`CompiledGraphV1`):
 * integrations (with OpenAPI imports), then tools, agents, knowledge bases, and workflows in
 * call order. Every problem goes to `context.diagnostics` (never thrown); the graph's records are
 * key-sorted so the same input gives the same graph.
 *
 * @example
 * const graph = buildGraph(validManifests, { dir: '/srv/project', diagnostics: [] });
 * graph?.workflows['order-approval']?.hash;
 */
export function buildGraph(
  manifests: readonly ParsedManifest[],
  context: CompileContext,
): CompiledGraphV1 | undefined {
  const reporters = new Map<ParsedManifest, Reporter>();
  const reporterOf = (manifest: ParsedManifest): Reporter => {
    let reporter = reporters.get(manifest);
    if (reporter === undefined) {
      reporter = new Reporter(manifest, context.diagnostics);
      reporters.set(manifest, reporter);
    }
    return reporter;
  };
  const projectManifest = ofKind<ProjectSpec>(manifests, 'Project')[0];
  const project = normalizeProject(projectManifest);
  const index = createLinkIndex();
  for (const key of context.invalid ?? []) index.invalid.add(key);
  declareNames(manifests, index, projectManifest?.value.spec);

  const integrations: Record<string, IntegrationGraphV1> = {};
  for (const manifest of ofKind<IntegrationSpec>(manifests, 'Integration')) {
    const integration = normalizeIntegration(manifest, reporterOf(manifest), context.dir);
    integrations[integration.name] = integration;
    index.integrations.set(integration.name, new Set(Object.keys(integration.actions)));
    for (const action of Object.values(integration.actions))
      index.tools.set(`${integration.name}.${action.name}`, { input: action.input, output: action.output });
  }
  const toolManifests = ofKind<ToolSpec>(manifests, 'Tool');
  for (const manifest of toolManifests)
    index.tools.set(manifest.name, {
      input: dataSchemaOf(manifest.value.spec.input),
      output: dataSchemaOf(manifest.value.spec.output),
    });
  const tools: Record<string, ToolGraphV1> = {};
  for (const manifest of toolManifests)
    tools[manifest.name] = normalizeTool(manifest, reporterOf(manifest), index);
  for (const integration of Object.values(integrations)) {
    for (const action of Object.values(integration.actions)) {
      const name = `${integration.name}.${action.name}`;
      if (tools[name] === undefined)
        tools[name] = {
          name,
          ...(action.description === undefined ? {} : { description: action.description }),
          input: action.input,
          output: action.output,
          secrets: [],
          executor: { type: 'integration', integration: integration.name, action: action.name },
        };
    }
  }
  const agents: Record<string, AgentGraphV1> = {};
  for (const manifest of ofKind<AgentSpec>(manifests, 'Agent'))
    agents[manifest.name] = normalizeAgent(manifest, reporterOf(manifest), index, project.models.default);
  const knowledge: Record<string, KnowledgeGraphV1> = {};
  for (const manifest of ofKind<KnowledgeSpec>(manifests, 'Knowledge'))
    knowledge[manifest.name] = normalizeKnowledge(
      manifest,
      reporterOf(manifest),
      index,
      project.models.embedding,
    );
  const workflows: Record<string, WorkflowGraphV1> = {};
  for (const manifest of orderWorkflows(ofKind<WorkflowSpec>(manifests, 'Workflow'), reporterOf)) {
    const workflow = normalizeWorkflow(manifest, reporterOf(manifest), index);
    workflows[workflow.name] = workflow;
    index.workflows.set(workflow.name, { input: workflow.input, output: workflow.outputSchema });
  }
  const graph: CompiledGraphV1 = {
    specificationVersion: 'v1',
    project,
    workflows,
    tools,
    agents,
    integrations,
    knowledge,
  };
  return canonicalCopy(graph) as CompiledGraphV1;
}
