import type { JsonSchemaV1, JsonValueV1 } from '../../runtime/spec/v1/graph.js';

/** A JSON Schema as plain data (the normalised subset weft uses). */
export type DataSchema = JsonSchemaV1;

/** The schema that accepts anything: fields under it are not checked. */
export const anySchema: DataSchema = {};

/**
 * What a member lookup in a schema found: a schema, `open` (anything may be there), or
 * `missing` with the names that do exist (for did-you-mean).
 */
export type MemberLookup =
  | { readonly kind: 'found'; readonly schema: DataSchema }
  | { readonly kind: 'missing'; readonly known: readonly string[] }
  | { readonly kind: 'not-indexable'; readonly type: string };

function asSchema(value: JsonValueV1 | undefined): DataSchema | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as DataSchema)
    : undefined;
}

function asSchemaList(value: JsonValueV1 | undefined): DataSchema[] {
  if (!Array.isArray(value)) return [];
  const out: DataSchema[] = [];
  for (const element of value as readonly JsonValueV1[]) {
    const schema = asSchema(element);
    if (schema !== undefined) out.push(schema);
  }
  return out;
}

/** The JSON types a schema allows, or undefined when it does not say (anything). */
export function schemaTypes(schema: DataSchema): readonly string[] | undefined {
  const type = schema.type;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type))
    return (type as readonly JsonValueV1[]).filter((t): t is string => typeof t === 'string');
  if (schema.const !== undefined) return [jsonType(schema.const)];
  return undefined;
}

/** The JSON type name of a value (`integer` for integral numbers). */
export function jsonType(value: JsonValueV1): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The alternatives of a schema with `anyOf`/`oneOf` (itself otherwise). */
export function alternatives(schema: DataSchema): DataSchema[] {
  const union = [...asSchemaList(schema.anyOf), ...asSchemaList(schema.oneOf)];
  return union.length > 0 ? union : [schema];
}

function propertyNames(schema: DataSchema): string[] {
  const properties = asSchema(schema.properties);
  return properties === undefined ? [] : Object.keys(properties);
}

function memberOfOne(schema: DataSchema, segment: string | number | '*'): MemberLookup {
  const types = schemaTypes(schema);
  const allOf = asSchemaList(schema.allOf);
  if (allOf.length > 0)
    return memberOfAll(
      [schema, ...allOf].map((s) => (s === schema ? { ...s, allOf: [] } : s)),
      segment,
    );
  const union = [...asSchemaList(schema.anyOf), ...asSchemaList(schema.oneOf)];
  if (union.length > 0) return memberOfUnion(union, segment);
  const isArray = types?.includes('array') ?? false;
  const isObject = types === undefined || types.includes('object');
  if (typeof segment === 'number' || (segment === '*' && isArray && !isObject)) {
    if (isArray || types === undefined) return { kind: 'found', schema: asSchema(schema.items) ?? anySchema };
    return { kind: 'not-indexable', type: types.join(' | ') };
  }
  if (!isObject) return { kind: 'not-indexable', type: types?.join(' | ') ?? 'unknown' };
  const properties = asSchema(schema.properties);
  const named = segment === '*' ? undefined : asSchema(properties?.[segment]);
  if (named !== undefined) return { kind: 'found', schema: named };
  const additional = schema.additionalProperties;
  if (segment === '*' || properties === undefined || additional === true)
    return { kind: 'found', schema: anySchema };
  const additionalSchema = asSchema(additional);
  if (additionalSchema !== undefined) return { kind: 'found', schema: additionalSchema };
  return { kind: 'missing', known: propertyNames(schema) };
}

function memberOfUnion(union: DataSchema[], segment: string | number | '*'): MemberLookup {
  const found: DataSchema[] = [];
  const known: string[] = [];
  let notIndexable: MemberLookup | undefined;
  for (const alternative of union) {
    const lookup = memberOfOne(alternative, segment);
    if (lookup.kind === 'found') found.push(lookup.schema);
    else if (lookup.kind === 'missing') known.push(...lookup.known);
    else if (!(schemaTypes(alternative)?.includes('null') ?? false)) notIndexable = lookup;
  }
  if (found.length === 1 && found[0] !== undefined) return { kind: 'found', schema: found[0] };
  if (found.length > 1) return { kind: 'found', schema: { anyOf: found } };
  if (known.length > 0) return { kind: 'missing', known };
  return notIndexable ?? { kind: 'not-indexable', type: 'null' };
}

function memberOfAll(parts: DataSchema[], segment: string | number | '*'): MemberLookup {
  const known: string[] = [];
  for (const part of parts) {
    const lookup = memberOfOne(part, segment);
    if (lookup.kind === 'found' && Object.keys(lookup.schema).length > 0) return lookup;
    if (lookup.kind === 'missing') known.push(...lookup.known);
  }
  return known.length > 0 ? { kind: 'missing', known } : { kind: 'found', schema: anySchema };
}

/**
 * Looks a member (`'total'`, an array index, or `'*'` for any element/key) up in a schema.
 *
 * @example
 * memberOf({ type: 'object', properties: { total: { type: 'number' } } }, 'total'); // { kind: 'found', schema: { type: 'number' } }
 * memberOf({ type: 'object', properties: { total: {} } }, 'totl'); // { kind: 'missing', known: ['total'] }
 */
export function memberOf(schema: DataSchema, segment: string | number | '*'): MemberLookup {
  return memberOfOne(schema, segment);
}

/**
 * The CEL type that stands for a JSON Schema at compile time: `integer` is `int`, `number`
 * `double`, objects `map<string, dyn>`, arrays `list<T>`, anything else or a union `dyn`.
 *
 * @example
 * celTypeOf({ type: 'array', items: { type: 'integer' } }); // 'list<int>'
 */
export function celTypeOf(schema: DataSchema): string {
  const types = schemaTypes(schema)?.filter((type) => type !== 'null');
  if (types === undefined || types.length !== 1 || schema.anyOf !== undefined || schema.oneOf !== undefined)
    return 'dyn';
  switch (types[0]) {
    case 'string':
      return 'string';
    case 'integer':
      return 'int';
    case 'number':
      return 'double';
    case 'boolean':
      return 'bool';
    case 'object':
      return 'map<string, dyn>';
    case 'array':
      return `list<${celTypeOf(asSchema(schema.items) ?? anySchema)}>`;
    default:
      return 'dyn';
  }
}

/**
 * The JSON Schema of a CEL type (the inverse of `celTypeOf`, as far as it goes).
 *
 * @example
 * schemaOfCelType('list<int>'); // { type: 'array', items: { type: 'integer' } }
 */
export function schemaOfCelType(type: string): DataSchema {
  const list = /^list<(.*)>$/.exec(type);
  if (list !== null) return { type: 'array', items: schemaOfCelType(list[1] ?? 'dyn') };
  if (type === 'list') return { type: 'array' };
  if (type.startsWith('map')) return { type: 'object' };
  const simple: Record<string, string> = {
    string: 'string',
    int: 'integer',
    uint: 'integer',
    double: 'number',
    bool: 'boolean',
    null_type: 'null',
    'google.protobuf.Timestamp': 'string',
  };
  const json = simple[type];
  return json === undefined ? anySchema : { type: json };
}

/**
 * Closes object schemas recursively: a schema with `properties` and no `additionalProperties`
 * gets `additionalProperties: false` (see docs/manifest-language.md).
 *
 * @example
 * closeSchema({ type: 'object', properties: { a: { type: 'string' } } }); // { ..., additionalProperties: false }
 */
export function closeSchema(schema: DataSchema): DataSchema {
  const out: Record<string, JsonValueV1> = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === 'properties' && asSchema(value) !== undefined) {
      const properties: Record<string, JsonValueV1> = {};
      for (const [name, member] of Object.entries(asSchema(value) ?? {}))
        properties[name] = closeSchema(asSchema(member) ?? anySchema);
      out[keyword] = properties;
    } else if ((keyword === 'items' || keyword === 'additionalProperties') && asSchema(value) !== undefined) {
      out[keyword] = closeSchema(asSchema(value) ?? anySchema);
    } else if ((keyword === 'anyOf' || keyword === 'oneOf' || keyword === 'allOf') && Array.isArray(value)) {
      out[keyword] = asSchemaList(value).map(closeSchema);
    } else out[keyword] = value;
  }
  if (out.properties !== undefined && out.additionalProperties === undefined)
    out.additionalProperties = false;
  return out;
}
