import { describe, expect, it } from 'vitest';
import { chunkText } from '../../../runtime/rag/chunk-text.js';
import { markdownChunks } from '../../../runtime/rag/markdown-chunker.js';
import { mergePieces } from '../../../runtime/rag/merge-pieces.js';
import { recursiveChunks } from '../../../runtime/rag/recursive-chunker.js';
import { sentenceChunks } from '../../../runtime/rag/sentence-chunker.js';
import { splitSentences } from '../../../runtime/rag/split-sentences.js';
import { tokenChunks } from '../../../runtime/rag/token-chunker.js';

const texts = (pieces: readonly { text: string }[]) => pieces.map((piece) => piece.text);

describe('splitSentences', () => {
  it.each([
    ['two sentences', 'Hi there. How are you?', ['Hi there. ', 'How are you?']],
    ['a question and an exclamation', 'Really? Yes! Fine.', ['Really? ', 'Yes! ', 'Fine.']],
    [
      'closing quotes stay with their sentence',
      'He said "stop." Then left.',
      ['He said "stop." ', 'Then left.'],
    ],
    ['a blank line ends a sentence without a stop', 'Title\n\nBody text.', ['Title\n\n', 'Body text.']],
    ['decimals are not ends', 'It costs 3.50 today.', ['It costs 3.50 today.']],
  ])('%s', (_name, given, want) => {
    expect(splitSentences(given)).toEqual(want);
    expect(splitSentences(given).join('')).toBe(given);
  });
});

describe('mergePieces', () => {
  it.each([
    ['packs pieces up to the size', ['One. ', 'Two. ', 'Three.'], 10, 0, ['One. Two.', 'Three.']],
    ['repeats the last pieces as overlap', ['One. ', 'Two. ', 'Three.'], 12, 5, ['One. Two.', 'Two. Three.']],
    [
      'keeps a piece longer than the size whole',
      ['a-very-long-piece ', 'b'],
      5,
      0,
      ['a-very-long-piece', 'b'],
    ],
    ['drops blank chunks', ['   ', '\n\n'], 5, 0, []],
  ])('%s', (_name, pieces, size, overlap, want) => {
    expect(mergePieces(pieces, size, overlap)).toEqual(want);
  });
});

describe('recursiveChunks', () => {
  const paragraphs = 'First paragraph here.\n\nSecond paragraph here.\n\nThird one.';
  it.each([
    ['a short text is one chunk', 'Short text.', { size: 100, overlap: 10 }, ['Short text.']],
    [
      'splits on paragraphs first',
      paragraphs,
      { size: 30, overlap: 0 },
      ['First paragraph here.', 'Second paragraph here.', 'Third one.'],
    ],
    [
      'then on lines',
      'line one is here\nline two is here\nline three',
      { size: 20, overlap: 0 },
      ['line one is here', 'line two is here', 'line three'],
    ],
    [
      'then on sentences',
      'One sentence here. Another sentence here.',
      { size: 25, overlap: 0 },
      ['One sentence here.', 'Another sentence here.'],
    ],
    ['then on words', 'alpha beta gamma delta', { size: 11, overlap: 0 }, ['alpha beta', 'gamma delta']],
    ['then on characters', 'abcdefghij', { size: 4, overlap: 0 }, ['abcd', 'efgh', 'ij']],
    [
      'overlaps neighbours by whole pieces',
      'alpha beta gamma delta epsilon',
      { size: 17, overlap: 6 },
      ['alpha beta gamma', 'gamma delta', 'delta epsilon'],
    ],
  ])('%s', (_name, given, options, want) => {
    expect(texts(recursiveChunks(given, options))).toEqual(want);
  });

  it('never makes a chunk longer than the size', () => {
    const text = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(40);
    for (const size of [20, 50, 120, 400])
      for (const chunk of recursiveChunks(text, { size, overlap: Math.floor(size / 5) }))
        expect(chunk.text.length).toBeLessThanOrEqual(size);
  });
});

describe('sentenceChunks', () => {
  it.each([
    ['packs whole sentences', 'One. Two. Three.', { size: 10, overlap: 0 }, ['One. Two.', 'Three.']],
    [
      'overlaps by whole sentences',
      'First one. Second one. Third one.',
      { size: 23, overlap: 12 },
      ['First one. Second one.', 'Second one. Third one.'],
    ],
    [
      'splits a sentence longer than the size',
      'A very long sentence without a stop in the middle of it.',
      { size: 20, overlap: 0 },
      ['A very long sentence', 'without a stop in', 'the middle of it.'],
    ],
  ])('%s', (_name, given, options, want) => {
    expect(texts(sentenceChunks(given, options))).toEqual(want);
  });
});

describe('markdownChunks', () => {
  const refunds = [
    '# Refunds policy',
    '',
    'Refunds within 30 days.',
    '',
    '## Timelines',
    '',
    'Five business days.',
    '',
    '### Cards',
    '',
    'Back to the card.',
    '',
    '## How to ask',
    '',
    'Reply to the confirmation.',
  ].join('\n');

  it('makes one chunk per section, carrying the heading path', () => {
    expect(markdownChunks(refunds, { size: 800, overlap: 100 })).toEqual([
      { text: '# Refunds policy\n\nRefunds within 30 days.', section: 'Refunds policy' },
      { text: '## Timelines\n\nFive business days.', section: 'Refunds policy > Timelines' },
      { text: '### Cards\n\nBack to the card.', section: 'Refunds policy > Timelines > Cards' },
      { text: '## How to ask\n\nReply to the confirmation.', section: 'Refunds policy > How to ask' },
    ]);
  });

  it.each([
    [
      'text before the first heading has no section',
      'Intro text.\n\n# A\n\nBody.',
      [{ text: 'Intro text.' }, { text: '# A\n\nBody.', section: 'A' }],
    ],
    [
      'sections with no text are skipped',
      '# A\n\n## B\n\nBody.',
      [{ text: '## B\n\nBody.', section: 'A > B' }],
    ],
    [
      'headings inside code fences are text',
      '# A\n\n```\n# not a heading\n```',
      [{ text: '# A\n\n```\n# not a heading\n```', section: 'A' }],
    ],
    [
      'closing hashes are not part of the title',
      '## Setup ##\n\nDo it.',
      [{ text: '## Setup ##\n\nDo it.', section: 'Setup' }],
    ],
  ])('%s', (_name, given, want) => {
    expect(markdownChunks(given, { size: 800, overlap: 0 })).toEqual(want);
  });

  it('splits a big section recursively, every piece keeping the section', () => {
    const big = `# Big\n\n${'Many words in this sentence. '.repeat(20)}`;
    const chunks = markdownChunks(big, { size: 100, overlap: 20 });
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(chunk.section).toBe('Big');
      expect(chunk.text.length).toBeLessThanOrEqual(100);
    }
  });
});

describe('tokenChunks', () => {
  it('makes windows of size tokens, overlapping by overlap tokens', async () => {
    const text = Array.from({ length: 50 }, (_, index) => `word${index}`).join(' ');
    const chunks = await tokenChunks(text, { size: 20, overlap: 5 });
    expect(chunks.length).toBeGreaterThan(2);
    const { encode } = await import('gpt-tokenizer/encoding/o200k_base');
    for (const chunk of chunks) expect(encode(chunk.text).length).toBeLessThanOrEqual(20);
    // The overlap: the end of one chunk starts the next.
    const [first, second] = chunks;
    const lastWord = first?.text.split(' ').at(-1) ?? '';
    expect(second?.text).toContain(lastWord);
  });

  it('is one chunk for a short text, and none for an empty one', async () => {
    expect(texts(await tokenChunks('Hello world.', { size: 50, overlap: 10 }))).toEqual(['Hello world.']);
    expect(await tokenChunks('', { size: 50, overlap: 10 })).toEqual([]);
  });

  it('encodes text that spells a special token as plain text', async () => {
    expect(texts(await tokenChunks('a <|endoftext|> b', { size: 50, overlap: 0 }))).toEqual([
      'a <|endoftext|> b',
    ]);
  });
});

describe('chunkText', () => {
  it.each([
    ['recursive', 2],
    ['markdown', 2],
    ['sentence', 2],
    ['token', 1],
  ] as const)('dispatches to the %s chunker', async (strategy, atLeast) => {
    const chunks = await chunkText('# A\n\nFirst part of the text.\n\n# B\n\nSecond part.', {
      strategy,
      size: 30,
      overlap: 0,
    });
    expect(chunks.length).toBeGreaterThanOrEqual(atLeast);
  });
});
