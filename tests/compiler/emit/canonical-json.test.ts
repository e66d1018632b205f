import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../compiler/emit/canonical-json.js';

describe('canonicalJson', () => {
  it.each([
    [
      'sorts keys, nested ones too',
      { b: 1, a: { d: [], c: {} } },
      '{\n  "a": {\n    "c": {},\n    "d": []\n  },\n  "b": 1\n}\n',
    ],
    [
      'sorts integer-like keys as strings (JSON.stringify would not)',
      { 2: 'x', 10: 'y', a: 'z' },
      '{\n  "10": "y",\n  "2": "x",\n  "a": "z"\n}\n',
    ],
    ['keeps array order and indents by two spaces', [3, [1, 2]], '[\n  3,\n  [\n    1,\n    2\n  ]\n]\n'],
    ['drops undefined members', { a: undefined, b: null }, '{\n  "b": null\n}\n'],
    ['writes scalars with a trailing newline', 'x"y', '"x\\"y"\n'],
    ['writes non-finite numbers as null', { n: Number.NaN }, '{\n  "n": null\n}\n'],
    [
      'sorts by code units: uppercase before lowercase',
      { b: 1, B: 2, a: 3 },
      '{\n  "B": 2,\n  "a": 3,\n  "b": 1\n}\n',
    ],
  ])('%s', (_name, given, want) => {
    expect(canonicalJson(given)).toBe(want);
  });

  it('gives the same bytes for the same value built in a different key order', () => {
    expect(canonicalJson({ x: { p: 1, q: [{ s: 1, r: 2 }] }, w: true })).toBe(
      canonicalJson({ w: true, x: { q: [{ r: 2, s: 1 }], p: 1 } }),
    );
  });

  it('round-trips through JSON.parse', () => {
    const value = { z: [1, 'two', { three: null }], a: { nested: true } };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });
});
