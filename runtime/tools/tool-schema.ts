import { createRequire } from 'node:module';
import type { z } from 'zod';
import type { ZodType as Zod3Type, ZodTypeDef as Zod3TypeDef } from 'zod/v3';
import type { zodToJsonSchema as ZodToJsonSchema } from 'zod-to-json-schema';
import type { JsonSchemaV1 } from '../spec/v1/graph.js';

// zod and zod-to-json-schema load only when a zod schema is converted (the user has loaded zod
// by then), so importing weft does not pay for them.
const requireOnDemand = createRequire(import.meta.url);

/** A tool schema as code gives it: a zod 4 or zod 3 schema, or a JSON Schema (draft 2020-12) object. */
export type ToolSchemaInput<T = unknown> =
  | z.ZodType<unknown, T>
  | Zod3Type<unknown, Zod3TypeDef, T>
  | JsonSchemaV1;

/** Either the JSON Schema of a tool schema, or why it cannot be one. */
export type ToolSchemaResult = { readonly schema: JsonSchemaV1 } | { readonly problem: string };

/**
 * Turns a zod 4 schema into JSON Schema (`z.toJSONSchema(s, { target: 'draft-2020-12', io })`),
 * a zod 3 schema (`zod/v3`, or the `zod` 3 package) through zod-to-json-schema; a plain object is
 * taken as JSON Schema.
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
      const params = { target: 'draft-2020-12', io } as const;
      const own = (value as { toJSONSchema?: (options: typeof params) => unknown }).toJSONSchema;
      const schema =
        typeof own === 'function'
          ? own.call(value, params)
          : (requireOnDemand('zod') as typeof import('zod')).z.toJSONSchema(value as z.ZodType, params);
      return { schema: schema as JsonSchemaV1 };
    } catch (error) {
      return {
        problem: `cannot be turned into JSON Schema: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }
  if ('_def' in value && 'safeParse' in value) return fromZod3(value, io);
  return { schema: value as JsonSchemaV1 };
}

/** zod 3: converted inline (no `$ref`s), without the `$schema` of the draft it targets. */
function fromZod3(value: object, io: 'input' | 'output'): ToolSchemaResult {
  try {
    const { zodToJsonSchema } = requireOnDemand('zod-to-json-schema') as {
      zodToJsonSchema: typeof ZodToJsonSchema;
    };
    const converted = zodToJsonSchema(value as Parameters<typeof ZodToJsonSchema>[0], {
      $refStrategy: 'none',
      pipeStrategy: io,
    }) as Record<string, unknown>;
    const { $schema: _draft, ...schema } = converted;
    return { schema: schema as JsonSchemaV1 };
  } catch (error) {
    return {
      problem: `cannot be turned into JSON Schema: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
