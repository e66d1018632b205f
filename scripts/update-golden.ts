/**
 * Regenerates the golden artefacts under `tests/golden/<case>/` from the current compiler
 * (`npm run update:golden`). Review the diff before committing it: the golden test compares
 * these files byte for byte.
 *
 * @example
 * npm run update:golden            # every case
 * npm run update:golden definitions
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { emitArtefacts } from '../compiler/emit/index.js';
import { artefactNames, goldenCases, repositoryRoot } from '../tests/compiler/emit/golden-cases.js';

async function main(selected: readonly string[]): Promise<number> {
  let failures = 0;
  for (const goldenCase of goldenCases) {
    if (selected.length > 0 && !selected.includes(goldenCase.name)) continue;
    const built = await goldenCase.graph();
    if ('problem' in built) {
      process.stderr.write(`skipped ${goldenCase.name}: ${built.problem}\n`);
      failures += 1;
      continue;
    }
    const artefacts = await emitArtefacts(built.graph);
    const dir = join(repositoryRoot, 'tests', 'golden', goldenCase.name);
    await mkdir(dir, { recursive: true });
    for (const name of artefactNames) {
      const text = artefacts[name];
      if (text === undefined) throw new Error(`emitArtefacts did not produce ${name}`);
      await writeFile(join(dir, name), text);
    }
    process.stdout.write(`updated tests/golden/${goldenCase.name}/ (${artefactNames.join(', ')})\n`);
  }
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
