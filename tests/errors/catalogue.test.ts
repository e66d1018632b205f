import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnosticCatalogue } from '../../compiler/diagnostic-codes.js';
import { errorCatalogue } from '../../runtime/errors/catalogue.js';

const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');

/** The leading backticked code of every table row, by `## ` section title. */
function documentedCodes(markdown: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of markdown.split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    if (heading?.[1] !== undefined) {
      current = [];
      sections.set(heading[1].trim(), current);
      continue;
    }
    const row = /^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|/.exec(line);
    if (row?.[1] !== undefined && current !== undefined) current.push(row[1]);
  }
  return sections;
}

const sections = documentedCodes(doc);

const catalogues = [
  ['Compiler diagnostics', Object.keys(diagnosticCatalogue)],
  ['Runtime errors', Object.keys(errorCatalogue)],
] as const;

describe.each(catalogues)('docs/errors.md section "%s"', (section, codes) => {
  const documented = sections.get(section) ?? [];

  it('exists and has rows', () => {
    expect(sections.has(section)).toBe(true);
    expect(documented.length).toBeGreaterThan(0);
  });

  it('documents every code of the catalogue', () => {
    expect(codes.filter((code) => !documented.includes(code))).toEqual([]);
  });

  it('documents only codes that exist', () => {
    expect(documented.filter((code) => !(codes as readonly string[]).includes(code))).toEqual([]);
  });

  it('documents each code once', () => {
    expect(documented.filter((code, index) => documented.indexOf(code) !== index)).toEqual([]);
  });
});

describe('runtime error rows', () => {
  it('state the type, status, category and retryable of the catalogue', () => {
    const mismatched = Object.entries(errorCatalogue).filter(([code, entry]) => {
      const row = doc.split('\n').find((line) => new RegExp(`^\\|\\s*\`${code}\`\\s*\\|`).test(line));
      const cells = row?.split('|').map((cell) => cell.trim()) ?? [];
      return (
        cells[2] !== entry.type ||
        cells[3] !== String(entry.status) ||
        cells[4] !== entry.category ||
        cells[5] !== (entry.retryable ? 'yes' : 'no')
      );
    });
    expect(mismatched.map(([code]) => code)).toEqual([]);
  });
});
