import type { JSONSchema7, Schema } from 'ai';
import { aiSdk } from '../ai-sdk/load-ai-sdk.js';
import type { JsonSchemaV1 } from '../spec/v1/graph.js';
import { compileSchema } from '../tools/schema-validator.js';

/**
 * Wraps a graph JSON Schema for the AI SDK (`jsonSchema()` from `ai`), validated with Ajv: a value
 * that does not match fails with the first issue's pointer and message (the SDK then treats a tool
 * call as invalid, or structured output as not generated).
 *
 * @example
 * const schema = modelSchema(graph.tools['lookup-order'].input);
 */
export function modelSchema(schema: JsonSchemaV1 | Readonly<Record<string, unknown>>): Schema<unknown> {
  const check = compileSchema(schema);
  return aiSdk().jsonSchema<unknown>(schema as JSONSchema7, {
    validate(value) {
      const issues = check(value);
      if (issues === undefined) return { success: true, value };
      const message = issues.map((issue) => issue.message).join('; ');
      return { success: false, error: new Error(message) };
    },
  });
}
