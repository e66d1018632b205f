/**
 * Writes the generated schema files (`schema/*.schema.json`) and `compiler/manifest-types.ts`
 * from the TypeScript sources in `schema/src/`.
 *
 * @example
 * // npx tsx scripts/generate-schemas.ts   (or: npm run generate:schemas)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSchemaFiles } from '../schema/generate-schema-files.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = await generateSchemaFiles();
for (const [path, content] of Object.entries(files)) {
  const target = join(root, path);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, content);
  process.stdout.write(`wrote ${path}\n`);
}
