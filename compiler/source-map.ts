import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { pointerSegments } from './json-pointer.js';
import type { LinePositions } from './line-index.js';
import type { SourcePosition } from './model.js';

/** Locates JSON pointers of one YAML document in its source. */
export type Locator = (pointer: string, options?: LocateOptions) => SourcePosition;

export interface LocateOptions {
  /** The position of the mapping key rather than of its value. */
  readonly key?: boolean;
  /** The position of the `occurrence`-th (0-based) `needle` inside the value's source text. */
  readonly text?: { readonly needle: string; readonly occurrence?: number };
}

function findOccurrence(haystack: string, needle: string, occurrence: number): number {
  let at = -1;
  for (let i = 0; i <= occurrence; i += 1) {
    at = haystack.indexOf(needle, at + 1);
    if (at === -1) return -1;
  }
  return at;
}

function toPosition(lineCounter: LinePositions, offset: number): SourcePosition {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' || typeof key === 'number' ? String(key) : undefined;
}

/**
 * Makes the `locate` function of a parsed manifest: walks the YAML node tree by pointer and
 * converts the node's start offset to a 1-based line and column. With `key: true` it answers the
 * position of the mapping key (for "unknown key" errors). A pointer that does not exist falls back
 * to the nearest existing ancestor.
 *
 * @example
 * const locate = createLocator(doc, lineCounter);
 * locate('/spec/steps/0/retyr', { key: true }); // { line: 12, column: 7 }
 */
export function createLocator(doc: Document, lineCounter: LinePositions, text = ''): Locator {
  const documentStart = doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0;
  return (pointer, options = {}) => {
    let node: unknown = doc.contents;
    let offset = documentStart;
    for (const segment of pointerSegments(pointer)) {
      if (isAlias(node)) node = node.resolve(doc);
      let next: unknown;
      let keyOffset: number | undefined;
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && keyText(item.key) === segment);
        if (pair !== undefined) {
          keyOffset = (pair.key as Node | null)?.range?.[0];
          next = pair.value;
          if (next === null || (next as Node).range === undefined) next = pair.key;
        }
      } else if (isSeq(node)) {
        next = node.items[Number(segment)];
      }
      if (next === undefined) return toPosition(lineCounter, offset);
      node = next;
      const nodeOffset = (next as Node).range?.[0];
      offset = options.key === true && keyOffset !== undefined ? keyOffset : (nodeOffset ?? offset);
    }
    const range = (node as Node | null)?.range;
    if (options.text !== undefined && range !== undefined && range !== null && options.text.needle !== '') {
      const found = findOccurrence(
        text.slice(range[0], range[1]),
        options.text.needle,
        options.text.occurrence ?? 0,
      );
      if (found !== -1) return toPosition(lineCounter, range[0] + found);
    }
    return toPosition(lineCounter, offset);
  };
}
