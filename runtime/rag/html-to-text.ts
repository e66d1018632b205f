const entities: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  copy: '©',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
};

const blockTags =
  /<\/?(?:p|div|section|article|header|footer|main|nav|aside|blockquote|pre|table|thead|tbody|tr|ul|ol|dl|dt|dd|figure|figcaption|form|fieldset|details|summary|address|hr|br)\b[^>]*>/gi;

/**
 * The text of an HTML page, without a DOM: scripts, styles, templates, comments and the `<head>`
 * dropped; headings turned into Markdown headings (so the `markdown` chunker finds the sections);
 * list items into `- ` lines; block elements into line breaks; entities decoded; blank runs
 * collapsed. The `<title>` is returned apart.
 *
 * @example
 * htmlToText('<h1>Refunds</h1><p>Within 30&nbsp;days.</p>').text; // '# Refunds\n\nWithin 30 days.'
 */
export function htmlToText(html: string): { text: string; title?: string } {
  const titleMatch = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html);
  const title = titleMatch?.[1] === undefined ? undefined : decodeEntities(stripTags(titleMatch[1])).trim();
  const text = decodeEntities(
    stripTags(
      html
        .replace(/<!--[\s\S]*?-->/g, '')
        .replace(/<(script|style|noscript|template|svg|head|title)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
        .replace(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi, (_match, level: string, inner: string) => {
          const headingText = stripTags(inner).replace(/\s+/g, ' ').trim();
          return `\n\n${'#'.repeat(Number(level))} ${headingText}\n\n`;
        })
        .replace(/<li\b[^>]*>/gi, '\n- ')
        .replace(blockTags, '\n\n'),
    ),
  );
  const cleaned = text
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return title === undefined || title === '' ? { text: cleaned } : { text: cleaned, title };
}

function stripTags(html: string): string {
  return html.replace(/<\/?[a-zA-Z][^>]*>/g, '');
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (match, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return codePoint(Number.parseInt(name.slice(2), 16), match);
    if (name.startsWith('#')) return codePoint(Number.parseInt(name.slice(1), 10), match);
    return entities[name.toLowerCase()] ?? match;
  });
}

function codePoint(value: number, fallback: string): string {
  return Number.isInteger(value) && value > 0 && value <= 0x10ffff ? String.fromCodePoint(value) : fallback;
}
