import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { validateProject } from '../../../compiler/compile.js';
import { toolYaml, writeProject } from '../front/project-fixture.js';

const cleanups: (() => Promise<void>)[] = [];
async function project(files: Record<string, string>): Promise<string> {
  const created = await writeProject(files);
  cleanups.push(created.remove);
  return created.dir;
}
afterEach(async () => {
  for (const remove of cleanups.splice(0)) await remove();
});

const projectWith = (plugins: readonly string[]): string =>
  `apiVersion: weft/v1\nkind: Project\nmetadata: { name: demo }\nspec:\n  plugins:\n${plugins.map((p) => `    - ${p}\n`).join('')}`;

const plainPlugin = (name: string, tools: readonly string[]): string =>
  `export default { name: '${name}', apiVersion: 'v1', setup(registry) {\n${tools
    .map((tool) => `  registry.tool('${tool}', async () => ({}));\n`)
    .join('')}} };\n`;

const brief = (diagnostics: readonly { code: string; file: string; line: number; column: number }[]) =>
  diagnostics.map(({ code, file, line, column }) => `${file}:${line}:${column} ${code}`);

describe('the compile-time plugin check', () => {
  it('accepts tools whose executors the plugins register', async () => {
    const dir = await project({
      'weft.yaml': projectWith(['./plugins/billing.mjs']),
      'tools/lookup-order.yaml': toolYaml('lookup-order'),
      'plugins/billing.mjs': plainPlugin('billing', ['lookup-order']),
    });
    const result = await validateProject(dir);
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('reports a tool naming an executor no plugin registers, at its `plugin:` value, with a did-you-mean', async () => {
    const dir = await project({
      'weft.yaml': projectWith(['./plugins/billing.mjs']),
      'tools/lookup-order.yaml': toolYaml('lookup-order').replace(
        'plugin: lookup-order',
        'plugin: lookup-ordr',
      ),
      'tools/refund.yaml': toolYaml('refund').replace('plugin: refund', 'plugin: zzz'),
      'plugins/billing.mjs': plainPlugin('billing', ['lookup-order', 'refund']),
    });
    const result = await validateProject(dir);
    expect(result.ok).toBe(false);
    expect(brief(result.diagnostics)).toEqual([
      'tools/lookup-order.yaml:7:11 PLUGIN_EXECUTOR_NOT_FOUND',
      'tools/refund.yaml:7:11 PLUGIN_EXECUTOR_NOT_FOUND',
    ]);
    const [misspelt, unknown] = result.diagnostics;
    expect(misspelt?.pointer).toBe('/spec/plugin');
    expect(misspelt?.message).toContain('"lookup-ordr"');
    expect(misspelt?.hint).toBe('Did you mean "lookup-order"?');
    expect(unknown?.hint).toBe('Registered tool executors: lookup-order, refund.');
  });

  const broken: [string, string, RegExp][] = [
    ['throws while it is imported', "throw new Error('kaboom');\n", /kaboom/],
    ['exports no plugin', 'export const x = 1;\n', /does not default-export a plugin/],
    [
      'fails in setup',
      "export default { name: 'b', apiVersion: 'v1', setup() { throw new Error('no db'); } };\n",
      /no db/,
    ],
    [
      'has the wrong apiVersion',
      "export default { name: 'b', apiVersion: 'v2', setup() {} };\n",
      /apiVersion must be "v1"/,
    ],
  ];

  it.each(broken)('reports a plugin that %s at its weft.yaml entry', async (_name, source, message) => {
    const dir = await project({
      'weft.yaml': projectWith(['./plugins/good.mjs', './plugins/broken.mjs']),
      'tools/lookup-order.yaml': toolYaml('lookup-order').replace('plugin: lookup-order', 'plugin: other'),
      'plugins/good.mjs': plainPlugin('good', ['lookup-order']),
      'plugins/broken.mjs': source,
    });
    const result = await validateProject(dir);
    // The executor check is skipped: the broken plugin may be the one that registers `other`.
    expect(brief(result.diagnostics)).toEqual(['weft.yaml:7:7 PROJECT_PLUGIN_LOAD_FAILED']);
    expect(result.diagnostics[0]?.pointer).toBe('/spec/plugins/1');
    expect(result.diagnostics[0]?.message).toMatch(message);
    expect(result.diagnostics[0]?.message).toContain('./plugins/broken.mjs');
  });

  it('loads no plugin when no tool uses a plugin executor', async () => {
    const dir = await project({
      'weft.yaml': projectWith(['./plugins/broken.mjs']),
      'plugins/broken.mjs': "throw new Error('must not be imported');\n",
    });
    expect((await validateProject(dir)).diagnostics).toEqual([]);
  });

  it('leaves a project that lists no plugins to executors installed from code', async () => {
    const dir = await project({
      'weft.yaml': 'apiVersion: weft/v1\nkind: Project\nmetadata: { name: demo }\nspec: {}\n',
      'tools/lookup-order.yaml': toolYaml('lookup-order'),
    });
    expect((await validateProject(dir)).ok).toBe(true);
  });

  it('loads a TypeScript plugin that registers typed executors', async () => {
    const dir = await project({
      'weft.yaml': projectWith(['./plugins/billing.ts']),
      'tools/lookup-order.yaml': toolYaml('lookup-order'),
      'tools/refund.yaml': toolYaml('refund').replace('plugin: refund', 'plugin: refnd'),
      'plugins/billing.ts': [
        "import { definePlugin, defineTools } from 'weft';",
        "interface Tools { 'lookup-order': { input: object; output: object } }",
        "const tools = defineTools<Tools>({ 'lookup-order': async () => ({}) });",
        "export default definePlugin({ name: 'billing', apiVersion: 'v1', setup: (registry) => registry.tools(tools) });",
      ].join('\n'),
    });
    expect(brief((await validateProject(dir)).diagnostics)).toEqual([
      'tools/refund.yaml:7:11 PLUGIN_EXECUTOR_NOT_FOUND',
    ]);
  });

  it('loads a TypeScript plugin under plain Node (tsx is registered by the loader)', async () => {
    const dir = await project({
      'weft.yaml': projectWith(['./plugins/billing.ts']),
      'tools/refund.yaml': toolYaml('refund').replace('plugin: refund', 'plugin: refnd'),
      'plugins/billing.ts': [
        "import { definePlugin } from 'weft';",
        'const refund = async (input: { orderId: string }): Promise<object> => ({ id: input.orderId });',
        "export default definePlugin({ name: 'billing', apiVersion: 'v1', setup: (registry) => registry.tool('refund', refund) });",
      ].join('\n'),
    });
    const compiler = fileURLToPath(new URL('../../../compiler/index.ts', import.meta.url));
    const script = `const { validateProject } = await import(${JSON.stringify(compiler)});
      const result = await validateProject(${JSON.stringify(dir)});
      console.log(JSON.stringify(result.diagnostics.map((d) => [d.code, d.hint])));`;
    const env = { ...process.env };
    delete env.VITEST;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', script],
      { env, cwd: fileURLToPath(new URL('../../../', import.meta.url)) },
    );
    expect(JSON.parse(stdout)).toEqual([['PLUGIN_EXECUTOR_NOT_FOUND', 'Did you mean "refund"?']]);
  });
});
