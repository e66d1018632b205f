import type { JsonSchemaV1, JsonValueV1 } from '../../runtime/spec/v1/graph.js';
import { pascalCase } from './naming.js';

type Schema = { [keyword: string]: JsonValueV1 };

/** Keywords whose value is a map of name -> schema. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Keywords whose value is one schema. */
const SCHEMA_VALUES = new Set([
  'items',
  'additionalItems',
  'additionalProperties',
  'unevaluatedItems',
  'unevaluatedProperties',
  'not',
  'contains',
  'propertyNames',
  'if',
  'then',
  'else',
]);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LISTS = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);
/** Keywords that would leak names, ids or code-generator directives into the emitted artefacts. */
const DROPPED = new Set(['title', '$id', 'id', '$schema', '$comment', 'tsType', 'tsEnumNames']);

export interface CleanSchemaOptions {
  /** Also drop `description`, `default` and other annotations. */
  readonly dropAnnotations?: boolean;
  /** Name the `$defs` entries `<prefix><Key>` (titles), so nested declarations never collide. */
  readonly definitionPrefix?: string;
}

/**
 * A copy of a schema without titles, ids and generator directives, so that json-schema-to-typescript
 * inlines nested types instead of declaring them under names that could collide, and so that the
 * OpenAPI document holds plain JSON Schema. Only schema positions are cleaned: a property named
 * `title` stays.
 *
 * @example
 * cleanSchema({ title: 'X', type: 'object', properties: { title: { type: 'string', title: 'T' } } });
 * // { type: 'object', properties: { title: { type: 'string' } } }
 */
export function cleanSchema(schema: JsonValueV1, options: CleanSchemaOptions = {}): JsonValueV1 {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const source = schema as Schema;
  const result: Schema = {};
  for (const [keyword, value] of Object.entries(source)) {
    if (DROPPED.has(keyword) || keyword.startsWith('x-')) continue;
    if (options.dropAnnotations === true && (keyword === 'description' || keyword === 'examples')) continue;
    if (SCHEMA_MAPS.has(keyword) && isRecord(value)) {
      const map: Schema = {};
      for (const [key, member] of Object.entries(value)) {
        const cleaned = cleanSchema(member, options);
        const isDefinition = keyword === '$defs' || keyword === 'definitions';
        map[key] =
          isDefinition && options.definitionPrefix !== undefined && isRecord(cleaned)
            ? { ...cleaned, title: `${options.definitionPrefix}${pascalCase(key)}` }
            : cleaned;
      }
      result[keyword] = map;
    } else if (SCHEMA_VALUES.has(keyword) || (SCHEMA_LISTS.has(keyword) && Array.isArray(value))) {
      result[keyword] = Array.isArray(value)
        ? value.map((member) => cleanSchema(member, options))
        : cleanSchema(value, options);
    } else {
      result[keyword] = value;
    }
  }
  return result;
}

/** True when a schema accepts anything and constrains nothing (`{}`, `true`, or annotations only). */
export function isUnconstrained(schema: JsonSchemaV1 | JsonValueV1): boolean {
  if (schema === true) return true;
  if (!isRecord(schema)) return false;
  return Object.keys(schema).every(
    (keyword) => DROPPED.has(keyword) || keyword === 'description' || keyword === 'default',
  );
}

function isRecord(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
