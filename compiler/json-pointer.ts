/**
 * Splits a JSON pointer (RFC 6901) into its unescaped segments.
 *
 * @example
 * pointerSegments('/spec/steps/0/with/a~1b'); // ['spec', 'steps', '0', 'with', 'a/b']
 */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '/' ? [''] : [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Builds a JSON pointer from segments, escaping `~` and `/`.
 *
 * @example
 * toPointer(['spec', 'steps', 0]); // '/spec/steps/0'
 */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/**
 * The value at a JSON pointer inside plain data, or undefined.
 *
 * @example
 * valueAt({ a: [1, { b: 2 }] }, '/a/1/b'); // 2
 */
export function valueAt(data: unknown, pointer: string): unknown {
  let current: unknown = data;
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (typeof current === 'object' && current !== null)
      current = (current as Record<string, unknown>)[segment];
    else return undefined;
  }
  return current;
}
