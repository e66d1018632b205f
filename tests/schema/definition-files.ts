import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The example project folder. */
export const definitionsDir = join(repoRoot, 'definitions');

/** One manifest of the example project, parsed. */
export interface DefinitionFile {
  /** Path relative to `definitions/`, `/` separators. */
  readonly path: string;
  readonly source: string;
  readonly value: Record<string, unknown>;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort();
}

/**
 * Every `.yaml` manifest under `definitions/` (OpenAPI documents under `openapi/` folders are
 * not manifests and are left out).
 *
 * @example
 * definitionFiles().map((file) => file.path); // ['agents/researcher.yaml', ...]
 */
export function definitionFiles(): DefinitionFile[] {
  return walk(definitionsDir)
    .map((file) => relative(definitionsDir, file).split(sep).join('/'))
    .filter((path) => path.endsWith('.yaml') && !path.split('/').includes('openapi'))
    .map((path) => {
      const source = readFileSync(join(definitionsDir, path), 'utf8');
      return { path, source, value: parse(source) as Record<string, unknown> };
    });
}
