import { agentDefs } from './src/agent.js';
import { commonDefs, customKeywords } from './src/common.js';
import { integrationDefs } from './src/integration.js';
import { knowledgeDefs } from './src/knowledge.js';
import { projectDefs } from './src/project.js';
import { type SchemaObject, schemaBaseUrl, string } from './src/schema-object.js';
import { type StepKind, stepDefs, stepKinds } from './src/step.js';
import { type ToolExecutorKind, toolDefs, toolExecutorKinds } from './src/tool.js';
import { workflowDefs } from './src/workflow.js';

export type { SchemaObject, StepKind, ToolExecutorKind };
export { customKeywords, stepKinds, toolExecutorKinds };

/** The six manifest kinds (the same union as `compiler/model.ts` `ManifestKind`). */
export const manifestKinds = ['Project', 'Agent', 'Workflow', 'Tool', 'Integration', 'Knowledge'] as const;

/** One manifest kind. */
export type ManifestKindName = (typeof manifestKinds)[number];

/**
 * Every `$defs` entry of every kind, by name (names are unique across kinds).
 *
 * @example
 * Object.keys(allDefs).includes('dataSchema'); // true
 */
export const allDefs: Readonly<Record<string, SchemaObject>> = mergeDefs([
  commonDefs,
  stepDefs,
  projectDefs,
  agentDefs,
  workflowDefs,
  toolDefs,
  integrationDefs,
  knowledgeDefs,
]);

function mergeDefs(groups: readonly Record<string, SchemaObject>[]): Record<string, SchemaObject> {
  const merged: Record<string, SchemaObject> = {};
  for (const group of groups) {
    for (const [name, def] of Object.entries(group)) {
      if (name in merged) throw new Error(`schema: duplicate $defs name "${name}"`);
      merged[name] = def;
    }
  }
  return merged;
}

/**
 * The file name (under `schema/`) of a kind's standalone schema.
 *
 * @example
 * schemaFileName('Workflow'); // 'workflow.schema.json'
 */
export function schemaFileName(kind: ManifestKindName): string {
  return `${kind.toLowerCase()}.schema.json`;
}

/**
 * The stable `$id` of a kind's schema.
 *
 * @example
 * schemaId('Workflow'); // 'https://weft.dev/schema/v1/workflow.schema.json'
 */
export function schemaId(kind: ManifestKindName): string {
  return `${schemaBaseUrl}${schemaFileName(kind)}`;
}

/** The `$id` of the combined schema (any manifest, selected by `kind`). */
export const weftSchemaId = `${schemaBaseUrl}weft.schema.json`;

/**
 * The `$defs` name of a kind's manifest (envelope) definition.
 *
 * @example
 * manifestDefName('Tool'); // 'toolManifest'
 */
export function manifestDefName(kind: ManifestKindName): string {
  return `${kind.charAt(0).toLowerCase()}${kind.slice(1)}Manifest`;
}

/**
 * A JSON pointer into any kind schema to the closed object of one step kind, for re-validating a
 * step against the kind its key names (better messages than the `oneOf` of all ten).
 *
 * @example
 * stepSchemaRef('Workflow', 'tool'); // 'https://weft.dev/schema/v1/workflow.schema.json#/$defs/toolStep'
 */
export function stepSchemaRef(kind: ManifestKindName, step: StepKind): string {
  return `${schemaId(kind)}#/$defs/${step}Step`;
}

/**
 * Like `stepSchemaRef`, for the Tool spec of one executor kind.
 *
 * @example
 * toolSpecSchemaRef('http'); // 'https://weft.dev/schema/v1/tool.schema.json#/$defs/httpToolSpec'
 */
export function toolSpecSchemaRef(executor: ToolExecutorKind): string {
  return `${schemaId('Tool')}#/$defs/${executor}ToolSpec`;
}

/** Names of the `$defs` a schema node references, transitively, sorted. */
function reachableDefs(roots: readonly SchemaObject[]): string[] {
  const seen = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith('#/$defs/')) {
        const name = child.slice('#/$defs/'.length);
        if (!seen.has(name)) {
          seen.add(name);
          visit(allDefs[name]);
        }
      } else {
        visit(child);
      }
    }
  };
  for (const root of roots) visit(root);
  return [...seen].sort();
}

function pickDefs(names: readonly string[]): Record<string, SchemaObject> {
  const defs: Record<string, SchemaObject> = {};
  for (const name of names) {
    const def = allDefs[name];
    if (def === undefined) throw new Error(`schema: unknown $defs name "${name}"`);
    defs[name] = def;
  }
  return defs;
}

function standaloneSchema(kind: ManifestKindName): SchemaObject {
  const root = allDefs[manifestDefName(kind)];
  if (root === undefined) throw new Error(`schema: no manifest definition for ${kind}`);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: schemaId(kind),
    title: `weft ${kind} manifest`,
    ...root,
    $defs: pickDefs(reachableDefs([root])),
  };
}

function combinedSchema(): SchemaObject {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: weftSchemaId,
    title: 'weft manifest',
    description: 'Any weft manifest; the `kind` selects the schema.',
    type: 'object',
    properties: {
      apiVersion: string('The manifest language version.', { const: 'weft/v1' }),
      kind: string('The manifest kind.', { enum: [...manifestKinds] }),
      metadata: { $ref: '#/$defs/metadata', description: 'Name, version, description and labels.' },
      spec: { description: 'The specification of the kind (checked by the schema of the kind).' },
    },
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    additionalProperties: false,
    allOf: manifestKinds.map((kind) => ({
      if: { properties: { kind: { const: kind } }, required: ['kind'] },
      // biome-ignore lint/suspicious/noThenProperty: the JSON Schema `then` keyword.
      then: { $ref: `#/$defs/${manifestDefName(kind)}` },
    })),
    $defs: pickDefs(Object.keys(allDefs).sort()),
  };
}

/**
 * The standalone JSON Schema (draft 2020-12) of each manifest kind, `$defs` inlined, exactly what
 * `schema/<kind>.schema.json` holds.
 *
 * @example
 * const validate = ajv.compile(manifestSchemas.Workflow);
 */
export const manifestSchemas: Readonly<Record<ManifestKindName, SchemaObject>> = {
  Project: standaloneSchema('Project'),
  Agent: standaloneSchema('Agent'),
  Workflow: standaloneSchema('Workflow'),
  Tool: standaloneSchema('Tool'),
  Integration: standaloneSchema('Integration'),
  Knowledge: standaloneSchema('Knowledge'),
};

/**
 * The combined schema (`schema/weft.schema.json`): any manifest, selected by `kind` with if/then.
 *
 * @example
 * ajv.compile(weftSchema)({ apiVersion: 'weft/v1', kind: 'Tool', metadata: { name: 'x' }, spec: {} }); // false
 */
export const weftSchema: SchemaObject = combinedSchema();
