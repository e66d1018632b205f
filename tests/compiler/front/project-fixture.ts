import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Writes a throw-away project folder from `{ path: content }` and returns its path and a cleanup.
 *
 * @example
 * const project = await writeProject({ 'weft.yaml': projectYaml });
 */
export async function writeProject(
  files: Record<string, string | Uint8Array>,
): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'weft-front-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A minimal valid Project manifest. */
export const projectYaml = 'apiVersion: weft/v1\nkind: Project\nmetadata: { name: demo }\nspec: {}\n';

/** A minimal valid plugin Tool manifest named `name`. */
export const toolYaml = (name: string): string =>
  `apiVersion: weft/v1\nkind: Tool\nmetadata: { name: ${name} }\nspec:\n  input: { type: object }\n  output: { type: object }\n  plugin: ${name}\n`;
