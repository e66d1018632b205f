/**
 * Serialises JSON canonically: object keys sorted by UTF-16 code units (integer-like keys
 * included, unlike `JSON.stringify`), 2-space indent, a trailing newline. `undefined` members are
 * dropped as `JSON.stringify` drops them; the same value always gives the same bytes.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, null] }); // '{\n  "a": [\n    true,\n    null\n  ],\n  "b": 1\n}\n'
 */
export function canonicalJson(value: unknown): string {
  const state = { integerKeys: false };
  const sorted = sortedCopy(value, state);
  // Fast path: JSON.stringify writes a key-sorted copy in the same bytes, unless an object has an
  // integer-like key (JavaScript lists those first, in numeric order).
  if (!state.integerKeys) return `${JSON.stringify(sorted, null, 2)}\n`;
  return `${serialise(value, '')}\n`;
}

/**
 * The value `JSON.parse(canonicalJson(value))` gives, built directly: a deep copy with object
 * keys inserted in sorted order, `undefined` and function members dropped, non-finite numbers,
 * `undefined` array items and other non-JSON values as `null`, `-0` as `0`.
 *
 * @example
 * Object.keys(canonicalCopy({ b: 1, a: 2 }) as object); // ['a', 'b']
 */
export function canonicalCopy(value: unknown): unknown {
  return sortedCopy(value, { integerKeys: false });
}

const integerLike = /^\d+$/;

function sortedCopy(value: unknown, state: { integerKeys: boolean }): unknown {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (let index = 0; index < value.length; index++) items.push(sortedCopy(value[index], state));
    return items;
  }
  if (typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort(compareCodeUnits)) {
    const member = record[key];
    if (member === undefined || typeof member === 'function') continue;
    if (integerLike.test(key)) state.integerKeys = true;
    const child = sortedCopy(member, state);
    // A "__proto__" member stays a member, as JSON.parse makes it.
    if (key === '__proto__')
      Object.defineProperty(copy, key, {
        value: child,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else copy[key] = child;
  }
  return copy;
}

function serialise(value: unknown, indent: string): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map(
      (item: unknown) => `${inner}${item === undefined ? 'null' : serialise(item, inner)}`,
    );
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined && typeof record[key] !== 'function')
      .sort(compareCodeUnits);
    if (keys.length === 0) return '{}';
    const members = keys.map((key) => `${inner}${JSON.stringify(key)}: ${serialise(record[key], inner)}`);
    return `{\n${members.join(',\n')}\n${indent}}`;
  }
  return 'null';
}

/** Orders strings by UTF-16 code units, the order `Array.prototype.sort` uses without a comparator. */
export function compareCodeUnits(left: string, right: string): number {
  if (left === right) return 0;
  return left < right ? -1 : 1;
}
