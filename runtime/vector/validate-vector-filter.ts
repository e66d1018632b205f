import type { VectorFilterV1 } from '../spec/v1/vector-store.js';
import { parseVectorFilter } from './parse-vector-filter.js';

/**
 * Checks a metadata filter strictly and returns it typed; a problem is `VECTOR_FILTER_INVALID`
 * with `details.path` (the JSON pointer of the offending part, `''` for the whole filter) and
 * `details.operator` when an operator is involved.
 *
 * Grammar:
 * - A filter is a plain object. Keys starting with `$` are logical operators: `$and` and `$or`
 *   take a non-empty array of filters, `$not` takes one filter. Any other key names a metadata
 *   field; several keys are and-ed; `{}` matches every vector.
 * - A field key is a dotted path (`author.name`): segments are non-empty; each one steps into a
 *   nested object (never into an array). Keys that contain a dot cannot be addressed.
 * - A field's value is a scalar (string, finite number, boolean, null), meaning `$eq`, or an object
 *   of one or more field operators, and-ed: `$eq`, `$ne` (a scalar), `$gt`, `$gte`, `$lt`, `$lte`
 *   (a finite number or a string), `$in`, `$nin` (an array of scalars, may be empty), `$exists`
 *   (a boolean). Unknown operators, other operand types and arrays or objects as values are errors.
 *
 * Semantics (the contract every vector store satisfies; `matchesVectorFilter` is the reference):
 * - A field is *missing* when its path does not resolve, or resolves to `null`: `null` and
 *   absence are the same thing (stores that cannot hold `null` may drop such keys).
 * - A present field has *values*: the field itself when it is a string, number or boolean; the
 *   string, number and boolean elements when it is an array (any element may match, as in
 *   MongoDB); none when it is an object (or an empty array, or an array of nested values).
 * - `$eq: x` matches when one of the values equals `x` (same JSON type: `1` never equals `'1'`);
 *   `$eq: null` matches a missing field. `$in: [..]` matches when `$eq` matches one of its items
 *   (`$in: []` matches nothing). `$ne` and `$nin` are exactly their negations, so they match
 *   missing fields, and an array field with no equal element.
 * - `$gt`/`$gte`/`$lt`/`$lte` match when one of the values has the operand's type (number with a
 *   number, string with a string) and compares as asked; strings compare by Unicode code point
 *   (byte order of UTF-8, SQL `COLLATE "C"`). Other types never match a range.
 * - `$exists: true` matches a present field (including `[]` and `{}`); `$exists: false` a missing one.
 * - `$not: f` matches exactly what `f` does not match.
 *
 * @example
 * const filter = validateVectorFilter({ $or: [{ lang: 'en' }, { year: { $gte: 2024 } }] });
 * validateVectorFilter({ year: { $gt: true } }); // throws VECTOR_FILTER_INVALID, details.path '/year/$gt'
 */
export function validateVectorFilter(filter: unknown): VectorFilterV1 {
  parseVectorFilter(filter);
  return filter as VectorFilterV1;
}
