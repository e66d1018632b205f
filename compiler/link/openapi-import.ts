import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import type { IntegrationActionV1, JsonValueV1, ValueTemplateV1 } from '../../runtime/spec/v1/graph.js';
import type { DiagnosticSink } from '../check/reporter.js';
import type { DataSchema } from '../expressions/data-schema.js';
import { closeSchema } from '../expressions/data-schema.js';
import { didYouMean } from '../suggest.js';

type Json = Record<string, unknown>;

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;
const keptKeywords = new Set([
  'type',
  'properties',
  'required',
  'items',
  'enum',
  'const',
  'description',
  'default',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minItems',
  'maxItems',
  'uniqueItems',
  'additionalProperties',
  'anyOf',
  'oneOf',
  'allOf',
]);

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows a local `$ref` (`#/components/schemas/Order`) inside the document. */
function follow(document: Json, value: unknown, seen: ReadonlySet<string> = new Set()): unknown {
  if (!isObject(value) || typeof value.$ref !== 'string') return value;
  const ref = value.$ref;
  if (!ref.startsWith('#/') || seen.has(ref)) return {};
  let current: unknown = document;
  for (const part of ref.slice(2).split('/'))
    current = isObject(current) ? current[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return current === undefined ? {} : follow(document, current, new Set([...seen, ref]));
}

/** A weft data schema from an OpenAPI schema: local refs inlined, `nullable` as a null type, other keywords dropped. */
function toDataSchema(
  document: Json,
  value: unknown,
  seen: ReadonlySet<string> = new Set(),
  depth = 0,
): DataSchema {
  const ref = isObject(value) && typeof value.$ref === 'string' ? value.$ref : undefined;
  if (depth > 32 || (ref !== undefined && seen.has(ref))) return {};
  const schema = follow(document, value);
  if (!isObject(schema)) return {};
  const inner = ref === undefined ? seen : new Set([...seen, ref]);
  const out: Record<string, JsonValueV1> = {};
  for (const [keyword, member] of Object.entries(schema)) {
    if (!keptKeywords.has(keyword)) continue;
    if (keyword === 'properties' && isObject(member)) {
      const properties: Record<string, JsonValueV1> = {};
      for (const [name, property] of Object.entries(member))
        properties[name] = toDataSchema(document, property, inner, depth + 1);
      out.properties = properties;
    } else if ((keyword === 'items' || keyword === 'additionalProperties') && isObject(member)) {
      out[keyword] = toDataSchema(document, member, inner, depth + 1);
    } else if ((keyword === 'anyOf' || keyword === 'oneOf' || keyword === 'allOf') && Array.isArray(member)) {
      out[keyword] = member.map((element: unknown) => toDataSchema(document, element, inner, depth + 1));
    } else out[keyword] = member as JsonValueV1;
  }
  const merged = mergeAllOf(out);
  if (schema.nullable !== true) return merged;
  if (typeof merged.type === 'string') merged.type = [merged.type, 'null'];
  if (Array.isArray(merged.enum) && !merged.enum.includes(null)) merged.enum = [...merged.enum, null];
  if (merged.type === undefined && ['allOf', 'anyOf', 'oneOf'].some((keyword) => keyword in merged))
    return { anyOf: [merged, { type: 'null' }] };
  return merged;
}

/**
 * Folds `allOf` into its schema when the members do not conflict (properties and `required`
 * united): closing each member separately would reject every value that combines them, and a
 * `nullable` wrapper (`{ nullable: true, allOf: [$ref] }`) needs the member's type.
 */
function mergeAllOf(schema: Record<string, JsonValueV1>): Record<string, JsonValueV1> {
  const { allOf, ...merged } = schema;
  if (!Array.isArray(allOf)) return schema;
  for (const member of allOf) {
    if (!isObject(member)) return schema;
    for (const [keyword, value] of Object.entries(member as Record<string, JsonValueV1>)) {
      const current = merged[keyword];
      if (keyword === 'properties' && isObject(value) && (current === undefined || isObject(current))) {
        const properties: Record<string, JsonValueV1> = { ...(current ?? {}) };
        for (const [name, property] of Object.entries(value as Record<string, JsonValueV1>)) {
          if (name in properties && JSON.stringify(properties[name]) !== JSON.stringify(property))
            return schema;
          properties[name] = property;
        }
        merged.properties = properties;
      } else if (
        keyword === 'required' &&
        Array.isArray(value) &&
        (current === undefined || Array.isArray(current))
      ) {
        merged.required = [...new Set([...(current ?? []), ...value])];
      } else if (current === undefined) merged[keyword] = value;
      else if (keyword !== 'description' && JSON.stringify(current) !== JSON.stringify(value)) return schema;
    }
  }
  return merged;
}

function kebab(operationId: string): string {
  const words = operationId
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(words) ? words : `op-${words}`;
}

function pathTemplate(path: string): ValueTemplateV1 {
  const parts: ValueTemplateV1[] = [];
  let last = 0;
  for (const match of path.matchAll(/\{([^}]+)\}/g)) {
    const start = match.index ?? 0;
    if (start > last) parts.push(path.slice(last, start));
    parts.push({ $ref: ['input', match[1] ?? ''] });
    last = start + match[0].length;
  }
  if (last < path.length) parts.push(path.slice(last));
  return parts.length === 1 && typeof parts[0] === 'string' ? parts[0] : { $concat: parts };
}

function jsonBody(document: Json, holder: unknown): unknown {
  const content = follow(document, holder);
  if (!isObject(content) || !isObject(content.content)) return undefined;
  const json = content.content['application/json'];
  return isObject(json) ? json.schema : undefined;
}

function buildAction(
  document: Json,
  operationId: string,
  method: string,
  path: string,
  operation: Json,
  shared: unknown[],
): IntegrationActionV1 {
  const properties: Record<string, DataSchema> = {};
  const required: string[] = [];
  const query: Record<string, ValueTemplateV1> = {};
  const headers: Record<string, ValueTemplateV1> = {};
  const parameters = [...shared, ...(Array.isArray(operation.parameters) ? operation.parameters : [])];
  for (const raw of parameters) {
    const parameter = follow(document, raw);
    if (!isObject(parameter) || typeof parameter.name !== 'string') continue;
    properties[parameter.name] = toDataSchema(document, parameter.schema ?? {});
    if (parameter.required === true || parameter.in === 'path') required.push(parameter.name);
    if (parameter.in === 'query') query[parameter.name] = { $ref: ['input', parameter.name] };
    if (parameter.in === 'header') headers[parameter.name] = { $ref: ['input', parameter.name] };
  }
  const body = jsonBody(document, operation.requestBody);
  if (body !== undefined) {
    properties.body = toDataSchema(document, body);
    const requestBody = follow(document, operation.requestBody);
    if (isObject(requestBody) && requestBody.required === true) required.push('body');
  }
  const responses = isObject(operation.responses) ? operation.responses : {};
  const output = jsonBody(document, responses['200'] ?? responses['201']);
  return {
    name: kebab(operationId),
    ...(typeof operation.summary === 'string' || typeof operation.description === 'string'
      ? { description: String(operation.summary ?? operation.description) }
      : {}),
    request: {
      method: method.toUpperCase() as IntegrationActionV1['request']['method'],
      url: pathTemplate(path),
      ...(Object.keys(query).length > 0 ? { query } : {}),
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      ...(body === undefined ? {} : { body: { $ref: ['input', 'body'] } }),
    },
    input: closeSchema({ type: 'object', properties, required: [...new Set(required)] }),
    output: output === undefined ? {} : closeSchema(toDataSchema(document, output)),
    source: { type: 'openapi', operationId },
  };
}

function loadDocument(path: string): Json | string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return `it cannot be read (${error instanceof Error ? error.message : String(error)})`;
  }
  let document: unknown;
  try {
    document = parse(text, { maxAliasCount: 100 });
  } catch (error) {
    return `it is not YAML or JSON (${error instanceof Error ? error.message.split('\n', 1)[0] : String(error)})`;
  }
  if (!isObject(document) || typeof document.openapi !== 'string' || !document.openapi.startsWith('3'))
    return 'it is not an OpenAPI 3 document (no `openapi: 3.x`)';
  if (!isObject(document.paths)) return 'it has no `paths`';
  return document;
}

/**
 * Imports actions from an integration's OpenAPI 3 document (YAML or JSON, relative to the
 * manifest): one action per selected operationId, named in kebab-case (`getTicket` ->
 * `get-ticket`), with its input built from the parameters and JSON request body (`body`) and
 * its output from the 200/201 JSON response. Reports `LINK_OPENAPI_INVALID` and
 * `LINK_OPENAPI_UNKNOWN_OPERATION`.
 *
 * @example
 * importOpenApi({ file: './openapi/crm.yaml', operations: ['getTicket'] }, '/project', 'integrations/crm.yaml', sink);
 */
export function importOpenApi(
  spec: { file: string; operations?: string[] },
  dir: string,
  manifestFile: string,
  sink: DiagnosticSink,
): IntegrationActionV1[] {
  const document = loadDocument(join(dir, dirname(manifestFile), spec.file));
  if (typeof document === 'string') {
    sink.error(
      'LINK_OPENAPI_INVALID',
      '/spec/openapi/file',
      `The OpenAPI document "${spec.file}" cannot be used: ${document}.`,
    );
    return [];
  }
  const operations = new Map<string, { method: string; path: string; operation: Json; shared: unknown[] }>();
  for (const [path, item] of Object.entries(document.paths as Json)) {
    const pathItem = follow(document, item);
    if (!isObject(pathItem)) continue;
    const shared = Array.isArray(pathItem.parameters) ? pathItem.parameters : [];
    for (const method of methods) {
      const operation = pathItem[method];
      if (isObject(operation) && typeof operation.operationId === 'string')
        operations.set(operation.operationId, { method, path, operation, shared });
    }
  }
  const selected = spec.operations ?? [...operations.keys()].sort();
  const actions: IntegrationActionV1[] = [];
  selected.forEach((operationId, position) => {
    const found = operations.get(operationId);
    if (found === undefined) {
      sink.error(
        'LINK_OPENAPI_UNKNOWN_OPERATION',
        `/spec/openapi/operations/${position}`,
        `The OpenAPI document "${spec.file}" has no operation "${operationId}".`,
        didYouMean(operationId, operations.keys()),
      );
      return;
    }
    actions.push(buildAction(document, operationId, found.method, found.path, found.operation, found.shared));
  });
  return actions;
}
