import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: [
      { find: /^weft$/, replacement: fileURLToPath(new URL('./runtime/index.ts', import.meta.url)) },
      {
        find: /^weft\/(.*)$/,
        replacement: fileURLToPath(new URL('./runtime/public/$1.ts', import.meta.url)),
      },
    ],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
