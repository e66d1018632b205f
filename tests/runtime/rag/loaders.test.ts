import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../runtime/rag/html-to-text.js';
import { jsonToText } from '../../../runtime/rag/json-to-text.js';
import { loadFileDocument } from '../../../runtime/rag/load-file-document.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('htmlToText', () => {
  it.each([
    [
      'keeps headings as Markdown headings',
      '<h1>Refunds</h1><p>Within 30 days.</p>',
      '# Refunds\n\nWithin 30 days.',
    ],
    [
      'drops scripts, styles, comments and the head',
      '<html><head><title>T</title><style>p{}</style></head><body><script>alert(1)</script><!-- x --><p>Text</p></body></html>',
      'Text',
    ],
    ['turns list items into lines', '<ul><li>One</li><li>Two</li></ul>', '- One\n- Two'],
    [
      'decodes entities',
      '<p>Fish &amp; chips&nbsp;&#8364;5 &#x2014; &lt;ok&gt; &bogus;</p>',
      'Fish & chips €5 — <ok> &bogus;',
    ],
    [
      'strips inline tags and collapses spaces',
      '<p>Hello   <b>big</b>\n   <a href="x">world</a></p>',
      'Hello big\nworld',
    ],
    ['keeps nested heading text flat', '<h2 class="x">How <em>to</em> ask</h2>', '## How to ask'],
  ])('%s', (_name, given, want) => {
    expect(htmlToText(given).text).toBe(want);
  });

  it('returns the title apart', () => {
    expect(htmlToText('<title> Help &amp; FAQ </title><p>x</p>')).toEqual({ text: 'x', title: 'Help & FAQ' });
  });
});

describe('jsonToText', () => {
  it.each([
    ['a top-level string is the text', 'Just text', 'Just text'],
    [
      'string leaves with their paths, in order',
      { title: 'Refunds', faq: [{ q: 'How long?', a: '5 days' }] },
      'title: Refunds\nfaq[0].q: How long?\nfaq[0].a: 5 days',
    ],
    [
      'numbers, booleans, nulls and blank strings are left out',
      { a: 1, b: true, c: null, d: ' ', e: 'kept' },
      'e: kept',
    ],
  ])('%s', (_name, given, want) => {
    expect(jsonToText(given)).toBe(want);
  });
});

describe('loadFileDocument', () => {
  it.each([
    ['markdown as is', 'a/refunds.md', '# Refunds\n\nText.', '# Refunds\n\nText.', {}],
    ['text as is, without a byte order mark', 'notes.txt', '\ufeffPlain notes.', 'Plain notes.', {}],
    [
      'html as its text, the title in metadata',
      'page.html',
      '<title>Page</title><h1>A</h1>',
      '# A',
      { title: 'Page' },
    ],
    ['json as its string leaves', 'faq.json', '{"q":"Why?"}', 'q: Why?', {}],
    ['an unknown extension as text', 'README', 'Read me.', 'Read me.', {}],
  ])('reads %s', (_name, path, content, text, extra) => {
    const document = loadFileDocument(path, bytes(content), { source: 'docs' });
    expect(document).toEqual({ id: path, text, metadata: { source: 'docs', ...extra, path } });
  });

  it.each([
    ['invalid JSON', 'bad.json', bytes('{"a": '), /bad\.json.*not valid JSON/],
    [
      'text that is not UTF-8',
      'latin1.txt',
      new Uint8Array([0x63, 0x61, 0x66, 0xe9]),
      /latin1\.txt.*not UTF-8/,
    ],
    ['a binary file', 'image.md', new Uint8Array([0x50, 0x00, 0x47]), /image\.md.*NUL bytes/],
  ])('refuses %s with DOCUMENT_PARSE_FAILED naming the file', (_name, path, content, message) => {
    let caught: unknown;
    try {
      loadFileDocument(path, content);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'DOCUMENT_PARSE_FAILED', status: 400, details: { file: path } });
    expect((caught as Error).message).toMatch(message);
  });
});
