import type {
  VectorFilterScalarV1,
  VectorFilterV1,
  VectorMetadataV1,
  VectorMetadataValueV1,
} from '../spec/v1/vector-store.js';
import {
  parseVectorFilter,
  type VectorFieldCondition,
  type VectorFilterNode,
} from './parse-vector-filter.js';

/**
 * Whether `metadata` matches `filter`, by the reference semantics documented on
 * `validateVectorFilter` (used by `MemoryVectorStore` and by exact-search fallbacks). The filter
 * is validated first (`VECTOR_FILTER_INVALID`).
 *
 * @example
 * matchesVectorFilter({ lang: 'en', tags: ['a', 'b'] }, { tags: 'b', year: { $exists: false } }); // true
 */
export function matchesVectorFilter(metadata: VectorMetadataV1 | undefined, filter: VectorFilterV1): boolean {
  return matchNode(metadata ?? {}, parseVectorFilter(filter));
}

/**
 * `matchesVectorFilter` for a filter already parsed by `parseVectorFilter` (parse once, match many).
 *
 * @example
 * const node = parseVectorFilter({ lang: 'en' });
 * records.filter((record) => matchesVectorFilterNode(record.metadata, node));
 */
export function matchesVectorFilterNode(
  metadata: VectorMetadataV1 | undefined,
  node: VectorFilterNode,
): boolean {
  return matchNode(metadata ?? {}, node);
}

function matchNode(metadata: VectorMetadataV1, node: VectorFilterNode): boolean {
  switch (node.kind) {
    case 'and':
      return node.children.every((child) => matchNode(metadata, child));
    case 'or':
      return node.children.some((child) => matchNode(metadata, child));
    case 'not':
      return !matchNode(metadata, node.child);
    case 'condition':
      return matchCondition(resolvePath(metadata, node.path), node);
  }
}

function matchCondition(field: VectorMetadataValueV1 | undefined, condition: VectorFieldCondition): boolean {
  const present = field !== undefined && field !== null;
  switch (condition.operator) {
    case '$exists':
      return present === condition.value;
    case '$eq':
      return equalsOne(field, [condition.value]);
    case '$ne':
      return !equalsOne(field, [condition.value]);
    case '$in':
      return equalsOne(field, condition.value);
    case '$nin':
      return !equalsOne(field, condition.value);
    default: {
      const operand = condition.value;
      return valuesOf(field).some(
        (value) =>
          typeof value === typeof operand && compare(value as number | string, operand, condition.operator),
      );
    }
  }
}

function equalsOne(
  field: VectorMetadataValueV1 | undefined,
  items: readonly VectorFilterScalarV1[],
): boolean {
  const values = valuesOf(field);
  return items.some((item) =>
    item === null ? field === undefined || field === null : values.includes(item),
  );
}

/** A field's comparable values: itself when scalar, its scalar elements when an array. */
function valuesOf(field: VectorMetadataValueV1 | undefined): readonly (string | number | boolean)[] {
  if (field === undefined || field === null) return [];
  if (Array.isArray(field)) return field.filter(isComparable);
  return isComparable(field) ? [field] : [];
}

function isComparable(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function compare(value: number | string, operand: number | string, operator: string): boolean {
  const order =
    typeof value === 'string' ? compareCodePoints(value, operand as string) : value - (operand as number);
  if (operator === '$gt') return order > 0;
  if (operator === '$gte') return order >= 0;
  if (operator === '$lt') return order < 0;
  return order <= 0;
}

/** Orders strings by Unicode code point (UTF-8 byte order), not by UTF-16 unit. */
function compareCodePoints(left: string, right: string): number {
  const a = [...left];
  const b = [...right];
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const difference = (a[index]?.codePointAt(0) ?? 0) - (b[index]?.codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

function resolvePath(metadata: VectorMetadataV1, path: readonly string[]): VectorMetadataValueV1 | undefined {
  let current: VectorMetadataValueV1 | undefined = metadata;
  for (const segment of path) {
    if (!isMetadataObject(current)) return undefined;
    current = Object.hasOwn(current, segment) ? current[segment] : undefined;
  }
  return current;
}

function isMetadataObject(
  value: VectorMetadataValueV1 | undefined,
): value is { readonly [key: string]: VectorMetadataValueV1 } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
