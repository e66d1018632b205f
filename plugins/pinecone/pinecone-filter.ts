import { weftError } from '../../runtime/errors/create-weft-error.js';
import type { VectorFilterScalarV1 } from '../../runtime/spec/v1/vector-store.js';
import type { VectorFieldCondition, VectorFilterNode } from '../../runtime/vector/parse-vector-filter.js';

/**
 * A Pinecone metadata filter (its MongoDB-like JSON).
 *
 * @example
 * const filter: PineconeFilter = { lang: { $eq: 'en' } };
 */
export type PineconeFilter = { readonly [key: string]: unknown };

/**
 * A translated filter: a Pinecone filter, or a constant when the filter is always or never true.
 *
 * @example
 * const never: PineconeFilterTranslation = false;
 */
export type PineconeFilterTranslation = PineconeFilter | boolean;

/**
 * Translates a parsed weft filter to Pinecone's filter language, exactly:
 * - `$not` is refused (`VECTOR_FILTER_UNSUPPORTED`): Pinecone has no `$not`, and a negated range
 *   ("not a number below 2010") has no exact equivalent.
 * - `$ne`/`$nin` also match records without the field (weft semantics), so they are emitted as
 *   `{ $or: [{ f: { $ne: x } }, { f: { $exists: false } }] }` (Pinecone's `$ne` needs the field).
 * - `$eq: null` is `$exists: false` (nulls are not stored); `$in` with booleans or mixed types is
 *   an `$or` of `$eq` (Pinecone's `$in` takes strings or numbers).
 * - String ranges are refused (Pinecone ranges are numeric): `VECTOR_FILTER_UNSUPPORTED`.
 * - Nested fields are dotted keys, as the metadata is flattened (see `toPineconeMetadata`).
 * Returns `true` for a filter that matches everything, `false` for one that matches nothing.
 *
 * @example
 * toPineconeFilter(parseVectorFilter({ lang: { $ne: 'en' } }));
 * // { $or: [{ lang: { $ne: 'en' } }, { lang: { $exists: false } }] }
 */
export function toPineconeFilter(node: VectorFilterNode): PineconeFilterTranslation {
  refuseNegation(node);
  return translate(node);
}

/**
 * `$not` is refused as a whole, even where pushing it down would be exact (`$not: { a: 1 }` is
 * `a $ne 1`): a negated range is not expressible (Pinecone cannot select "not a number"), and one
 * rule is easier to rely on than a list of shapes that happen to work.
 */
function refuseNegation(node: VectorFilterNode): void {
  if (node.kind === 'not') {
    throw unsupported(
      '$not',
      undefined,
      'Pinecone has no $not, and a negated range cannot be expressed exactly',
    );
  }
  if (node.kind === 'and' || node.kind === 'or') for (const child of node.children) refuseNegation(child);
}

function translate(node: VectorFilterNode): PineconeFilterTranslation {
  switch (node.kind) {
    case 'and':
      return combine('$and', node.children.map(translate));
    case 'or':
      return combine('$or', node.children.map(translate));
    case 'not':
      throw unsupported('$not', undefined, 'Pinecone has no $not');
    case 'condition':
      return condition(node);
  }
}

function condition(node: VectorFieldCondition): PineconeFilterTranslation {
  const key = node.field;
  const field = (operators: PineconeFilter): PineconeFilter => ({ [key]: operators });
  const missing = field({ $exists: false });
  switch (node.operator) {
    case '$exists':
      return field({ $exists: node.value });
    case '$eq':
      return node.value === null ? missing : field({ $eq: node.value });
    case '$ne':
      return node.value === null
        ? field({ $exists: true })
        : combine('$or', [field({ $ne: node.value }), missing]);
    case '$in': {
      const values = node.value.filter((value) => value !== null);
      const parts: PineconeFilterTranslation[] = [values.length === 0 ? false : inList(key, values)];
      if (values.length < node.value.length) parts.push(missing);
      return combine('$or', parts);
    }
    case '$nin': {
      const values = node.value.filter((value) => value !== null);
      const outside = values.length === 0 ? true : notInList(key, values);
      return values.length < node.value.length
        ? combine('$and', [field({ $exists: true }), outside])
        : combine('$or', [outside, missing]);
    }
    default:
      if (typeof node.value === 'string') {
        throw unsupported(node.operator, key, 'Pinecone compares numbers only (no string ranges)');
      }
      return field({ [node.operator]: node.value });
  }
}

type ListValue = Exclude<VectorFilterScalarV1, null>;

function homogeneous(values: readonly ListValue[]): boolean {
  return (
    values.every((value) => typeof value === 'string') || values.every((value) => typeof value === 'number')
  );
}

function inList(key: string, values: readonly ListValue[]): PineconeFilterTranslation {
  if (homogeneous(values)) return { [key]: { $in: [...values] } };
  return combine(
    '$or',
    values.map((value) => ({ [key]: { $eq: value } })),
  );
}

function notInList(key: string, values: readonly ListValue[]): PineconeFilterTranslation {
  if (homogeneous(values)) return { [key]: { $nin: [...values] } };
  return combine(
    '$and',
    values.map((value) => ({ [key]: { $ne: value } })),
  );
}

/** `$and`/`$or` of translations, folding constants and single children. */
function combine(
  operator: '$and' | '$or',
  parts: readonly PineconeFilterTranslation[],
): PineconeFilterTranslation {
  const absorbing = operator === '$or';
  const filters: PineconeFilter[] = [];
  for (const part of parts) {
    if (part === absorbing) return absorbing;
    if (part !== !absorbing) filters.push(part as PineconeFilter);
  }
  if (filters.length === 0) return !absorbing;
  if (filters.length === 1) return filters[0] as PineconeFilter;
  return { [operator]: filters };
}

function unsupported(operator: string, field: string | undefined, reason: string) {
  return weftError('VECTOR_FILTER_UNSUPPORTED', {
    message: `The pinecone vector store cannot express the filter operator "${operator}"${field === undefined ? '' : ` on "${field}"`}: ${reason}.`,
    details: { store: 'pinecone', operator, ...(field === undefined ? {} : { field }) },
  });
}
