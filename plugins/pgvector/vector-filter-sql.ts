import type { VectorFieldCondition, VectorFilterNode } from '../../runtime/vector/parse-vector-filter.js';

/**
 * The parameters of one statement: `add(value)` appends a value and returns its placeholder.
 *
 * @example
 * const params = new SqlParameters(1); // $1 is taken by the query vector
 * params.add('en'); // '$2'
 */
export class SqlParameters {
  readonly values: unknown[] = [];
  readonly #offset: number;

  constructor(offset = 0) {
    this.#offset = offset;
  }

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.#offset + this.values.length}`;
  }
}

/**
 * Translates a parsed metadata filter into a boolean SQL expression over a `metadata jsonb`
 * column, with every value and field name as a parameter (never spliced into the SQL). Follows
 * the semantics documented on `validateVectorFilter`: a field resolves through nested objects only
 * (`jsonb_typeof(...) = 'object'` guards), JSON `null` is missing, array fields match when an
 * element does, ranges compare numbers as `numeric` and strings with `COLLATE "C"` (code point
 * order). Every condition yields true or false (never SQL NULL), so `NOT` is exact.
 *
 * @example
 * const params = new SqlParameters();
 * const where = vectorFilterSql(parseVectorFilter({ lang: 'en' }), params, 'metadata');
 */
export function vectorFilterSql(node: VectorFilterNode, params: SqlParameters, column: string): string {
  switch (node.kind) {
    case 'and':
      return node.children.length === 0
        ? 'TRUE'
        : `(${node.children.map((child) => vectorFilterSql(child, params, column)).join(' AND ')})`;
    case 'or':
      return `(${node.children.map((child) => vectorFilterSql(child, params, column)).join(' OR ')})`;
    case 'not':
      return `(NOT ${vectorFilterSql(node.child, params, column)})`;
    case 'condition':
      return conditionSql(node, params, column);
  }
}

function conditionSql(condition: VectorFieldCondition, params: SqlParameters, column: string): string {
  if (condition.operator === '$in' && condition.value.length === 0) return 'FALSE';
  if (condition.operator === '$nin' && condition.value.length === 0) return 'TRUE';
  const field = fieldSql(condition.path, params, column);
  switch (condition.operator) {
    case '$exists':
      return condition.value ? presentSql(field) : `(NOT ${presentSql(field)})`;
    case '$eq':
      return equalsSql(field, condition.value, params);
    case '$ne':
      return `(NOT ${equalsSql(field, condition.value, params)})`;
    case '$in':
      return `(${condition.value.map((item) => equalsSql(field, item, params)).join(' OR ')})`;
    case '$nin':
      return `(NOT (${condition.value.map((item) => equalsSql(field, item, params)).join(' OR ')}))`;
    default:
      return rangeSql(field, condition.operator, condition.value, params);
  }
}

/** The field's jsonb value, or SQL NULL when a step of its path is not an object. */
function fieldSql(path: readonly string[], params: SqlParameters, column: string): string {
  const keys = path.map((segment) => params.add(segment));
  if (keys.length === 1) return `(${column} -> ${keys[0]})`;
  const guards = keys
    .slice(0, -1)
    .map(
      (_, end) => `jsonb_typeof(${column} #> ARRAY[${keys.slice(0, end + 1).join(', ')}]::text[]) = 'object'`,
    );
  return `(CASE WHEN ${guards.join(' AND ')} THEN ${column} #> ARRAY[${keys.join(', ')}]::text[] END)`;
}

function presentSql(field: string): string {
  return `COALESCE(jsonb_typeof(${field}) <> 'null', FALSE)`;
}

function equalsSql(field: string, value: string | number | boolean | null, params: SqlParameters): string {
  if (value === null) return `(NOT ${presentSql(field)})`;
  const scalar = params.add(JSON.stringify(value));
  const list = params.add(JSON.stringify([value]));
  return `COALESCE(${field} = ${scalar}::jsonb OR (jsonb_typeof(${field}) = 'array' AND ${field} @> ${list}::jsonb), FALSE)`;
}

const comparisons = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' } as const;

function rangeSql(
  field: string,
  operator: keyof typeof comparisons,
  value: number | string,
  params: SqlParameters,
): string {
  const elements = `jsonb_array_elements(CASE WHEN jsonb_typeof(${field}) = 'array' THEN ${field} ELSE jsonb_build_array(${field}) END)`;
  // CASE, not AND: Postgres may evaluate AND operands in any order, and casting a non-number fails.
  const comparison =
    typeof value === 'number'
      ? `CASE WHEN jsonb_typeof(element.value) = 'number' THEN (element.value)::numeric ${comparisons[operator]} ${params.add(String(value))}::numeric END`
      : `CASE WHEN jsonb_typeof(element.value) = 'string' THEN (element.value #>> '{}') COLLATE "C" ${comparisons[operator]} ${params.add(value)}::text END`;
  return `EXISTS (SELECT 1 FROM ${elements} AS element(value) WHERE ${comparison})`;
}
