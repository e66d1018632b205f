import { z } from 'zod';
import type { JsonSchemaV1 } from '../spec/v1/graph.js';

/** A tool schema as code gives it: a zod 4 schema, or a JSON Schema (draft 2020-12) object. */
export type ToolSchemaInput<T = unknown> = z.ZodType<unknown, T> | JsonSchemaV1;

/** Either the JSON Schema of a tool schema, or why it cannot be one. */
export type ToolSchemaResult = { readonly schema: JsonSchemaV1 } | { readonly problem: string };

/**
 * Turns a zod 4 schema into JSON Schema (`z.toJSONSchema(s, { target: 'draft-2020-12', io })`);
 * a plain object is taken as JSON Schema. zod 3 schemas are refused: converting them needs
 * zod-to-json-schema, which is not installed.
 *
 * @example
 * toJsonSchema(z.object({ orderId: z.string() }), 'input'); // { schema: { type: 'object', ... } }
 */
export function toJsonSchema(value: unknown, io: 'input' | 'output'): ToolSchemaResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problem: 'must be a zod 4 schema or a JSON Schema object' };
  }
  if ('_zod' in value) {
    try {
      const schema = z.toJSONSchema(value as z.ZodType, { target: 'draft-2020-12', io });
      return { schema: schema as JsonSchemaV1 };
    } catch (error) {
      return {
        problem: `cannot be turned into JSON Schema: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }
  if ('_def' in value || 'safeParse' in value) {
    return {
      problem:
        'is a zod 3 schema, which is not supported (zod-to-json-schema is not installed): use zod 4 (`import { z } from "zod"`) or JSON Schema',
    };
  }
  return { schema: value as JsonSchemaV1 };
}
