import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSourceFiles, globToRegExp } from '../../../runtime/rag/find-source-files.js';

let base: string;
const files = [
  'docs/a.md',
  'docs/b.txt',
  'docs/guide/c.md',
  'docs/guide/deep/d.md',
  'docs/.hidden/e.md',
  'docs/node_modules/f.md',
  'top.md',
];

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'weft-glob-'));
  for (const file of files) {
    await mkdir(dirname(join(base, file)), { recursive: true });
    await writeFile(join(base, file), 'x');
  }
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('findSourceFiles', () => {
  it.each([
    ['one folder', 'docs/*.md', ['docs/a.md']],
    ['alternatives', 'docs/*.{md,txt}', ['docs/a.md', 'docs/b.txt']],
    [
      'any depth, skipping hidden folders and node_modules',
      'docs/**/*.md',
      ['docs/a.md', 'docs/guide/c.md', 'docs/guide/deep/d.md'],
    ],
    ['a plain path', 'top.md', ['top.md']],
    ['a leading ./', './docs/*.txt', ['docs/b.txt']],
    ['a single-character wildcard', 'docs/?.md', ['docs/a.md']],
    ['a character class', 'docs/[ab].*', ['docs/a.md', 'docs/b.txt']],
    ['a folder that does not exist', 'missing/*.md', []],
    ['a file that does not exist', 'missing.md', []],
  ])('%s: %s', async (_name, glob, want) => {
    expect(await findSourceFiles(base, glob)).toEqual(want);
  });
});

describe('globToRegExp', () => {
  it.each([
    ['*.md', 'a.md', true],
    ['*.md', 'x/a.md', false],
    ['**/*.md', 'a.md', true],
    ['**/*.md', 'x/y/a.md', true],
    ['a.b', 'axb', false],
    ['docs/**', 'docs/x/y.txt', true],
  ])('%s against %s is %s', (glob, path, want) => {
    expect(globToRegExp(glob).test(path)).toBe(want);
  });
});
