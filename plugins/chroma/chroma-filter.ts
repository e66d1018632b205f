import { weftError } from '../../runtime/errors/create-weft-error.js';
import type { VectorFilterScalarV1 } from '../../runtime/spec/v1/vector-store.js';
import type {
  VectorFieldCondition,
  VectorFilterNode,
  VectorRangeOperator,
} from '../../runtime/vector/parse-vector-filter.js';

/**
 * A Chroma `where` clause (its JSON: one key per object).
 *
 * @example
 * const where: ChromaWhere = { lang: { $eq: 'en' } };
 */
export type ChromaWhere = { readonly [key: string]: unknown };

/**
 * A translated filter: a `where` clause, or a constant when the filter is always or never true.
 *
 * @example
 * const always: ChromaWhereTranslation = true;
 */
export type ChromaWhereTranslation = ChromaWhere | boolean;

/**
 * Translates a parsed weft filter to a Chroma `where` clause, exactly, or refuses it with
 * `VECTOR_FILTER_UNSUPPORTED` naming the operator:
 * - Chroma has no `$not` and no `$exists`, so `$not`, `$exists` and comparisons with `null`
 *   (`$eq: null` means "missing") are refused.
 * - `$ne`/`$nin` map directly: Chroma's own `$ne`/`$nin` match records without the field.
 * - Chroma compares a number with numbers of its own kind (an integer operand never meets a float
 *   value), so a range on numbers is an `$or` of an integer and a float form with the same meaning
 *   (`$lt: 3` -> `$lt: 3` or `$lte: 2.9999999999999996`); `$in` lists are split by type.
 * - String ranges are refused (Chroma ranges are numeric).
 * Nested fields are dotted keys, as the metadata is flattened. Every object has one key and every
 * `$and`/`$or` at least two clauses, as Chroma requires.
 *
 * @example
 * toChromaWhere(parseVectorFilter({ genre: 'drama', year: { $gt: 2000 } }));
 * // { $and: [{ genre: { $eq: 'drama' } }, { $or: [{ year: { $gt: 2000 } }, { year: { $gte: 2000.0000000000002 } }] }] }
 */
export function toChromaWhere(node: VectorFilterNode): ChromaWhereTranslation {
  switch (node.kind) {
    case 'and':
      return combine('$and', node.children.map(toChromaWhere));
    case 'or':
      return combine('$or', node.children.map(toChromaWhere));
    case 'not':
      throw unsupported('$not', undefined, 'Chroma has no $not');
    case 'condition':
      return condition(node);
  }
}

function condition(node: VectorFieldCondition): ChromaWhereTranslation {
  const key = node.field;
  switch (node.operator) {
    case '$exists':
      throw unsupported('$exists', key, 'Chroma has no $exists');
    case '$eq':
    case '$ne':
      if (node.value === null) {
        throw unsupported(node.operator, key, `comparing with null means $exists, which Chroma lacks`);
      }
      return { [key]: { [node.operator]: node.value } };
    case '$in':
    case '$nin': {
      if (node.value.includes(null)) {
        throw unsupported(node.operator, key, `a null in the list means $exists, which Chroma lacks`);
      }
      const groups = groupByType(node.value as Exclude<VectorFilterScalarV1, null>[]);
      return combine(
        node.operator === '$in' ? '$or' : '$and',
        groups.map((group) => ({ [key]: { [node.operator]: group } })),
      );
    }
    default:
      if (typeof node.value === 'string') {
        throw unsupported(node.operator, key, 'Chroma compares numbers only (no string ranges)');
      }
      return combine(
        '$or',
        numericForms(node.operator, node.value).map((form) => ({ [key]: form })),
      );
  }
}

/** The integer form and the float form of a numeric range condition. */
function numericForms(operator: VectorRangeOperator, value: number): Record<string, number>[] {
  if (!Number.isInteger(value)) {
    const integer = {
      $gt: { $gt: Math.floor(value) },
      $gte: { $gte: Math.ceil(value) },
      $lt: { $lt: Math.ceil(value) },
      $lte: { $lte: Math.floor(value) },
    }[operator];
    return [integer, { [operator]: value }];
  }
  const float = {
    $gt: { $gte: nextFloat(value, 1) },
    $gte: { $gt: nextFloat(value, -1) },
    $lt: { $lte: nextFloat(value, -1) },
    $lte: { $lt: nextFloat(value, 1) },
  }[operator];
  return [{ [operator]: value }, float];
}

/** The neighbouring double of `value` upwards (1) or downwards (-1). */
function nextFloat(value: number, direction: 1 | -1): number {
  if (value === 0) return direction * Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigInt64(0);
  view.setBigInt64(0, value > 0 === direction > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

function groupByType(
  values: readonly Exclude<VectorFilterScalarV1, null>[],
): (string | number | boolean)[][] {
  const groups = new Map<string, (string | number | boolean)[]>();
  for (const value of values) {
    const kind = typeof value === 'number' ? (Number.isInteger(value) ? 'int' : 'float') : typeof value;
    groups.set(kind, [...(groups.get(kind) ?? []), value]);
  }
  return [...groups.values()];
}

/** `$and`/`$or` of translations, folding constants and single clauses. */
function combine(operator: '$and' | '$or', parts: readonly ChromaWhereTranslation[]): ChromaWhereTranslation {
  const absorbing = operator === '$or';
  const clauses: ChromaWhere[] = [];
  for (const part of parts) {
    if (part === absorbing) return absorbing;
    if (part !== !absorbing) clauses.push(part as ChromaWhere);
  }
  if (clauses.length === 0) return !absorbing;
  if (clauses.length === 1) return clauses[0] as ChromaWhere;
  return { [operator]: clauses };
}

function unsupported(operator: string, field: string | undefined, reason: string) {
  return weftError('VECTOR_FILTER_UNSUPPORTED', {
    message: `The chroma vector store cannot express the filter operator "${operator}"${field === undefined ? '' : ` on "${field}"`}: ${reason}.`,
    details: { store: 'chroma', operator, ...(field === undefined ? {} : { field }) },
  });
}
