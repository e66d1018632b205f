import { Optional } from '@marcbachmann/cel-js';
import { WeftError } from '../errors/weft-error.js';

const converted = new WeakMap<object, unknown>();

/**
 * Converts a JSON value to the value CEL sees: integral numbers become `int` (BigInt), other
 * numbers stay `double`; `undefined` members are dropped. Objects and arrays are converted once
 * and memoised by identity, so a step output read by many expressions is converted once.
 *
 * @example
 * toCelValue({ n: 2, x: 2.5 }); // { n: 2n, x: 2.5 }
 */
export function toCelValue(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (typeof value !== 'object' || value === null) return value;
  const cached = converted.get(value);
  if (cached !== undefined) return cached;
  let result: unknown;
  if (Array.isArray(value)) {
    result = value.map((element: unknown) => toCelValue(element));
  } else {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      if (member !== undefined) out[key] = toCelValue(member);
    }
    result = out;
  }
  converted.set(value, result);
  return result;
}

/**
 * Converts a CEL result back to JSON: ints (BigInt) become numbers, maps become plain objects,
 * timestamps ISO strings, bytes base64 strings, other CEL objects (durations, types) their string form,
 * optionals their value or null. A non-finite double cannot be JSON and fails.
 *
 * @example
 * fromCelValue({ a: 1n, b: [2n, 2.5] }); // { a: 1, b: [2, 2.5] }
 */
export function fromCelValue(value: unknown, source: string): unknown {
  switch (typeof value) {
    case 'bigint':
      return Number(value);
    case 'number':
      if (!Number.isFinite(value)) {
        throw new WeftError('EXPRESSION_FAILED', {
          message: `The expression "${source}" gave ${String(value)}, which is not a JSON number.`,
          details: { expression: source },
        });
      }
      return value;
    case 'string':
    case 'boolean':
      return value;
    case 'undefined':
      return null;
    case 'object':
      return fromCelObject(value, source);
    default:
      return String(value);
  }
}

function fromCelObject(value: object | null, source: string): unknown {
  if (value === null) return null;
  if (Array.isArray(value)) return value.map((element: unknown) => fromCelValue(element, source));
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [key, member] of value) out[String(key)] = fromCelValue(member, source);
    return out;
  }
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Optional) return value.hasValue() ? fromCelValue(value.value(), source) : null;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return String(value);
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) out[key] = fromCelValue(member, source);
  return out;
}
