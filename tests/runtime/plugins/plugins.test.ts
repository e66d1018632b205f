import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WeftError } from '../../../runtime/errors/weft-error.js';
import { definePlugin } from '../../../runtime/plugins/define-plugin.js';
import { loadPlugins } from '../../../runtime/plugins/load-plugins.js';
import { PluginRegistry } from '../../../runtime/plugins/plugin-registry.js';

function errorOf(run: () => unknown): WeftError {
  try {
    run();
  } catch (error) {
    if (WeftError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a WeftError');
}

async function rejectionOf(promise: Promise<unknown>): Promise<WeftError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!WeftError.isInstance(error)) throw new Error(`expected a WeftError, got ${String(error)}`);
  return error;
}

const noop = (): void => {};

describe('definePlugin', () => {
  const invalid: [string, unknown, RegExp][] = [
    ['a value that is not an object', 42, /object made with definePlugin/],
    ['a missing name', { apiVersion: 'v1', setup: noop }, /name must be/],
    ['an upper-case name', { name: 'Billing', apiVersion: 'v1', setup: noop }, /name must be/],
    ['another apiVersion', { name: 'billing', apiVersion: 'v2', setup: noop }, /apiVersion must be "v1"/],
    ['no setup function', { name: 'billing', apiVersion: 'v1' }, /no setup/],
  ];

  it.each(invalid)('refuses %s with PLUGIN_INVALID', (_name, plugin, message) => {
    const error = errorOf(() => definePlugin(plugin as never));
    expect(error.code).toBe('PLUGIN_INVALID');
    expect(error.message).toMatch(message);
  });

  it('returns a valid plugin unchanged', () => {
    const plugin = { name: 'billing', apiVersion: 'v1' as const, setup: noop };
    expect(definePlugin(plugin)).toBe(plugin);
  });
});

describe('PluginRegistry', () => {
  it('registers tool executors and storage factories by name', async () => {
    const registry = new PluginRegistry();
    const executor = async () => ({ ok: true });
    await registry.install(
      definePlugin({ name: 'a', apiVersion: 'v1', setup: (r) => r.tool('ping', executor) }),
    );
    expect(registry.tool('ping')).toBe(executor);
    expect(registry.toolNames()).toEqual(['ping']);
    expect(registry.tool('nope')).toBeUndefined();
  });

  it('refuses a name registered twice, naming both plugins', async () => {
    const registry = new PluginRegistry();
    await registry.install(
      definePlugin({ name: 'first', apiVersion: 'v1', setup: (r) => r.tool('ping', async () => 1) }),
    );
    const error = await rejectionOf(
      registry.install(
        definePlugin({ name: 'second', apiVersion: 'v1', setup: (r) => r.tool('ping', async () => 2) }),
      ),
    );
    expect(error.code).toBe('PLUGIN_DUPLICATE');
    expect(error.details).toMatchObject({ name: 'ping', plugins: ['first', 'second'] });
    expect(error.message).toMatch(/"first".*"second"/);
  });
});

describe('loadPlugins', () => {
  const definitions = resolve('definitions');

  it("loads a .ts plugin of weft.yaml (the example project's billing plugin)", async () => {
    const registry = new PluginRegistry();
    const loaded = await loadPlugins(['./plugins/billing.ts'], definitions, registry);
    expect(loaded.map((p) => p.name)).toEqual(['billing']);
    expect(registry.toolNames()).toEqual(expect.arrayContaining(['lookup-order', 'charge-card', 'refund']));
  });

  it('reports a missing file with PLUGIN_LOAD_FAILED naming it', async () => {
    const error = await rejectionOf(loadPlugins(['./plugins/missing.ts'], definitions, new PluginRegistry()));
    expect(error.code).toBe('PLUGIN_LOAD_FAILED');
    expect(error.message).toContain('./plugins/missing.ts');
  });

  const broken: [string, string, RegExp][] = [
    ['a module without a default export', 'export const x = 1;\n', /does not default-export a plugin/],
    ['a module that throws while loading', "throw new Error('kaboom');\n", /kaboom/],
    ['a default export that is not a plugin', 'export default { name: "x" };\n', /apiVersion must be/],
  ];

  it.each(broken)('reports %s with PLUGIN_LOAD_FAILED', async (_name, source, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'weft-plugin-'));
    writeFileSync(join(dir, 'plugin.mjs'), source);
    const error = await rejectionOf(loadPlugins(['./plugin.mjs'], dir, new PluginRegistry()));
    expect(error.code).toBe('PLUGIN_LOAD_FAILED');
    expect(error.message).toMatch(message);
    expect(error.message).toContain('./plugin.mjs');
  });

  it('reports an unknown package with PLUGIN_LOAD_FAILED', async () => {
    const error = await rejectionOf(
      loadPlugins(['weft-plugin-that-does-not-exist'], definitions, new PluginRegistry()),
    );
    expect(error.code).toBe('PLUGIN_LOAD_FAILED');
  });
});
