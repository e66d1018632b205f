// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` is weft expression syntax inside plain strings, not a template literal
import type { JsonValueV1, ValueTemplateV1 } from '../../runtime/spec/v1/graph.js';
import type { DiagnosticSink } from '../check/reporter.js';
import { pointerSegments, toPointer } from '../json-pointer.js';
import { celSource } from './cel-source.js';
import { checkCel } from './check-cel.js';
import type { CheckScope } from './check-scope.js';
import { anySchema, type DataSchema, jsonType } from './data-schema.js';
import { type PathSegment, parseReferencePath } from './reference-path.js';
import { referenceIsCertain, resolveReference } from './resolve-reference.js';

/** A compiled value: the template the runtime evaluates and the schema of its result. */
export interface CompiledValue {
  readonly template: ValueTemplateV1;
  readonly schema: DataSchema;
}

const expressionPattern = /\$\{\{([\s\S]*?)\}\}/g;

function child(pointer: string, key: string | number): string {
  return toPointer([...pointerSegments(pointer), key]);
}

function compileExpression(
  body: string,
  pointer: string,
  scope: CheckScope,
  reporter: DiagnosticSink,
): CompiledValue {
  const source = body.trim();
  const site = { reporter, pointer };
  if (source === '') {
    reporter.error('REF_SYNTAX', pointer, 'The expression `${{ }}` is empty.');
    return { template: { $cel: 'null' }, schema: anySchema };
  }
  const path = parseReferencePath(source);
  if (path !== undefined) {
    const schema = resolveReference(path, scope, site);
    return { template: { $ref: path }, schema: schema ?? anySchema };
  }
  const rewritten = celSource(source, scope);
  const checked = checkCel(rewritten, scope, site, 'any');
  return { template: { $cel: rewritten }, schema: checked?.schema ?? anySchema };
}

function compileString(
  text: string,
  pointer: string,
  scope: CheckScope,
  reporter: DiagnosticSink,
): CompiledValue {
  const matches = [...text.matchAll(expressionPattern)];
  const rest = text.replace(expressionPattern, '');
  if (rest.includes('${{')) {
    reporter.error('REF_SYNTAX', pointer, 'A `${{` has no closing `}}`.', 'Write ${{ input.name }}.');
    return { template: text, schema: { type: 'string' } };
  }
  if (matches.length === 0) return { template: text, schema: { type: 'string' } };
  const only = matches[0];
  if (matches.length === 1 && only !== undefined && only[0] === text)
    return compileExpression(only[1] ?? '', pointer, scope, reporter);
  const parts: ValueTemplateV1[] = [];
  let last = 0;
  for (const match of matches) {
    const start = match.index ?? 0;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(compileExpression(match[1] ?? '', pointer, scope, reporter).template);
    last = start + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return { template: { $concat: parts }, schema: { type: 'string' } };
}

/** A `$ref` to a member that may be absent; the runtime then leaves its key out of the object. */
function mayBeAbsent(template: ValueTemplateV1 | undefined, scope: CheckScope): boolean {
  if (typeof template !== 'object' || template === null || Array.isArray(template) || !('$ref' in template))
    return false;
  const path: unknown = template.$ref;
  return !Array.isArray(path) || !referenceIsCertain(path as PathSegment[], scope);
}

function arraySchema(elements: readonly DataSchema[]): DataSchema {
  const first = elements[0];
  if (first === undefined) return { type: 'array' };
  const same = elements.every((element) => JSON.stringify(element) === JSON.stringify(first));
  return { type: 'array', items: same ? first : anySchema };
}

/**
 * Compiles a value (`with`, `set`, `payload`, `output`...) into a `ValueTemplateV1`: a string
 * that is exactly one `${{ path }}` becomes `$ref`, one `${{ cel }}` becomes `$cel`, text around
 * expressions becomes `$concat`, objects with `$` keys become `$literal`. Every expression is
 * checked against the scope; the result carries the inferred schema of the value (object members
 * given by a `$ref` to a member that may be absent are not `required`: the runtime leaves them out).
 *
 * @example
 * compileValue({ id: '${{ input.orderId }}' }, '/spec/steps/0/with', scope, reporter).template;
 * // { id: { $ref: ['input', 'orderId'] } }
 */
export function compileValue(
  value: unknown,
  pointer: string,
  scope: CheckScope,
  reporter: DiagnosticSink,
): CompiledValue {
  if (typeof value === 'string') return compileString(value, pointer, scope, reporter);
  if (value === null || typeof value === 'boolean' || typeof value === 'number') {
    return { template: value, schema: { type: jsonType(value) } };
  }
  if (Array.isArray(value)) {
    const compiled = value.map((element: unknown, index) =>
      compileValue(element, child(pointer, index), scope, reporter),
    );
    return { template: compiled.map((c) => c.template), schema: arraySchema(compiled.map((c) => c.schema)) };
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.some(([key]) => key.startsWith('$'))) {
      return { template: { $literal: value as JsonValueV1 }, schema: { type: 'object' } };
    }
    const template: Record<string, ValueTemplateV1> = {};
    const properties: Record<string, DataSchema> = {};
    for (const [key, member] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const compiled = compileValue(member, child(pointer, key), scope, reporter);
      template[key] = compiled.template;
      properties[key] = compiled.schema;
    }
    return {
      template,
      schema: {
        type: 'object',
        properties,
        required: Object.keys(template).filter((key) => !mayBeAbsent(template[key], scope)),
        additionalProperties: false,
      },
    };
  }
  return { template: null, schema: anySchema };
}
