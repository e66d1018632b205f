/**
 * Writes `compiler/validators/standalone-validators.generated.ts`: the manifest schemas compiled
 * ahead of time by Ajv's standalone code generator. Run it after `npm run generate:schemas`.
 *
 * @example
 * // npx tsx scripts/generate-validators.ts
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  standaloneValidatorsModule,
  standaloneValidatorsPath,
} from '../compiler/validators/generate-standalone-validators.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await writeFile(join(root, standaloneValidatorsPath), standaloneValidatorsModule());
process.stdout.write(`wrote ${standaloneValidatorsPath}\n`);
