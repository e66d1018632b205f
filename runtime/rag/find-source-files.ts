import { readdir } from 'node:fs/promises';
import { join, posix } from 'node:path';

/**
 * The files matching a glob under `baseDir`, as paths relative to it with `/` separators, sorted.
 * Supports `*` and `?` (within a path segment), `**` (any number of folders), `{a,b}` and
 * `[abc]`. Hidden files and folders (`.weft`, `.git`) and `node_modules` are matched only when the
 * glob names them explicitly. A folder that does not exist matches nothing.
 *
 * @example
 * await findSourceFiles('/srv/project/knowledge', 'help-center/*.md');
 * // ['help-center/payment-methods.md', 'help-center/refunds.md', 'help-center/shipping.md']
 */
export async function findSourceFiles(baseDir: string, glob: string): Promise<string[]> {
  const pattern = posix.normalize(glob.replace(/\\/g, '/')).replace(/^\.\//, '');
  const segments = pattern.split('/');
  const firstMagic = segments.findIndex((segment) => /[*?[{]/.test(segment));
  if (firstMagic === -1) {
    const found = await listFiles(baseDir, posix.dirname(pattern), false);
    return found.filter((file) => file === pattern);
  }
  const prefix = segments.slice(0, firstMagic).join('/');
  const matcher = globToRegExp(pattern);
  const deep = segments.slice(firstMagic).length > 1 || segments.includes('**');
  const files = await listFiles(baseDir, prefix === '' ? '.' : prefix, deep);
  return files.filter((file) => matcher.test(file)).sort();
}

/** Files under `dir` (relative to `baseDir`), recursively when `deep`; paths relative to `baseDir`. */
async function listFiles(baseDir: string, dir: string, deep: boolean): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(join(baseDir, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    const path = dir === '.' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isFile()) files.push(path);
    else if (deep && entry.isDirectory() && !hidden(entry.name))
      files.push(...(await listFiles(baseDir, path, true)));
  }
  return files;
}

function hidden(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/**
 * A glob as a regular expression over `/`-separated relative paths.
 *
 * @example
 * globToRegExp('docs/**\/*.{md,txt}').test('docs/a/b.md'); // true
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  let braces = 0;
  for (let index = 0; index < glob.length; index += 1) {
    const char = glob[index] ?? '';
    if (char === '*' && glob[index + 1] === '*') {
      const slashAfter = glob[index + 2] === '/';
      // `**/` matches zero or more folders; a trailing `**` matches everything below.
      source += slashAfter ? '(?:[^/.][^/]*/)*' : '(?:[^/.][^/]*(?:/[^/.][^/]*)*)?';
      index += slashAfter ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '{') {
      braces += 1;
      source += '(?:';
    } else if (char === '}' && braces > 0) {
      braces -= 1;
      source += ')';
    } else if (char === ',' && braces > 0) source += '|';
    else if (char === '[') {
      const end = glob.indexOf(']', index + 1);
      if (end === -1) source += '\\[';
      else {
        const body = glob
          .slice(index + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        source += `[${body}]`;
        index = end;
      }
    } else source += char.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
