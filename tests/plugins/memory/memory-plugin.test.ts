import { describe, expect, it } from 'vitest';
import plugin, { MemoryStorage } from '../../../plugins/memory/index.js';
import type { StorageFactoryV1 } from '../../../runtime/spec/v1/plugin.js';

describe('memory plugin', () => {
  it('registers the memory storage adapter, a fresh store per factory call', async () => {
    const factories = new Map<string, StorageFactoryV1>();
    await plugin.setup({
      tool: () => undefined,
      storage: (name, factory) => void factories.set(name, factory),
      model: () => undefined,
      vector: () => undefined,
      embedder: () => undefined,
      tools: () => undefined,
    });
    const factory = factories.get('memory');
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
