import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * The resolve hook, as source: `weft` and `weft/<entry>` resolve as usual when the importing
 * project has the package installed; otherwise (a project outside any `node_modules` that holds
 * weft, such as a copy of the example project) they resolve to the copy of weft that is running.
 */
const hookSource = `
let entries = {};
export async function initialize(data) { entries = data.entries; }
export async function resolve(specifier, context, next) {
  const mapped = entries[specifier];
  if (mapped === undefined) return next(specifier, context);
  try { return await next(specifier, context); } catch { return { url: mapped, shortCircuit: true }; }
}
`;

let registered = false;

/** The compiled `.js` module next to this file, else its `.ts` source (running from sources). */
function entryUrl(relativeJs: string): string | undefined {
  for (const relative of [relativeJs, relativeJs.replace(/\.js$/, '.ts')]) {
    const url = new URL(relative, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url.href;
  }
  return undefined;
}

/**
 * Lets plugins anywhere on disk `import { definePlugin } from 'weft'`, resolved to the running
 * package when their folder has no installed copy. Registered once, only outside vitest (where the
 * test config aliases `weft`).
 *
 * @example
 * ensureWeftResolution();
 * await import(pathToFileURL('/tmp/project/plugins/billing.ts').href);
 */
export function ensureWeftResolution(): void {
  if (registered || process.env.VITEST !== undefined) return;
  registered = true;
  const entries: Record<string, string> = {};
  const candidates: Record<string, string> = {
    weft: '../index.js',
    'weft/client': '../public/client.js',
    'weft/plugin': '../public/plugin.js',
  };
  for (const [specifier, relative] of Object.entries(candidates)) {
    const url = entryUrl(relative);
    if (url !== undefined) entries[specifier] = url;
  }
  register(`data:text/javascript,${encodeURIComponent(hookSource)}`, { data: { entries } });
}
