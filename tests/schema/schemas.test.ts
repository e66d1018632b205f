import { describe, expect, it } from 'vitest';
import {
  allDefs,
  customKeywords,
  manifestKinds,
  manifestSchemas,
  schemaId,
  stepKinds,
  stepSchemaRef,
  toolSpecSchemaRef,
  weftSchema,
  weftSchemaId,
} from '../../schema/index.js';
import { strictAjv } from './ajv-for-schemas.js';
import { definitionFiles } from './definition-files.js';

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Every schema node reachable from `node`, with its path, skipping `if` conditions. */
function* schemaNodes(node: unknown, path: string): Generator<[string, Node]> {
  if (Array.isArray(node)) {
    for (const [index, child] of node.entries()) yield* schemaNodes(child, `${path}/${index}`);
    return;
  }
  if (!isNode(node)) return;
  yield [path, node];
  for (const [key, child] of Object.entries(node)) {
    if (key === 'if' || key === 'const' || key === 'enum' || key === 'default') continue;
    if ((key === 'properties' || key === '$defs') && isNode(child)) {
      for (const [name, schema] of Object.entries(child))
        yield* schemaNodes(schema, `${path}/${key}/${name}`);
    } else {
      yield* schemaNodes(child, `${path}/${key}`);
    }
  }
}

describe('the manifest schemas', () => {
  it('compile under Ajv strict mode with allErrors and the custom keywords', () => {
    const ajv = strictAjv();
    for (const kind of manifestKinds) expect(ajv.getSchema(schemaId(kind)), kind).toBeTypeOf('function');
    expect(ajv.getSchema(weftSchemaId)).toBeTypeOf('function');
    expect(ajv.getSchema(stepSchemaRef('Workflow', 'loop'))).toBeTypeOf('function');
    expect(ajv.getSchema(toolSpecSchemaRef('http'))).toBeTypeOf('function');
  });

  it('have stable draft 2020-12 ids', () => {
    expect(manifestSchemas.Workflow.$id).toBe('https://weft.dev/schema/v1/workflow.schema.json');
    expect(weftSchema.$id).toBe('https://weft.dev/schema/v1/weft.schema.json');
    for (const kind of manifestKinds) {
      expect(manifestSchemas[kind].$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    }
    expect(customKeywords).toEqual(['x-weft-secret', 'x-weft-env']);
  });

  it('give every property a description and close every object', () => {
    const problems: string[] = [];
    for (const [path, node] of schemaNodes({ ...weftSchema, $defs: allDefs }, '#')) {
      if (isNode(node.properties)) {
        for (const [name, property] of Object.entries(node.properties)) {
          if (!isNode(property) || typeof property.description !== 'string') {
            problems.push(`${path}/properties/${name} has no description`);
          }
        }
      }
      if (node.type === 'object' && node.additionalProperties === undefined) {
        problems.push(`${path} is an object without additionalProperties`);
      }
      if (isNode(node.properties) && node.additionalProperties !== false) {
        problems.push(`${path} lists properties but is not closed`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('offer one closed object per step kind, each requiring id and its kind key', () => {
    for (const kind of stepKinds) {
      const step = allDefs[`${kind}Step`];
      expect(step?.required, kind).toEqual(expect.arrayContaining(['id', kind]));
      expect(step?.additionalProperties, kind).toBe(false);
    }
  });
});

describe('the example project', () => {
  const files = definitionFiles();
  const ajv = strictAjv();

  it('has a manifest of every kind', () => {
    const kinds = new Set(files.map((file) => file.value.kind));
    expect([...kinds].sort()).toEqual([...manifestKinds].sort());
  });

  it.each(files.map((file) => [file.path, file] as const))(
    '%s validates against its kind schema',
    (_path, file) => {
      const kind = file.value.kind as (typeof manifestKinds)[number];
      const validate = ajv.getSchema(schemaId(kind));
      expect(validate?.(file.value), JSON.stringify(validate?.errors, null, 2)).toBe(true);
      const combined = ajv.getSchema(weftSchemaId);
      expect(combined?.(file.value), JSON.stringify(combined?.errors, null, 2)).toBe(true);
    },
  );
});
