import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

const skippedFolders = new Set(['node_modules', '.weft']);

function isManifestFile(name: string): boolean {
  return name.endsWith('.yaml') || name.endsWith('.yml');
}

async function walk(dir: string, relative: string, found: string[]): Promise<void> {
  const entries = await readdir(join(dir, relative), { withFileTypes: true });
  for (const entry of entries) {
    const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name.startsWith('.') || skippedFolders.has(entry.name)) continue;
      await walk(dir, path, found);
    } else if (entry.isFile() && isManifestFile(entry.name)) {
      found.push(path);
    }
  }
}

/**
 * Every `*.yaml` / `*.yml` file under the project folder, recursively, as paths relative to it
 * with `/` separators, sorted. Skips `node_modules/`, `.weft/` and every dot-folder; symbolic
 * links are not followed. Throws only when `dir` itself cannot be read.
 *
 * @example
 * await discover('/srv/project'); // ['tools/lookup-order.yaml', 'weft.yaml', 'workflows/order.yaml']
 */
export async function discover(dir: string): Promise<string[]> {
  const found: string[] = [];
  await walk(dir, '', found);
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
