import type { CheckScope } from './check-scope.js';

/**
 * Rewrites `steps.<id>` where the id has a dash (`steps.check-stock.output.ok`) into the index
 * form CEL can parse (`steps["check-stock"].output.ok`), for ids that exist in the workflow.
 * Text inside string literals is left alone. The rewritten source is what the graph stores.
 *
 * @example
 * celSource('steps.check-stock.output.ok && true', scope); // 'steps["check-stock"].output.ok && true'
 */
export function celSource(source: string, scope: CheckScope): string {
  if (!source.includes('-')) return source;
  const known = new Set([...scope.steps.keys(), ...(scope.allSteps?.keys() ?? [])]);
  let out = '';
  let position = 0;
  while (position < source.length) {
    const char = source[position] ?? '';
    if (char === '"' || char === "'") {
      const end = closingQuote(source, position);
      out += source.slice(position, end);
      position = end;
      continue;
    }
    const match = /^steps\.([a-z][a-z0-9]*(?:[-_][a-z0-9]+)+)/.exec(source.slice(position));
    const before = source[position - 1] ?? ' ';
    if (match !== null && !/[\w.]/.test(before)) {
      const id = longestKnown(match[1] ?? '', known);
      if (id?.includes('-')) {
        out += `steps[${JSON.stringify(id)}]`;
        position += 'steps.'.length + id.length;
        continue;
      }
    }
    out += char;
    position += 1;
  }
  return out;
}

/** The longest dash-separated prefix of `candidate` that is a known step id. */
function longestKnown(candidate: string, known: ReadonlySet<string>): string | undefined {
  const parts = candidate.split('-');
  for (let count = parts.length; count > 0; count--) {
    const id = parts.slice(0, count).join('-');
    if (known.has(id)) return id;
  }
  return undefined;
}

function closingQuote(source: string, start: number): number {
  const quote = source[start];
  let position = start + 1;
  while (position < source.length && source[position] !== quote)
    position += source[position] === '\\' ? 2 : 1;
  return Math.min(source.length, position + 1);
}
