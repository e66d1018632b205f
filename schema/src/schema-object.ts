/**
 * A JSON Schema node as authored in `schema/src/`: plain data, built with the helpers below so
 * that every object is closed and every property carries a description.
 *
 * @example
 * const s: SchemaObject = closedObject('A point.', { x: number('Horizontal.') }, ['x']);
 */
export type SchemaObject = { readonly [keyword: string]: unknown };

/** The base of every `$id` and `$ref` of the published schemas. */
export const schemaBaseUrl = 'https://weft.dev/schema/v1/';

/**
 * A reference to a shared definition with a property-level description (shown by editors).
 *
 * @example
 * ref('duration', 'How long the step may run.'); // { $ref: '#/$defs/duration', description: ... }
 */
export function ref(defName: string, description: string, extra: SchemaObject = {}): SchemaObject {
  return { $ref: `#/$defs/${defName}`, description, ...extra };
}

/**
 * A closed object: `type: object`, the given properties, `additionalProperties: false`.
 *
 * @example
 * closedObject('Server settings.', { port: integer('TCP port.') }, ['port']);
 */
export function closedObject(
  description: string,
  properties: Record<string, SchemaObject>,
  required: readonly string[] = [],
  extra: SchemaObject = {},
): SchemaObject {
  return {
    type: 'object',
    description,
    properties,
    ...(required.length > 0 ? { required: [...required] } : {}),
    additionalProperties: false,
    ...extra,
  };
}

/**
 * A map with free keys (optionally constrained by `propertyNames`) and values of one schema.
 *
 * @example
 * mapOf('Labels.', { type: 'string' }); // { type: 'object', additionalProperties: { type: 'string' } }
 */
export function mapOf(description: string, values: SchemaObject, extra: SchemaObject = {}): SchemaObject {
  return { type: 'object', description, additionalProperties: values, ...extra };
}

/**
 * A string property.
 *
 * @example
 * string('A free text.', { minLength: 1 });
 */
export function string(description: string, extra: SchemaObject = {}): SchemaObject {
  return { type: 'string', description, ...extra };
}

/**
 * An integer property.
 *
 * @example
 * integer('How many.', { minimum: 1 });
 */
export function integer(description: string, extra: SchemaObject = {}): SchemaObject {
  return { type: 'integer', description, ...extra };
}

/**
 * A number property.
 *
 * @example
 * number('A temperature.', { minimum: 0, maximum: 2 });
 */
export function number(description: string, extra: SchemaObject = {}): SchemaObject {
  return { type: 'number', description, ...extra };
}

/**
 * A boolean property.
 *
 * @example
 * boolean('Whether to allow private addresses.');
 */
export function boolean(description: string): SchemaObject {
  return { type: 'boolean', description };
}

/**
 * An array property.
 *
 * @example
 * arrayOf('Plugin specifiers.', { type: 'string' }, { uniqueItems: true });
 */
export function arrayOf(description: string, items: SchemaObject, extra: SchemaObject = {}): SchemaObject {
  return { type: 'array', description, items, ...extra };
}
