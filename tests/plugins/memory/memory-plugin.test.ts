import { describe, expect, it } from 'vitest';
import plugin, { MemoryStorage } from '../../../plugins/memory/index.js';
import { PluginRegistry } from '../../../runtime/plugins/plugin-registry.js';

describe('memory plugin', () => {
  it('registers the memory storage adapter, a fresh store per factory call', async () => {
    const registry = new PluginRegistry();
    await registry.install(plugin);
    const factory = registry.storage('memory');
    const context = {
      projectDir: '/tmp',
      options: {},
      logger: {
        debug: () => undefined,
        info: () => undefined,
        warn: () => undefined,
        error: () => undefined,
      },
    };
    const first = await factory?.(context);
    const second = await factory?.(context);
    expect(first).toBeInstanceOf(MemoryStorage);
    await first?.kvSet('n', 'k', 1);
    expect(await second?.kvGet('n', 'k')).toBeUndefined();
  });
});
