// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` is weft expression syntax inside plain strings, not a template literal
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ManifestKind, ParsedManifest } from '../../../compiler/model.js';
import { parseSource } from '../../../compiler/parse.js';
import { SchemaRegistry } from '../../../compiler/schema-registry.js';
import {
  standaloneValidatorsModule,
  standaloneValidatorsPath,
} from '../../../compiler/validators/generate-standalone-validators.js';
import { createMarkedFields } from '../../../compiler/validators/mark-keywords.js';
import { loadStandaloneValidators } from '../../../compiler/validators/standalone-validators.js';
import { manifestSchemas } from '../../../schema/index.js';

const root = join(import.meta.dirname, '..', '..', '..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

const definitionManifests: ParsedManifest[] = yamlFiles(join(root, 'definitions')).flatMap(
  (path) => parseSource(relative(root, path), readFileSync(path, 'utf8')).manifests,
);

const envelope = (kind: ManifestKind, spec: string) =>
  parseSource('m.yaml', `apiVersion: weft/v1\nkind: ${kind}\nmetadata: { name: m }\nspec:\n${spec}`)
    .manifests[0];

/** Manifests that are invalid or hold secret / env fields in odd places. */
const edgeManifests = [
  envelope('Tool', '  INPUT: {}\n  plugin: x\n'),
  envelope('Tool', '  input: { type: object }\n  plugin: x\n  http: { method: GET, url: http://x }\n'),
  envelope('Project', '  storage: { adapter: postgres, url: postgres://literal }\n'),
  envelope(
    'Project',
    '  storage: { adapter: postgres, url: "${{ env.DATABASE_URL }}" }\n  server: { port: 3000 }\n',
  ),
  envelope('Integration', '  baseUrl: https://x\n  auth: { type: bearer, token: "${{ env.T }}" }\n'),
  envelope('Integration', '  baseUrl: https://x\n  auth: { type: magic }\n'),
  envelope('Workflow', '  steps:\n    - id: a\n      sleep: soon\n'),
].filter((manifest): manifest is ParsedManifest => manifest !== undefined);

describe('the standalone manifest validators', () => {
  it('are the code the generator writes (run `npx tsx scripts/generate-validators.ts` after editing schema/src)', () => {
    expect(readFileSync(join(root, standaloneValidatorsPath), 'utf8')).toBe(standaloneValidatorsModule());
  });

  it('load for the current schemas, one validator per kind', () => {
    const validators = loadStandaloneValidators(manifestSchemas);
    expect(Object.keys(validators ?? {}).sort()).toEqual(Object.keys(manifestSchemas).sort());
  });

  it('are not used for other schemas', () => {
    expect(loadStandaloneValidators({ Tool: { type: 'object' } })).toBeUndefined();
  });

  it('accept, refuse and mark exactly as the run-time Ajv does', () => {
    const validators = loadStandaloneValidators(manifestSchemas) ?? {};
    const runtime = new SchemaRegistry(manifestSchemas);
    const manifests = [...definitionManifests, ...edgeManifests];
    expect(definitionManifests.length).toBeGreaterThan(10);
    for (const manifest of manifests) {
      const want = runtime.validate(manifest.kind, manifest.value);
      const marked = createMarkedFields();
      const valid = validators[manifest.kind]?.call(marked, manifest.value);
      expect(valid, `${manifest.file} (${manifest.kind})`).toBe(want.valid);
      expect([...marked.secret], manifest.file).toEqual([...want.marked.secret]);
      expect([...marked.env], manifest.file).toEqual([...want.marked.env]);
    }
    expect(edgeManifests.some((manifest) => !runtime.validate(manifest.kind, manifest.value).valid)).toBe(
      true,
    );
  });

  it('give a registry the same answers, errors included, with or without them', () => {
    const fast = new SchemaRegistry(manifestSchemas, {
      standalone: loadStandaloneValidators(manifestSchemas),
    });
    const slow = new SchemaRegistry(manifestSchemas);
    for (const manifest of [...definitionManifests, ...edgeManifests]) {
      const got = fast.validate(manifest.kind, manifest.value);
      const want = slow.validate(manifest.kind, manifest.value);
      expect(got.valid).toBe(want.valid);
      expect(
        got.errors.map(({ instancePath, keyword, params }) => ({ instancePath, keyword, params })),
      ).toEqual(want.errors.map(({ instancePath, keyword, params }) => ({ instancePath, keyword, params })));
      expect([...got.marked.secret]).toEqual([...want.marked.secret]);
      expect([...got.marked.env]).toEqual([...want.marked.env]);
    }
  });
});
