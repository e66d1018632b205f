import { weftError } from '../../runtime/errors/create-weft-error.js';
import type { VectorFilterScalarV1 } from '../../runtime/spec/v1/vector-store.js';
import type { VectorFieldCondition, VectorFilterNode } from '../../runtime/vector/parse-vector-filter.js';

/**
 * A Qdrant filter or condition (its JSON).
 *
 * @example
 * const condition: QdrantCondition = { key: 'lang', match: { value: 'en' } };
 */
export type QdrantCondition = { readonly [key: string]: unknown };

/** A filter that matches nothing (`has_id` of no point). */
const nothing: QdrantCondition = { has_id: [] };

/**
 * Translates a parsed weft filter to a Qdrant payload filter, exactly:
 * - `$and` -> `must`, `$or` -> `should`, `$not` -> `must_not`; `$ne`/`$nin` are `must_not` of the
 *   positive condition, so they match points without the field, as weft requires.
 * - Strings and booleans use `match.value` / `match.any` (strings); numbers use `range` with
 *   `gte = lte = x` (Qdrant's `match` takes no floats), so `1` never matches `'1'`.
 * - A missing field (`$exists: false`, `$eq: null`) is `is_empty`, which in Qdrant also holds for
 *   an empty array: `$exists` treats `[]` as missing (the one known difference).
 * - String ranges are refused (Qdrant's `range` on strings means datetimes):
 *   `VECTOR_FILTER_UNSUPPORTED` naming the operator.
 * Dotted paths are Qdrant keys as they are (`author.name`).
 *
 * @example
 * toQdrantFilter(parseVectorFilter({ genre: { $ne: 'drama' } }));
 * // { must_not: [{ key: 'genre', match: { value: 'drama' } }] }
 * toQdrantFilter(parseVectorFilter({ genre: 'drama' })); // { must: [{ key: 'genre', match: { value: 'drama' } }] }
 */
export function toQdrantFilter(node: VectorFilterNode): QdrantCondition {
  const translated = translate(node);
  return 'must' in translated || 'should' in translated || 'must_not' in translated
    ? translated
    : { must: [translated] };
}

function translate(node: VectorFilterNode): QdrantCondition {
  switch (node.kind) {
    case 'and':
      return { must: node.children.map(translate) };
    case 'or':
      return { should: node.children.map(translate) };
    case 'not':
      return { must_not: [translate(node.child)] };
    case 'condition':
      return condition(node);
  }
}

function condition(node: VectorFieldCondition): QdrantCondition {
  const key = node.field;
  const empty = { is_empty: { key } };
  switch (node.operator) {
    case '$exists':
      return node.value ? { must_not: [empty] } : empty;
    case '$eq':
      return node.value === null ? empty : equals(key, node.value);
    case '$ne':
      return { must_not: [node.value === null ? empty : equals(key, node.value)] };
    case '$in':
      return anyOf(key, node.value);
    case '$nin':
      return { must_not: [anyOf(key, node.value)] };
    default:
      if (typeof node.value === 'string') {
        throw weftError('VECTOR_FILTER_UNSUPPORTED', {
          message: `The qdrant vector store cannot express the filter operator "${node.operator}" on "${key}": Qdrant ranges compare numbers (or datetimes), not strings.`,
          details: { store: 'qdrant', operator: node.operator, field: key },
        });
      }
      return { key, range: { [node.operator.slice(1)]: node.value } };
  }
}

function equals(key: string, value: Exclude<VectorFilterScalarV1, null>): QdrantCondition {
  return typeof value === 'number' ? { key, range: { gte: value, lte: value } } : { key, match: { value } };
}

function anyOf(key: string, values: readonly VectorFilterScalarV1[]): QdrantCondition {
  const strings = values.filter((value): value is string => typeof value === 'string');
  const others = values.filter((value) => typeof value !== 'string');
  const parts: QdrantCondition[] = [];
  if (strings.length > 0) parts.push({ key, match: { any: strings } });
  for (const value of others) parts.push(value === null ? { is_empty: { key } } : equals(key, value));
  if (parts.length === 0) return nothing;
  return parts.length === 1 ? (parts[0] as QdrantCondition) : { should: parts };
}
