/**
 * The text of a JSON document: one line per string leaf, `path: value`, in document order (the
 * path in dotted form with `[n]` for array items; a string at the top level is the text itself).
 * Numbers, booleans and nulls are left out: they rarely carry meaning without their key and
 * would only add noise to the embeddings.
 *
 * @example
 * jsonToText({ title: 'Refunds', faq: [{ q: 'How long?', a: '5 days' }] });
 * // 'title: Refunds\nfaq[0].q: How long?\nfaq[0].a: 5 days'
 */
export function jsonToText(value: unknown): string {
  const lines: string[] = [];
  collect(value, '', lines);
  return lines.join('\n');
}

function collect(value: unknown, path: string, lines: string[]): void {
  if (typeof value === 'string') {
    if (value.trim() !== '') lines.push(path === '' ? value : `${path}: ${value}`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      collect(item, `${path}[${index}]`, lines);
    });
    return;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value))
      collect(item, path === '' ? key : `${path}.${key}`, lines);
  }
}
