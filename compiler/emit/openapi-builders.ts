/**
 * Small builders of OpenAPI 3.1 objects (media types, bodies, responses, operations), shared by the
 * emitted document's manifest paths and generic paths.
 *
 * @example
 * op('health', 'health', 'Liveness.', { 200: ok('Healthy.', schemaRef('HealthStatus')) });
 */
import type { JsonValueV1 } from '../../runtime/spec/v1/graph.js';

/** A JSON object of the OpenAPI document. */
export type Json = { [key: string]: JsonValueV1 };
export type Operation = Json;

/** OpenAPI building block: `json`. */
export const json = (schema: Json): Json => ({ 'application/json': { schema } });
/** OpenAPI building block: `body`. */
export const body = (schema: Json): Json => ({ required: true, content: json(schema) });
/** OpenAPI building block: `ok`. */
export const ok = (description: string, schema: Json): Json => ({ description, content: json(schema) });
/** OpenAPI building block: `eventStream`. */
export const eventStream = (description: string): Json => ({
  description,
  content: { 'text/event-stream': { schema: { type: 'string' } } },
});
/** OpenAPI building block: `errors:`. */
export const errors: Json = { default: { $ref: '#/components/responses/Error' } };
/** OpenAPI building block: `pathParam`. */
export const pathParam = (name: string, schema: Json = { type: 'string' }): Json => ({
  name,
  in: 'path',
  required: true,
  schema,
});
/** OpenAPI building block: `op`. */
export const op = (
  operationId: string,
  tag: string,
  summary: string,
  responses: Json,
  extra: Json = {},
): Operation => ({
  operationId,
  tags: [tag],
  summary,
  ...extra,
  responses: { ...responses, ...errors },
});
/** OpenAPI building block: `closed`. */
export const closed = (properties: Json, required: readonly string[]): Json => ({
  type: 'object',
  required: [...required],
  properties,
  additionalProperties: false,
});
