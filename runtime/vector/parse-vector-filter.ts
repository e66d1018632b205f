import { weftError } from '../errors/create-weft-error.js';
import type { VectorFilterScalarV1 } from '../spec/v1/vector-store.js';

/** The operators a field condition may use. */
export type VectorFieldOperator =
  | '$eq'
  | '$ne'
  | '$gt'
  | '$gte'
  | '$lt'
  | '$lte'
  | '$in'
  | '$nin'
  | '$exists';

/** The range operators (their operand is a number or a string). */
export type VectorRangeOperator = '$gt' | '$gte' | '$lt' | '$lte';

/**
 * One condition on one metadata field, as `parseVectorFilter` returns it: `field` as written,
 * `path` its dotted segments, `pointer` the JSON pointer of the operator in the filter (for errors).
 *
 * @example
 * const condition: VectorFieldCondition = {
 *   kind: 'condition', field: 'author.name', path: ['author', 'name'], pointer: '/author.name/$eq',
 *   operator: '$eq', value: 'Ada',
 * };
 */
export type VectorFieldCondition = {
  readonly kind: 'condition';
  readonly field: string;
  readonly path: readonly string[];
  readonly pointer: string;
} & (
  | { readonly operator: '$eq' | '$ne'; readonly value: VectorFilterScalarV1 }
  | { readonly operator: VectorRangeOperator; readonly value: number | string }
  | { readonly operator: '$in' | '$nin'; readonly value: readonly VectorFilterScalarV1[] }
  | { readonly operator: '$exists'; readonly value: boolean }
);

/**
 * A validated filter as a tree: what adapters translate (SQL, Pinecone, Qdrant, Chroma) and what
 * `matchesVectorFilter` evaluates. An `and` without children matches everything.
 *
 * @example
 * const node: VectorFilterNode = { kind: 'not', child: { kind: 'and', children: [] } }; // matches nothing
 */
export type VectorFilterNode =
  | { readonly kind: 'and'; readonly children: readonly VectorFilterNode[] }
  | { readonly kind: 'or'; readonly children: readonly VectorFilterNode[] }
  | { readonly kind: 'not'; readonly child: VectorFilterNode }
  | VectorFieldCondition;

const fieldOperators = new Set<string>([
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$exists',
]);
const logicalOperators = new Set<string>(['$and', '$or', '$not']);

/**
 * Checks a metadata filter strictly and returns it as a tree (see `validateVectorFilter` for the
 * grammar and the semantics). Any problem is `VECTOR_FILTER_INVALID` with `details.path`, the JSON
 * pointer of the offending part, and `details.operator` when an operator is involved.
 *
 * @example
 * parseVectorFilter({ lang: 'en', year: { $gte: 2024 } });
 * // { kind: 'and', children: [{ kind: 'condition', field: 'lang', operator: '$eq', value: 'en', ... }, ...] }
 */
export function parseVectorFilter(filter: unknown): VectorFilterNode {
  return parseFilterObject(filter, '');
}

function parseFilterObject(filter: unknown, pointer: string): VectorFilterNode {
  if (!isPlainObject(filter)) {
    throw invalid(pointer, undefined, `a filter must be an object, got ${describe(filter)}`);
  }
  const children: VectorFilterNode[] = [];
  for (const [key, value] of Object.entries(filter)) {
    const keyPointer = `${pointer}/${escapePointer(key)}`;
    if (value === undefined) continue;
    if (key.startsWith('$')) children.push(parseLogical(key, value, keyPointer));
    else children.push(parseField(key, value, keyPointer));
  }
  const only = children[0];
  return children.length === 1 && only !== undefined ? only : { kind: 'and', children };
}

function parseLogical(operator: string, value: unknown, pointer: string): VectorFilterNode {
  if (!logicalOperators.has(operator)) {
    const hint = fieldOperators.has(operator)
      ? ' (field operators go inside a field: { field: { $eq: 1 } })'
      : '';
    throw invalid(pointer, operator, `unknown operator "${operator}" at the top of a filter${hint}`);
  }
  if (operator === '$not') return { kind: 'not', child: parseFilterObject(value, pointer) };
  if (!Array.isArray(value) || value.length === 0) {
    throw invalid(
      pointer,
      operator,
      `"${operator}" takes a non-empty array of filters, got ${describe(value)}`,
    );
  }
  const children = value.map((item, index) => parseFilterObject(item, `${pointer}/${index}`));
  return { kind: operator === '$and' ? 'and' : 'or', children };
}

function parseField(field: string, value: unknown, pointer: string): VectorFilterNode {
  const path = field.split('.');
  if (path.some((segment) => segment === '')) {
    throw invalid(
      pointer,
      undefined,
      `invalid field name "${field}": empty names and empty dotted segments are not allowed`,
    );
  }
  if (!isPlainObject(value)) {
    if (Array.isArray(value)) {
      throw invalid(pointer, undefined, `field "${field}" is compared with an array; use { $in: [...] }`);
    }
    return condition(field, path, pointer, '$eq', value, pointer);
  }
  const entries = Object.entries(value).filter(([, operand]) => operand !== undefined);
  if (entries.length === 0) {
    throw invalid(pointer, undefined, `field "${field}" has an empty condition; give at least one operator`);
  }
  const conditions = entries.map(([operator, operand]) =>
    condition(field, path, `${pointer}/${escapePointer(operator)}`, operator, operand, pointer),
  );
  const only = conditions[0];
  return conditions.length === 1 && only !== undefined ? only : { kind: 'and', children: conditions };
}

function condition(
  field: string,
  path: readonly string[],
  pointer: string,
  operator: string,
  operand: unknown,
  fieldPointer: string,
): VectorFieldCondition {
  const base = { kind: 'condition', field, path, pointer } as const;
  switch (operator) {
    case '$eq':
    case '$ne':
      return { ...base, operator, value: scalar(operand, pointer, operator) };
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte':
      if (typeof operand === 'string' || isFiniteNumber(operand))
        return { ...base, operator, value: operand };
      throw invalid(pointer, operator, `"${operator}" takes a number or a string, got ${describe(operand)}`);
    case '$in':
    case '$nin':
      if (!Array.isArray(operand)) {
        throw invalid(pointer, operator, `"${operator}" takes an array of scalars, got ${describe(operand)}`);
      }
      return {
        ...base,
        operator,
        value: operand.map((item, index) => scalar(item, `${pointer}/${index}`, operator)),
      };
    case '$exists':
      if (typeof operand === 'boolean') return { ...base, operator, value: operand };
      throw invalid(pointer, operator, `"$exists" takes true or false, got ${describe(operand)}`);
    default:
      if (operator.startsWith('$')) {
        throw invalid(pointer, operator, `unknown operator "${operator}" on field "${field}"`);
      }
      throw invalid(
        fieldPointer,
        undefined,
        `field "${field}" is compared with an object; name nested fields with a dotted path ("${field}.${operator}")`,
      );
  }
}

function scalar(value: unknown, pointer: string, operator: string): VectorFilterScalarV1 {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || isFiniteNumber(value)) {
    return value;
  }
  throw invalid(
    pointer,
    operator,
    `"${operator}" compares with a string, a finite number, a boolean or null, got ${describe(value)}`,
  );
}

function invalid(pointer: string, operator: string | undefined, reason: string) {
  return weftError('VECTOR_FILTER_INVALID', {
    message: `Invalid vector filter at ${pointer === '' ? 'its root' : `"${pointer}"`}: ${reason}.`,
    details: operator === undefined ? { path: pointer } : { path: pointer, operator },
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}
