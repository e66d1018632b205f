import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { weftError } from '../errors/create-weft-error.js';
import { WeftError } from '../errors/weft-error.js';
import type { PluginV1 } from '../spec/v1/plugin.js';
import { pluginProblem } from './define-plugin.js';
import { fileUrl, importModule, siblingModule } from './import-module.js';
import type { PluginRegistry } from './plugin-registry.js';

/**
 * The built-in plugins, by the storage adapter name they provide. They are imported lazily (PGlite
 * is loaded only by a project that uses it) and installed through the same API as users' plugins.
 */
const builtinPlugins: Readonly<Record<string, string>> = {
  memory: '../../plugins/memory/index.js',
  pglite: '../../plugins/pglite/index.js',
  postgres: '../../plugins/postgres/index.js',
};

/**
 * Installs the built-in plugin that provides storage adapter `name`, unless an adapter of that
 * name is already registered. Resolves whether the adapter is now registered.
 *
 * @example
 * await ensureBuiltinStorage(registry, 'pglite');
 */
export async function ensureBuiltinStorage(registry: PluginRegistry, name: string): Promise<boolean> {
  if (registry.storage(name) !== undefined) return true;
  const relative = builtinPlugins[name];
  if (relative === undefined) return false;
  const url = siblingModule(import.meta.url, relative);
  if (url === undefined) return false;
  const plugin = await loadPluginModule(url, `built-in plugin "${name}"`);
  if (!registry.has(plugin.name)) await registry.install(plugin);
  return registry.storage(name) !== undefined;
}

/** The built-in plugins, by the vector store adapter name they provide (imported lazily too). */
const builtinVectorPlugins: Readonly<Record<string, string>> = {
  memory: '../../plugins/memory/index.js',
  pgvector: '../../plugins/pgvector/index.js',
  pinecone: '../../plugins/pinecone/index.js',
  chroma: '../../plugins/chroma/index.js',
  qdrant: '../../plugins/qdrant/index.js',
};

/**
 * Installs the built-in plugin that provides vector store adapter `name`, unless an adapter of
 * that name is already registered. Resolves whether the adapter is now registered.
 *
 * @example
 * await ensureBuiltinVector(registry, 'pgvector');
 */
export async function ensureBuiltinVector(registry: PluginRegistry, name: string): Promise<boolean> {
  if (registry.vector(name) !== undefined) return true;
  const relative = builtinVectorPlugins[name];
  if (relative === undefined) return false;
  const url = siblingModule(import.meta.url, relative);
  if (url === undefined) return false;
  const plugin = await loadPluginModule(url, `built-in plugin "${name}"`);
  if (!registry.has(plugin.name)) await registry.install(plugin);
  return registry.vector(name) !== undefined;
}

/**
 * Loads weft.yaml's plugins in order: paths (relative to the project folder; `.ts` works) or
 * package names, each module's default export installed into `registry`. A missing file, a
 * failing import or no default-exported plugin is `PLUGIN_LOAD_FAILED` naming the file.
 *
 * @example
 * const registry = new PluginRegistry();
 * await loadPlugins(['./plugins/billing.ts'], '/abs/definitions', registry);
 */
export async function loadPlugins(
  specifiers: readonly string[],
  projectDir: string,
  registry: PluginRegistry,
): Promise<PluginV1[]> {
  const loaded: PluginV1[] = [];
  for (const specifier of specifiers) {
    const url = resolveSpecifier(specifier, projectDir);
    const plugin = await loadPluginModule(url, specifier);
    await registry.install(plugin);
    loaded.push(plugin);
  }
  return loaded;
}

function resolveSpecifier(specifier: string, projectDir: string): URL {
  if (specifier.startsWith('.') || isAbsolute(specifier)) {
    const path = resolve(projectDir, specifier);
    if (!existsSync(path)) {
      throw weftError('PLUGIN_LOAD_FAILED', {
        message: `The plugin file "${specifier}" does not exist (looked at ${path}).`,
        details: { plugin: specifier, file: path },
      });
    }
    return fileUrl(path);
  }
  try {
    return fileUrl(createRequire(join(projectDir, 'package.json')).resolve(specifier));
  } catch (cause) {
    throw weftError('PLUGIN_LOAD_FAILED', {
      message: `The plugin package "${specifier}" cannot be found from ${projectDir}.`,
      details: { plugin: specifier },
      cause,
    });
  }
}

async function loadPluginModule(url: URL, label: string): Promise<PluginV1> {
  let module: Record<string, unknown>;
  try {
    module = await importModule(url);
  } catch (cause) {
    if (WeftError.isInstance(cause)) throw cause;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw weftError('PLUGIN_LOAD_FAILED', {
      message: `The plugin ${label} could not be loaded: ${reason}`,
      details: { plugin: label, file: url.href },
      cause,
    });
  }
  const plugin = module.default;
  const problem = pluginProblem(plugin);
  if (problem !== undefined) {
    throw weftError('PLUGIN_LOAD_FAILED', {
      message: `The plugin ${label} does not default-export a plugin: ${problem}.`,
      details: { plugin: label, file: url.href, problem },
    });
  }
  return plugin as PluginV1;
}
