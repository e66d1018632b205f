#!/usr/bin/env node
// The `weft` command: a thin launcher for the compiled CLI (built by `npm run build`, run by `npm ci`).
import('../dist/cli/main.js')
  .then((cli) => cli.main(process.argv.slice(2)))
  .catch((error) => {
    process.stderr.write(`weft: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  });
