/** One segment of a reference path: a member name or an array index. */
export type PathSegment = string | number;

const identifier = /^[A-Za-z_][A-Za-z0-9_-]*/;

/**
 * Parses a reference path (`steps.lookup.output.items[0].id`, `input["odd key"]`), or returns
 * undefined when the text is not a plain path (then it is a CEL expression).
 *
 * @example
 * parseReferencePath('steps.lookup.output.items[0].id'); // ['steps', 'lookup', 'output', 'items', 0, 'id']
 * parseReferencePath('input.amount * 2'); // undefined
 */
export function parseReferencePath(text: string): PathSegment[] | undefined {
  const source = text.trim();
  const first = identifier.exec(source);
  if (first === null || first[0].includes('-')) return undefined;
  const segments: PathSegment[] = [first[0]];
  let rest = source.slice(first[0].length);
  while (rest.length > 0) {
    if (rest.startsWith('.')) {
      const name = identifier.exec(rest.slice(1));
      if (name === null) return undefined;
      segments.push(name[0]);
      rest = rest.slice(1 + name[0].length);
      continue;
    }
    const index = /^\[\s*(\d+)\s*\]/.exec(rest);
    if (index !== null) {
      segments.push(Number(index[1]));
      rest = rest.slice(index[0].length);
      continue;
    }
    const quoted = /^\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\]/.exec(rest);
    if (quoted === null) return undefined;
    segments.push(quoted[1] ?? quoted[2] ?? '');
    rest = rest.slice(quoted[0].length);
  }
  return segments;
}

/**
 * Writes a path back in the reference syntax (for messages).
 *
 * @example
 * formatPath(['steps', 'a', 'output', 'items', 0]); // 'steps.a.output.items[0]'
 */
export function formatPath(segments: readonly PathSegment[]): string {
  return segments
    .map((segment, position) => {
      if (typeof segment === 'number') return `[${segment}]`;
      if (segment === '*') return '[*]';
      return position === 0
        ? segment
        : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)
          ? `.${segment}`
          : `[${JSON.stringify(segment)}]`;
    })
    .join('');
}
