import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Diagnostic, diagnosticCatalogue, validateProject } from '../../compiler/index.js';
import {
  baseFolder,
  copyDefinitions,
  createRandom,
  invalidCaseNames,
  invalidFixturesDir,
  layInvalidCase,
  malformation,
  readDefinitions,
  type TempProject,
  unknownKeySites,
} from './fixture-project.js';

/** One line of a case's `expected.json`. */
interface Expected {
  readonly code: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly hint?: string;
  readonly severity?: 'error' | 'warning';
}

/** Files that cannot be stored as text in the repository, written by the test. */
const generatedFiles: Record<string, Record<string, Uint8Array>> = {
  // A PNG header: binary data under a .yaml name.
  'file-binary': {
    'tools/logo.yaml': Uint8Array.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
    ]),
  },
};

function readExpected(name: string): Expected[] {
  return JSON.parse(readFileSync(join(invalidFixturesDir, name, 'expected.json'), 'utf8')) as Expected[];
}

/** The comparable part of a diagnostic: its hint only when the expectation names one. */
function shape(diagnostic: Diagnostic, withHint: boolean): Omit<Expected, 'severity'> {
  const { code, file, line, column, hint } = diagnostic;
  return withHint && hint !== undefined ? { code, file, line, column, hint } : { code, file, line, column };
}

const where = (diagnostic: Diagnostic): string =>
  `${diagnostic.file}:${diagnostic.line}:${diagnostic.column} ${diagnostic.code} ${diagnostic.message}`;

async function diagnosticsOf(project: TempProject): Promise<readonly Diagnostic[]> {
  try {
    return (await validateProject(project.dir)).diagnostics;
  } finally {
    project.remove();
  }
}

describe('invalid-manifest fixtures (tests/fixtures/invalid)', () => {
  const names = invalidCaseNames();

  it('has at least 45 cases, each with a well-formed expected.json', () => {
    expect(names.length).toBeGreaterThanOrEqual(45);
    for (const name of names) {
      const expected = readExpected(name);
      expect(Array.isArray(expected), name).toBe(true);
      for (const entry of expected) {
        expect(Object.hasOwn(diagnosticCatalogue, entry.code), `${name}: ${entry.code}`).toBe(true);
        expect(entry.line, name).toBeGreaterThanOrEqual(1);
        expect(entry.column, name).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('lays every case over a base project that is valid on its own', async () => {
    const diagnostics = await diagnosticsOf(layInvalidCase(baseFolder));
    expect(diagnostics.map(where)).toEqual([]);
  });

  it.each(names)('%s: reports exactly the expected diagnostics', async (name) => {
    const expected = readExpected(name);
    const diagnostics = await diagnosticsOf(layInvalidCase(name, generatedFiles[name]));
    for (const diagnostic of diagnostics) expect(malformation(diagnostic), where(diagnostic)).toBeUndefined();
    const wantErrors = expected.filter((entry) => (entry.severity ?? 'error') === 'error');
    const wantWarnings = expected.filter((entry) => entry.severity === 'warning');
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    const warnings = diagnostics.filter((diagnostic) => diagnostic.severity === 'warning');
    const context = `all diagnostics:\n${diagnostics.map(where).join('\n')}`;
    expect(
      errors.map((diagnostic, index) => shape(diagnostic, wantErrors[index]?.hint !== undefined)),
      context,
    ).toEqual(wantErrors.map(({ severity: _severity, ...entry }) => entry));
    for (const { severity: _severity, ...want } of wantWarnings)
      expect(
        warnings.map((diagnostic) => shape(diagnostic, want.hint !== undefined)),
        context,
      ).toContainEqual(want);
  });
});

/** The seed of the unknown-key placements; change it to try other places. */
const unknownKeySeed = 20240611;

describe(`an unknown key in each definitions/ manifest is reported at the key (seed ${unknownKeySeed})`, () => {
  const files = readDefinitions({ manifestsOnly: true });
  const random = createRandom(unknownKeySeed);
  let project: TempProject;

  beforeAll(() => {
    project = copyDefinitions();
  });
  afterAll(() => {
    project.remove();
  });

  /** Each placement is drawn up front, so that a single test can be replayed with -t. */
  const placements = Object.entries(files).map(([file, text]) => {
    const sites = unknownKeySites(text);
    const site = random.pick(sites);
    const candidates = site.siblings.filter((key) => key.length >= 3);
    const sibling = candidates.length > 0 && random.next() < 0.5 ? random.pick(candidates) : undefined;
    let key = `zz-extra-${random.int(1000)}`;
    if (sibling !== undefined) {
      const at = random.int(sibling.length);
      key = `${sibling.slice(0, at + 1)}${sibling.slice(at)}`; // one letter doubled
    }
    return { file, text, site, key, sibling };
  });

  it.each(placements)('$file: "$key" at line $site.line, column $site.column', async (placement) => {
    const { file, text, site, key, sibling } = placement;
    expect(site.siblings).not.toContain(key);
    const broken = `${text.slice(0, site.offset)}${' '.repeat(site.column - 1)}${key}: 1\n${text.slice(site.offset)}`;
    writeFileSync(join(project.dir, file), broken);
    try {
      const { diagnostics } = await validateProject(project.dir);
      const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
      const want = {
        code: 'SCHEMA_UNKNOWN_KEY',
        file,
        line: site.line,
        column: site.column,
        ...(sibling === undefined ? {} : { hint: `Did you mean "${sibling}"?` }),
      };
      expect(
        errors.map((diagnostic) => shape(diagnostic, sibling !== undefined)),
        errors.map(where).join('\n'),
      ).toEqual([want]);
    } finally {
      writeFileSync(join(project.dir, file), text);
    }
  });
});
