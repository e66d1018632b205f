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
    // Two test files at a time (vitest's default on a 2-core machine is one): no two files share a
    // port, a folder of the repo or a database schema (checked file by file; Postgres tests each
    // use their own schema or database), and the suite takes about a third less time.
    maxWorkers: 2,
  },
});
