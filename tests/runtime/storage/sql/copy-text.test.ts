import { describe, expect, it } from 'vitest';
import { copyField, copyText } from '../../../../runtime/storage/sql/copy-text.js';

describe('copyField', () => {
  it('writes NULL as \\N and other values as their text', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(undefined)).toBe('\\N');
    expect(copyField(12)).toBe('12');
    expect(copyField(true)).toBe('true');
    expect(copyField('')).toBe('');
    expect(copyField('"quoted" it\'s ü 🙂')).toBe('"quoted" it\'s ü 🙂');
  });

  it('escapes what would end a row, split a field or start an escape', () => {
    expect(copyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    // The end-of-data marker `\.` cannot appear: its backslash is doubled.
    expect(copyField('\\.')).toBe('\\\\.');
    // A JSON text's own escapes keep their backslash.
    expect(copyField(JSON.stringify({ text: 'line\nnext' }))).toBe('{"text":"line\\\\nnext"}');
  });

  it.each([
    ['a tab', 'x\ty', 'x\\ty'],
    ['a newline', 'x\ny', 'x\\ny'],
    ['a carriage return', 'x\ry', 'x\\ry'],
    ['a backslash', 'x\\y', 'x\\\\y'],
    ['one at the very end of a long field', `${'j'.repeat(500)}\n`, `${'j'.repeat(500)}\\n`],
  ])('escapes %s on its own', (_, field, want) => {
    expect(copyField(field)).toBe(want);
  });
});

describe('copyText', () => {
  it('separates fields by tabs and ends every row with a newline', () => {
    expect(
      copyText([
        ['r1', '[1]'],
        ['r\t2', null],
      ]),
    ).toBe('r1\t[1]\nr\\t2\t\\N\n');
    expect(copyText([])).toBe('');
  });
});
