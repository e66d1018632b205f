import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalCopy, canonicalJson } from '../../../compiler/emit/canonical-json.js';

/** The canonical serialiser written the slow, obvious way: the reference for the fast path. */
function reference(value: unknown, indent = ''): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map(
      (item: unknown) => `${inner}${item === undefined ? 'null' : reference(item, inner)}`,
    );
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined && typeof record[key] !== 'function')
      .sort();
    if (keys.length === 0) return '{}';
    const members = keys.map((key) => `${inner}${JSON.stringify(key)}: ${reference(record[key], inner)}`);
    return `{\n${members.join(',\n')}\n${indent}}`;
  }
  return 'null';
}

const keys = fc.oneof(fc.string(), fc.constantFrom('0', '10', '2', '__proto__', 'toJSON', 'B', 'a'));
const values = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, false, undefined, Number.NaN, Number.POSITIVE_INFINITY, -0),
    fc.double(),
    fc.integer(),
    fc.string(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(keys, tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('canonicalJson fast path', () => {
  it('writes the same bytes as the reference serialiser', () => {
    fc.assert(
      fc.property(values, (value) => {
        expect(canonicalJson(value)).toBe(`${reference(value)}\n`);
      }),
      { numRuns: 500 },
    );
  });

  it('canonicalCopy is what JSON.parse makes of the canonical JSON', () => {
    fc.assert(
      fc.property(values, (value) => {
        const copy = canonicalCopy(value);
        const parsed: unknown = JSON.parse(canonicalJson(value));
        expect(copy).toStrictEqual(parsed);
        expect(JSON.stringify(copy)).toBe(JSON.stringify(parsed));
      }),
      { numRuns: 500 },
    );
  });
});
