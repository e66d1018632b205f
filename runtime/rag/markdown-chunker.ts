import type { ChunkSizeOptions, TextPiece } from './chunk-types.js';
import { recursiveChunks } from './recursive-chunker.js';

interface Section {
  readonly path: readonly string[];
  readonly lines: string[];
}

const heading = /^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/;
const fence = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The `markdown` chunker: one chunk per section (a heading and the text up to the next heading),
 * with the path of headings above it in `section` (`Refunds policy > How to ask`). A section
 * longer than `size` is split further with the recursive chunker, every piece keeping the
 * section. Headings inside fenced code blocks are text; sections without text are skipped.
 *
 * @example
 * markdownChunks('# Refunds\n\nWithin 30 days.\n\n## How\n\nReply.', { size: 800, overlap: 100 });
 * // [{ text: '# Refunds\n\nWithin 30 days.', section: 'Refunds' }, { text: '## How\n\nReply.', section: 'Refunds > How' }]
 */
export function markdownChunks(text: string, options: ChunkSizeOptions): TextPiece[] {
  const chunks: TextPiece[] = [];
  for (const section of sections(text)) {
    const body = section.lines.join('\n').trim();
    const hasText = section.lines.some(
      (line, index) => (index > 0 || section.path.length === 0) && line.trim() !== '',
    );
    if (body === '' || !hasText) continue;
    const pieces = body.length <= options.size ? [{ text: body }] : recursiveChunks(body, options);
    const name = section.path.join(' > ');
    for (const piece of pieces) chunks.push(name === '' ? piece : { text: piece.text, section: name });
  }
  return chunks;
}

function sections(text: string): Section[] {
  const found: Section[] = [];
  let current: Section = { path: [], lines: [] };
  const stack: { level: number; title: string }[] = [];
  let fenceMarker: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const fenceMatch = fence.exec(line);
    if (fenceMatch?.[1] !== undefined) {
      const marker = fenceMatch[1];
      if (fenceMarker === undefined) fenceMarker = marker;
      else if (marker[0] === fenceMarker[0] && marker.length >= fenceMarker.length) fenceMarker = undefined;
    }
    const match = fenceMarker === undefined ? heading.exec(line) : null;
    if (match?.[1] === undefined || match[2] === undefined) {
      current.lines.push(line);
      continue;
    }
    found.push(current);
    const level = match[1].length;
    while ((stack.at(-1)?.level ?? 0) >= level) stack.pop();
    stack.push({ level, title: match[2].trim() });
    current = { path: stack.map((entry) => entry.title), lines: [line] };
  }
  found.push(current);
  return found;
}
