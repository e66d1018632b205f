import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { type CliIo, displayPath, exitCodes } from '../cli-io.js';
import { projectNameFrom, starterProject } from '../starter-project.js';

async function entriesOf(dir: string): Promise<string[] | undefined> {
  try {
    return await readdir(dir);
  } catch {
    return undefined;
  }
}

/**
 * `weft init [dir]`: writes a working starter project (weft.yaml, a plugin tool with its
 * TypeScript executor, a workflow). Refuses a folder that is not empty (exit 2).
 *
 * @example
 * weft init my-project && weft validate my-project
 */
export function register(program: Command, io: CliIo): void {
  program
    .command('init')
    .description('create a starter project (refuses a non-empty folder)')
    .argument('[dir]', 'the folder to create the project in', '.')
    .action(async (dir: string) => {
      const root = resolve(io.cwd, dir);
      const existing = await entriesOf(root);
      if (existing !== undefined && existing.length > 0) {
        io.err(`weft init: ${root} is not empty; choose a new or empty folder.`);
        process.exitCode = exitCodes.usage;
        return;
      }
      const files = starterProject(projectNameFrom(basename(root)));
      for (const [file, content] of Object.entries(files)) {
        const path = join(root, file);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, content, { flag: 'wx' });
        io.out(`created ${displayPath(io.cwd, path)}`);
      }
      io.out(`Next: weft validate ${displayPath(io.cwd, root)}`);
      process.exitCode = exitCodes.ok;
    });
}
