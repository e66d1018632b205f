import type { ValueTemplateV1 } from '../spec/v1/graph.js';
import { evaluateCel } from './evaluate-cel.js';
import type { ExpressionScope } from './expression-scope.js';

type TemplateObject = { readonly [key: string]: ValueTemplateV1 };

/**
 * Walks a reference path over the scope (`['steps', 'lookup', 'output', 'items', 0]`). A missing
 * member gives `undefined`; it never throws and never reads inherited properties.
 *
 * @example
 * resolveReference(['input', 'orderId'], { input: { orderId: 'A1' } }); // 'A1'
 */
export function resolveReference(path: readonly (string | number)[], scope: ExpressionScope): unknown {
  let current: unknown = scope;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    if (Array.isArray(current)) {
      if (typeof segment !== 'number') return undefined;
      current = current[segment];
    } else {
      const key = String(segment);
      if (!Object.hasOwn(current, key)) return undefined;
      current = Reflect.get(current, key);
    }
  }
  return current;
}

/** The string form of an interpolated value: null and undefined are empty, objects JSON. */
function interpolate(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function onlyKey(value: TemplateObject): string | undefined {
  let found: string | undefined;
  for (const key in value) {
    if (found !== undefined) return undefined;
    found = key;
  }
  return found;
}

/**
 * Evaluates a value template (see `ValueTemplateV1`): `$ref` paths keep the JSON type of what
 * they point at (missing gives `undefined`), `$cel` is evaluated as CEL, `$concat` interpolates
 * to a string, `$literal` is taken as is, and any other JSON is itself with nested templates
 * evaluated. Object members that evaluate to `undefined` are left out.
 *
 * @example
 * evaluateValue({ id: { $ref: ['input', 'orderId'] }, label: { $concat: ['order ', { $ref: ['input', 'orderId'] }] } },
 *   { input: { orderId: 'A1' } }); // { id: 'A1', label: 'order A1' }
 */
export function evaluateValue(template: ValueTemplateV1, scope: ExpressionScope): unknown {
  if (typeof template !== 'object' || template === null) return template;
  if (Array.isArray(template)) {
    return template.map((element: ValueTemplateV1) => {
      const value = evaluateValue(element, scope);
      return value === undefined ? null : value;
    });
  }
  const object = template as TemplateObject;
  switch (onlyKey(object)) {
    case '$ref': {
      const path: unknown = object.$ref;
      if (Array.isArray(path)) return resolveReference(path as (string | number)[], scope);
      break;
    }
    case '$cel':
      if (typeof object.$cel === 'string') return evaluateCel(object.$cel, scope);
      break;
    case '$concat':
      if (Array.isArray(object.$concat)) {
        return (object.$concat as readonly ValueTemplateV1[])
          .map((part) => interpolate(evaluateValue(part, scope)))
          .join('');
      }
      break;
    case '$literal':
      return object.$literal;
    default:
      break;
  }
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(object)) {
    const value = evaluateValue(member, scope);
    if (value !== undefined) out[key] = value;
  }
  return out;
}
