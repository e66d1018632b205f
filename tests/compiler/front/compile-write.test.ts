import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CompiledGraphV1 } from '../../../runtime/spec/v1/graph.js';
import { projectYaml, writeProject } from './project-fixture.js';

// The link/check and emit stages are other modules with their own suites; here they are stand-ins
// so that this suite pins down what compile() does around them: when it emits and where it writes.
const graph = { specificationVersion: 'v1', workflows: {} } as unknown as CompiledGraphV1;
vi.mock('../../../compiler/build-graph.js', () => ({ buildGraph: () => graph }));
vi.mock('../../../compiler/emit/index.js', () => ({
  emitArtefacts: async () => ({
    'graph.json': '{"specificationVersion":"v1"}\n',
    'types.ts': '// generated\n',
  }),
}));

const { compile } = await import('../../../compiler/compile.js');

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const remove of cleanups.splice(0)) await remove();
});

describe('compile', () => {
  it('returns the artefacts without writing by default', async () => {
    const project = await writeProject({ 'weft.yaml': projectYaml });
    cleanups.push(project.remove);
    const result = await compile(project.dir);
    expect(result.ok).toBe(true);
    expect(Object.keys(result.artefacts ?? {})).toEqual(['graph.json', 'types.ts']);
    expect(result.written).toBeUndefined();
  });

  it('writes the artefacts into <dir>/.weft/ with write: true, creating it', async () => {
    const project = await writeProject({ 'weft.yaml': projectYaml });
    cleanups.push(project.remove);
    const result = await compile(project.dir, { write: true });
    expect(result.written).toEqual([
      join(project.dir, '.weft', 'graph.json'),
      join(project.dir, '.weft', 'types.ts'),
    ]);
    expect(await readFile(join(project.dir, '.weft', 'types.ts'), 'utf8')).toBe('// generated\n');
  });

  it('writes into --out when given', async () => {
    const project = await writeProject({ 'weft.yaml': projectYaml });
    cleanups.push(project.remove);
    const out = join(project.dir, 'build', 'nested');
    await compile(project.dir, { write: true, out });
    expect(await readFile(join(out, 'graph.json'), 'utf8')).toBe('{"specificationVersion":"v1"}\n');
  });

  it('emits nothing when a manifest has an error', async () => {
    const project = await writeProject({
      'weft.yaml': projectYaml.replace('spec: {}', 'spec: { storage: 3 }'),
    });
    cleanups.push(project.remove);
    const result = await compile(project.dir, { write: true });
    expect([result.ok, result.diagnostics.map((d) => d.code)]).toEqual([false, ['SCHEMA_WRONG_TYPE']]);
    expect(result.artefacts).toBeUndefined();
  });
});
