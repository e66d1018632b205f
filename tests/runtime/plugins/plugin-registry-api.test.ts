import { describe, expect, it } from 'vitest';
import { WeftError } from '../../../runtime/errors/weft-error.js';
import { definePlugin } from '../../../runtime/plugins/define-plugin.js';
import { defineTools } from '../../../runtime/plugins/define-tools.js';
import { PluginRegistry } from '../../../runtime/plugins/plugin-registry.js';
import type { EmbedderV1 } from '../../../runtime/spec/v1/embedder.js';
import type { PluginV1 } from '../../../runtime/spec/v1/plugin.js';
import type { VectorStoreV1 } from '../../../runtime/spec/v1/vector-store.js';

async function rejectionOf(promise: Promise<unknown>): Promise<WeftError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!WeftError.isInstance(error)) throw new Error(`expected a WeftError, got ${String(error)}`);
  return error;
}

const logger = { debug() {}, info() {}, warn() {}, error() {} };

const fakeEmbedder = (modelId: string): EmbedderV1 => ({
  specificationVersion: 'v1',
  name: `local:${modelId}`,
  dimension: 3,
  embed: async (texts) => texts.map((text) => [text.length, 0, 1]),
});

const fakeStore = {} as VectorStoreV1;

describe('PluginRegistry: vector stores, embedders and tool maps', () => {
  it('registers vector store and embedder factories by name', async () => {
    const registry = new PluginRegistry();
    await registry.install(
      definePlugin({
        name: 'rag',
        apiVersion: 'v1',
        setup(r) {
          r.vector('memory-vectors', () => fakeStore);
          r.embedder('local', ({ modelId }) => fakeEmbedder(modelId));
        },
      }),
    );
    expect(registry.vectorNames()).toEqual(['memory-vectors']);
    expect(registry.embedderNames()).toEqual(['local']);
    expect(await registry.vector('memory-vectors')?.({ projectDir: '/p', options: {}, logger })).toBe(
      fakeStore,
    );
    const embedder = await registry.embedder('local')?.({ projectDir: '/p', modelId: 'hash-3', logger });
    expect(embedder?.name).toBe('local:hash-3');
    expect(await embedder?.embed(['abcd'])).toEqual([[4, 0, 1]]);
    expect(registry.vector('nope')).toBeUndefined();
  });

  it('refuses a vector store or embedder name registered twice, naming both plugins', async () => {
    const registry = new PluginRegistry();
    await registry.install(
      definePlugin({
        name: 'a',
        apiVersion: 'v1',
        setup: (r) => r.embedder('local', () => fakeEmbedder('x')),
      }),
    );
    const error = await rejectionOf(
      registry.install(
        definePlugin({
          name: 'b',
          apiVersion: 'v1',
          setup: (r) => r.embedder('local', () => fakeEmbedder('y')),
        }),
      ),
    );
    expect(error.code).toBe('PLUGIN_DUPLICATE');
    expect(error.message).toBe(
      'The embedding provider "local" is registered by plugin "a" and by plugin "b".',
    );
  });

  it('registers a map of tool executors in one call', async () => {
    const registry = new PluginRegistry();
    const tools = defineTools<{ square: { input: { n: number }; output: { value: number } } }>({
      square: async ({ n }) => ({ value: n * n }),
    });
    await registry.install(definePlugin({ name: 'math', apiVersion: 'v1', setup: (r) => r.tools(tools) }));
    expect(registry.toolNames()).toEqual(['square']);
    expect(registry.tool('square')).toBe(tools.square);
  });

  it('refuses a tool map entry that is not a function', async () => {
    const registry = new PluginRegistry();
    const error = await rejectionOf(
      registry.install(
        definePlugin({ name: 'math', apiVersion: 'v1', setup: (r) => r.tools({ square: 42 as never }) }),
      ),
    );
    expect(error.code).toBe('PLUGIN_INVALID');
    expect(error.message).toContain('"square"');
  });
});

describe('PluginRegistry: config checked against configSchema', () => {
  const configSchema = {
    type: 'object',
    required: ['region'],
    additionalProperties: false,
    properties: {
      region: { enum: ['eu', 'us'] },
      retry: { type: 'object', properties: { max: { type: 'integer', minimum: 0 } } },
    },
  };
  const plugin = (): PluginV1<unknown> => ({ name: 'crm', apiVersion: 'v1', configSchema, setup() {} });

  const invalid: [string, unknown, string][] = [
    ['a missing required field', {}, 'region'],
    ['a value outside the enum', { region: 'mars' }, 'region'],
    ['a nested field of the wrong type', { region: 'eu', retry: { max: 'three' } }, 'retry.max'],
    ['an unknown field', { region: 'eu', token: 'sk-secret-value' }, 'token'],
  ];

  it.each(invalid)(
    'refuses %s with PLUGIN_CONFIG_INVALID naming the plugin and the field',
    async (_n, config, field) => {
      const error = await rejectionOf(new PluginRegistry().install(plugin(), config));
      expect(error.code).toBe('PLUGIN_CONFIG_INVALID');
      expect(error.message).toContain('plugin "crm"');
      expect(error.message).toContain(`field "${field}"`);
      expect(error.details).toMatchObject({ plugin: 'crm', field });
      expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(
        'sk-secret-value',
      );
    },
  );

  it('runs setup with a config that matches', async () => {
    const seen: unknown[] = [];
    const registry = new PluginRegistry();
    await registry.install({ ...plugin(), setup: (_r, config) => void seen.push(config) }, { region: 'eu' });
    expect(seen).toEqual([{ region: 'eu' }]);
  });

  it('does not run setup when the config is invalid', async () => {
    let ran = false;
    const registry = new PluginRegistry();
    await rejectionOf(
      registry.install(
        {
          ...plugin(),
          setup: () => {
            ran = true;
          },
        },
        { region: 'mars' },
      ),
    );
    expect(ran).toBe(false);
    expect(registry.has('crm')).toBe(false);
  });

  it('refuses a configSchema that is not a JSON Schema with PLUGIN_INVALID', async () => {
    const bad: PluginV1<unknown> = {
      name: 'bad',
      apiVersion: 'v1',
      configSchema: { type: 'no-such-type' },
      setup() {},
    };
    const error = await rejectionOf(new PluginRegistry().install(bad, {}));
    expect(error.code).toBe('PLUGIN_INVALID');
    expect(error.message).toContain('plugin "bad"');
  });

  it('refuses a wrong apiVersion at registration', async () => {
    const error = await rejectionOf(new PluginRegistry().install({ ...plugin(), apiVersion: 'v2' as 'v1' }));
    expect(error.code).toBe('PLUGIN_INVALID');
    expect(error.message).toContain('apiVersion must be "v1"');
  });
});
