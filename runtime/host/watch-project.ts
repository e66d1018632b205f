import { type FSWatcher, watch } from 'node:fs';

/** Folders whose changes never affect the project: its state, dependencies and version control. */
const ignoredSegments = new Set(['.weft', 'node_modules', '.git']);

/**
 * Watches a project folder (recursively) and calls `onChange` once per burst of changes, `debounceMs`
 * after the last one, with the relative paths changed; `.weft/`, `node_modules/` and `.git/` are
 * ignored. A change that arrives while `onChange` runs schedules one more call after it. Returns
 * the function that stops watching.
 *
 * @example
 * const stop = watchProject('/srv/project', 150, async (files) => console.error(`changed: ${files.join(', ')}`));
 */
export function watchProject(
  dir: string,
  debounceMs: number,
  onChange: (files: readonly string[]) => Promise<void>,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let pending = new Set<string>();
  const fire = (): void => {
    timer = undefined;
    if (running !== undefined) return;
    const files = [...pending].sort();
    pending = new Set();
    running = onChange(files)
      .catch(() => undefined)
      .finally(() => {
        running = undefined;
        if (pending.size > 0) schedule();
      });
  };
  const schedule = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(fire, debounceMs);
  };
  const watcher: FSWatcher = watch(dir, { recursive: true }, (_event, name) => {
    const file = name === null ? '' : name.toString();
    if (file.split(/[\\/]/).some((segment) => ignoredSegments.has(segment))) return;
    pending.add(file);
    schedule();
  });
  watcher.on('error', () => undefined);
  return () => {
    if (timer !== undefined) clearTimeout(timer);
    watcher.close();
  };
}
