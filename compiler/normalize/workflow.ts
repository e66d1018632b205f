import { createHash } from 'node:crypto';
import type { WorkflowGraphV1 } from '../../runtime/spec/v1/graph.js';
import { schemaId } from '../../schema/index.js';
import type { Reporter } from '../check/reporter.js';
import { canonicalJson } from '../emit/canonical-json.js';
import { errorSchema } from '../expressions/check-scope.js';
import { compileValue } from '../expressions/compile-value.js';
import type { LinkIndex } from '../link/link-index.js';
import type { WorkflowSpec } from '../manifest-types.js';
import type { ParsedManifest } from '../model.js';
import { dataSchemaOf, emptyObjectSchema } from './data-schema-of.js';
import type { StepContext } from './step-context.js';
import { stepPlacements } from './step-placements.js';
import { durationMs, normalizeRetry } from './units.js';
import { normalizeSequence } from './workflow-steps.js';

/** The `$id` of the schema this transform implements. */
export const workflowSchemaId = schemaId('Workflow');

/**
 * The content hash of a workflow graph: sha256 (hex) of its canonical JSON without `hash`.
 *
 * @example
 * workflowHash(graphWithoutHash); // '3f2a...'
 */
export function workflowHash(workflow: Omit<WorkflowGraphV1, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(workflow)).digest('hex');
}

/**
 * Normalises a Workflow: steps checked and compiled in sequence, `output` compiled over the
 * top-level steps, `outputSchema` declared (closed) or inferred from `output` (without `output`,
 * the last step's output), `onError` steps with `error` in scope, `uses` listed, the content hash
 * computed.
 *
 * @example
 * normalizeWorkflow(manifest, reporter, index).steps[0]?.outputSchema;
 */
export function normalizeWorkflow(
  manifest: ParsedManifest<WorkflowSpec>,
  reporter: Reporter,
  index: LinkIndex,
): WorkflowGraphV1 {
  const spec = manifest.value.spec;
  const input = dataSchemaOf(spec.input, emptyObjectSchema);
  const context: StepContext = {
    reporter,
    index,
    allSteps: stepPlacements(spec, reporter),
    uses: { workflows: new Set(), tools: new Set(), agents: new Set() },
  };
  const main = normalizeSequence(
    spec.steps,
    '/spec/steps',
    { roots: { input }, steps: new Map(), containers: [] },
    context,
  );
  const output =
    spec.output === undefined
      ? undefined
      : compileValue(
          spec.output,
          '/spec/output',
          { roots: { input }, steps: main.visible, allSteps: context.allSteps, containers: [] },
          reporter,
        );
  const onError =
    spec.onError === undefined
      ? undefined
      : 'handler' in spec.onError
        ? { handler: spec.onError.handler }
        : {
            steps: normalizeSequence(
              spec.onError.steps,
              '/spec/onError/steps',
              { roots: { input, error: errorSchema }, steps: new Map(), containers: ['#onError'] },
              context,
            ).steps,
          };
  const timeoutMs = durationMs(spec.timeout);
  const { version, description } = manifest.value.metadata;
  const sorted = (names: Set<string>): string[] => [...names].sort();
  const graph: Omit<WorkflowGraphV1, 'hash'> = {
    name: manifest.name,
    ...(version === undefined ? {} : { version }),
    ...(description === undefined ? {} : { description }),
    input,
    ...(output === undefined ? {} : { output: output.template }),
    outputSchema:
      spec.outputSchema !== undefined ? dataSchemaOf(spec.outputSchema) : (output?.schema ?? main.last),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(spec.retries === undefined ? {} : { retries: normalizeRetry(spec.retries) }),
    ...(onError === undefined ? {} : { onError }),
    steps: main.steps,
    uses: {
      workflows: sorted(context.uses.workflows),
      tools: sorted(context.uses.tools),
      agents: sorted(context.uses.agents),
    },
  };
  return { ...graph, hash: workflowHash(graph) };
}
