/** Turns an offset into a 1-based line and column. */
export interface LinePositions {
  linePos(offset: number): { line: number; col: number };
}

/**
 * Line positions computed from the text itself (`\n` ends a line, as for the YAML parser). The YAML
 * parser's own `LineCounter` misses the line breaks inside some error tokens, which would put every
 * later diagnostic on a wrong line; this never does.
 *
 * @example
 * lineIndex('a: 1\nb: 2').linePos(5); // { line: 2, col: 1 }
 */
export function lineIndex(text: string): LinePositions {
  const starts = [0];
  for (let i = 0; i < text.length; i += 1) {
    if (text.charCodeAt(i) === 10) starts.push(i + 1);
  }
  return {
    linePos(offset: number) {
      const at = Math.max(0, Math.min(offset, text.length));
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if ((starts[middle] ?? 0) <= at) low = middle;
        else high = middle - 1;
      }
      return { line: low + 1, col: at - (starts[low] ?? 0) + 1 };
    },
  };
}
