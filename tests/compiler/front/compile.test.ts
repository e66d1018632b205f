import { afterEach, describe, expect, it } from 'vitest';
import { compile, validateProject } from '../../../compiler/compile.js';
import { discover } from '../../../compiler/discover.js';
import { projectYaml, toolYaml, writeProject } from './project-fixture.js';

const cleanups: (() => Promise<void>)[] = [];
async function project(files: Record<string, string | Uint8Array>): Promise<string> {
  const created = await writeProject(files);
  cleanups.push(created.remove);
  return created.dir;
}
afterEach(async () => {
  for (const remove of cleanups.splice(0)) await remove();
});

const codesByFile = (diagnostics: readonly { code: string; file: string }[]) =>
  diagnostics.map(({ file, code }) => `${file} ${code}`);

describe('discover', () => {
  it('finds .yaml and .yml files recursively, sorted, skipping .weft, node_modules and dot-folders', async () => {
    const dir = await project({
      'weft.yaml': projectYaml,
      'workflows/b.yml': '',
      'workflows/a.yaml': '',
      'tools/deep/x.yaml': '',
      'notes.txt': '',
      '.weft/graph.yaml': '',
      'node_modules/pkg/x.yaml': '',
      '.github/workflows/ci.yaml': '',
    });
    expect(await discover(dir)).toEqual([
      'tools/deep/x.yaml',
      'weft.yaml',
      'workflows/a.yaml',
      'workflows/b.yml',
    ]);
  });
});

describe('validateProject', () => {
  it('reports every bad file and still reports the others', async () => {
    const dir = await project({
      'weft.yaml': projectYaml,
      'a-syntax.yaml': 'apiVersion: weft/v1\nkind: [Tool\n',
      'b-binary.yaml': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
      'c-latin1.yaml': new Uint8Array([0x6b, 0x3a, 0x20, 0xe9, 0x0a]),
      'd-empty.yaml': '',
      'e-huge.yaml': `# ${'x'.repeat(5 * 1024 * 1024)}\n`,
      'f-tool.yaml': toolYaml('lookup-order').replace('plugin: lookup-order', 'plugn: lookup-order'),
    });
    const result = await validateProject(dir);
    expect(result.ok).toBe(false);
    expect(codesByFile(result.diagnostics)).toEqual([
      'a-syntax.yaml YAML_SYNTAX',
      'b-binary.yaml FILE_NOT_YAML',
      'c-latin1.yaml FILE_NOT_YAML',
      'd-empty.yaml FILE_EMPTY',
      'e-huge.yaml FILE_TOO_LARGE',
      'f-tool.yaml SCHEMA_ONE_KIND_KEY',
    ]);
    expect(result.manifestCount).toBe(2);
  });

  it.each([
    ['no Project', { 'tools/a.yaml': toolYaml('a') }, ['weft.yaml PROJECT_MISSING']],
    [
      'two Projects',
      { 'weft.yaml': projectYaml, 'other/weft.yaml': projectYaml },
      ['other/weft.yaml PROJECT_DUPLICATE'],
    ],
    [
      'a plugin file that does not exist',
      {
        'weft.yaml': projectYaml.replace(
          'spec: {}',
          'spec:\n  plugins: [./plugins/missing.ts, some-package]',
        ),
      },
      ['weft.yaml PROJECT_PLUGIN_NOT_FOUND'],
    ],
    [
      'two tools with the same name',
      { 'weft.yaml': projectYaml, 'tools/a.yaml': toolYaml('same'), 'tools/b.yaml': toolYaml('same') },
      ['tools/b.yaml MANIFEST_DUPLICATE_NAME'],
    ],
  ])('reports %s', async (_name, files, want) => {
    const result = await validateProject(await project(files));
    expect(codesByFile(result.diagnostics)).toEqual(want);
    expect(result.ok).toBe(false);
  });

  it('points a duplicate name at the first definition', async () => {
    const dir = await project({
      'weft.yaml': projectYaml,
      'tools/a.yaml': toolYaml('same'),
      'tools/b.yaml': toolYaml('same'),
    });
    const [duplicate] = (await validateProject(dir)).diagnostics;
    expect(duplicate).toMatchObject({
      line: 3,
      column: 19,
      hint: expect.stringContaining('tools/a.yaml:3:19'),
    });
  });

  it('answers a missing folder with a diagnostic instead of throwing', async () => {
    const result = await compile('/nonexistent/weft-project');
    expect(codesByFile(result.diagnostics)).toEqual(['. PROJECT_NOT_FOUND']);
  });
});
