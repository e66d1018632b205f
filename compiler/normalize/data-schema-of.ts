import { closeSchema, type DataSchema } from '../expressions/data-schema.js';
import type { DataSchema as ManifestDataSchema } from '../manifest-types.js';

/**
 * The graph form of a manifest data schema: plain JSON, objects closed. Absent gives `fallback`.
 *
 * @example
 * dataSchemaOf({ type: 'object', properties: { a: { type: 'string' } } }); // closed
 */
export function dataSchemaOf(schema: ManifestDataSchema | undefined, fallback: DataSchema = {}): DataSchema {
  if (schema === undefined) return fallback;
  return closeSchema(JSON.parse(JSON.stringify(schema)) as DataSchema);
}

/** The input of a workflow or action without one: an object with no properties. */
export const emptyObjectSchema: DataSchema = { type: 'object', properties: {}, additionalProperties: false };
