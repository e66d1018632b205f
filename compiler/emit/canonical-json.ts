/**
 * Serialises JSON canonically: object keys sorted by UTF-16 code units (integer-like keys
 * included, unlike `JSON.stringify`), 2-space indent, a trailing newline. `undefined` members are
 * dropped as `JSON.stringify` drops them; the same value always gives the same bytes.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, null] }); // '{\n  "a": [\n    true,\n    null\n  ],\n  "b": 1\n}\n'
 */
export function canonicalJson(value: unknown): string {
  return `${serialise(value, '')}\n`;
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
