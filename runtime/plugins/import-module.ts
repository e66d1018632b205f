import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureWeftResolution } from './weft-resolution.js';

let tsxRegistered: Promise<void> | undefined;

function isTypeScript(path: string): boolean {
  return /\.[cm]?ts$/.test(path);
}

/** Registers tsx's ESM loader once, so plain Node can import `.ts` plugins (vitest needs none). */
function ensureTypeScriptLoader(): Promise<void> {
  if (process.env.VITEST !== undefined) return Promise.resolve();
  tsxRegistered ??= import('tsx/esm/api').then((api) => {
    api.register();
  });
  return tsxRegistered;
}

/**
 * Imports a module by file URL; `.ts` files work under vitest (vite) and under plain Node (tsx's
 * register API, loaded only when a `.ts` module is imported).
 *
 * @example
 * const mod = await importModule(pathToFileURL('/project/plugins/billing.ts'));
 */
export async function importModule(url: URL): Promise<Record<string, unknown>> {
  ensureWeftResolution();
  if (url.protocol === 'file:' && isTypeScript(url.pathname)) await ensureTypeScriptLoader();
  return (await import(url.href)) as Record<string, unknown>;
}

/**
 * The URL of a module next to `base`: the compiled `.js` file when it exists, else its `.ts`
 * source (running from sources under vitest or tsx); undefined when neither exists.
 *
 * @example
 * siblingModule(import.meta.url, '../../plugins/memory/index.js');
 */
export function siblingModule(base: string, relativeJs: string): URL | undefined {
  const js = new URL(relativeJs, base);
  if (existsSync(fileURLToPath(js))) return js;
  const ts = new URL(relativeJs.replace(/\.js$/, '.ts'), base);
  return existsSync(fileURLToPath(ts)) ? ts : undefined;
}

/** A file path as a file URL. */
export function fileUrl(path: string): URL {
  return pathToFileURL(path);
}
