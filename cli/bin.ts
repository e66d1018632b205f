/**
 * Runs the CLI from source (`node --import tsx cli/bin.ts validate definitions`); the published
 * `bin/weft.js` runs the compiled `dist/cli/main.js` instead.
 */
import { main } from './main.js';

await main(process.argv.slice(2));
