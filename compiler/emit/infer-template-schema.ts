import type { JsonSchemaV1, JsonValueV1, ValueTemplateV1 } from '../../runtime/spec/v1/graph.js';

/** What the references of a value template can see: the workflow input and step outputs by id. */
export interface TemplateScope {
  readonly input: JsonSchemaV1;
  readonly steps: ReadonlyMap<string, JsonSchemaV1>;
  /** The element schema inside a `foreach` body, when known. */
  readonly item?: JsonSchemaV1;
}

const UNKNOWN: JsonSchemaV1 = {};
const ERROR_SCHEMA: JsonSchemaV1 = {
  type: 'object',
  required: ['code', 'message'],
  additionalProperties: false,
  properties: { code: { type: 'string' }, message: { type: 'string' }, step: { type: 'string' } },
};

interface Inferred {
  readonly schema: JsonSchemaV1;
  /** False when the value may be absent (a reference through a property that is not required). */
  readonly present: boolean;
}

/**
 * Infers a loose JSON Schema for what a value template evaluates to: references are resolved
 * against the schemas in scope, `$concat` is a string, CEL and unresolvable references are
 * unconstrained (`{}`), literal JSON gets its JSON type.
 *
 * @example
 * inferTemplateSchema({ total: { $ref: ['steps', 'lookup', 'output', 'total'] } }, scope);
 * // { type: 'object', additionalProperties: false, required: ['total'], properties: { total: { type: 'number' } } }
 */
export function inferTemplateSchema(template: ValueTemplateV1, scope: TemplateScope): JsonSchemaV1 {
  return infer(template, scope).schema;
}

function infer(template: ValueTemplateV1, scope: TemplateScope): Inferred {
  if (template === null) return { schema: { type: 'null' }, present: true };
  if (typeof template === 'boolean') return { schema: { type: 'boolean' }, present: true };
  if (typeof template === 'number') return { schema: { type: 'number' }, present: true };
  if (typeof template === 'string') return { schema: { type: 'string' }, present: true };
  if (Array.isArray(template)) return { schema: { type: 'array' }, present: true };
  const node = template as { readonly [key: string]: ValueTemplateV1 };
  const keys = Object.keys(node);
  if (keys.length === 1) {
    if ('$ref' in node && Array.isArray(node.$ref))
      return resolveReference(node.$ref as (string | number)[], scope);
    if ('$cel' in node) return { schema: UNKNOWN, present: true };
    if ('$concat' in node) return { schema: { type: 'string' }, present: true };
    if ('$literal' in node) return { schema: literalSchema(node.$literal as JsonValueV1), present: true };
  }
  const properties: Record<string, JsonSchemaV1> = {};
  const required: string[] = [];
  for (const key of keys.sort()) {
    const member = node[key];
    if (member === undefined) continue;
    const inferred = infer(member, scope);
    properties[key] = inferred.schema;
    if (inferred.present) required.push(key);
  }
  return { schema: { type: 'object', additionalProperties: false, required, properties }, present: true };
}

function literalSchema(value: JsonValueV1): JsonSchemaV1 {
  if (value === null) return { type: 'null' };
  if (Array.isArray(value)) return { type: 'array' };
  if (typeof value === 'object') return { type: 'object' };
  return { type: typeof value as 'string' | 'number' | 'boolean' };
}

function resolveReference(path: readonly (string | number)[], scope: TemplateScope): Inferred {
  const [root, ...rest] = path;
  if (root === 'input') return walk(scope.input, rest);
  if (root === 'steps' && typeof rest[0] === 'string' && rest[1] === 'output') {
    const output = scope.steps.get(rest[0]);
    return output === undefined ? { schema: UNKNOWN, present: true } : walk(output, rest.slice(2));
  }
  if ((root === 'index' || root === 'iteration') && rest.length === 0)
    return { schema: { type: 'integer' }, present: true };
  if (root === 'error') return walk(ERROR_SCHEMA, rest);
  if (root === 'item' && scope.item !== undefined) return walk(scope.item, rest);
  return { schema: UNKNOWN, present: true };
}

function walk(schema: JsonSchemaV1, path: readonly (string | number)[]): Inferred {
  let current: JsonValueV1 = schema;
  let present = true;
  for (const part of path) {
    if (!isObjectNode(current)) return { schema: UNKNOWN, present };
    const node: { readonly [key: string]: JsonValueV1 } = current;
    const next: JsonValueV1 | undefined =
      typeof part === 'number' ? itemSchema(node, part) : propertySchema(node, part);
    if (next === undefined) return { schema: UNKNOWN, present };
    if (typeof part === 'string' && !(Array.isArray(node.required) && node.required.includes(part)))
      present = false;
    if (typeof part === 'number') present = false;
    current = next;
  }
  return isObjectNode(current) ? { schema: current, present } : { schema: UNKNOWN, present };
}

function propertySchema(
  node: { readonly [key: string]: JsonValueV1 },
  name: string,
): JsonValueV1 | undefined {
  const properties = node.properties;
  if (isObjectNode(properties) && Object.hasOwn(properties, name)) return properties[name];
  const additional = node.additionalProperties;
  return isObjectNode(additional) ? additional : undefined;
}

function itemSchema(node: { readonly [key: string]: JsonValueV1 }, index: number): JsonValueV1 | undefined {
  const prefix = node.prefixItems;
  if (Array.isArray(prefix) && index < prefix.length) return prefix[index];
  const items = node.items;
  return isObjectNode(items) ? items : undefined;
}

function isObjectNode(value: JsonValueV1 | undefined): value is { readonly [key: string]: JsonValueV1 } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
