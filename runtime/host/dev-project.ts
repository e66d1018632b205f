import type { Diagnostic } from '../../compiler/index.js';
import { WeftError } from '../errors/weft-error.js';
import { openStorage } from '../open-storage.js';
import { loadPlugins } from '../plugins/load-plugins.js';
import { PluginRegistry } from '../plugins/plugin-registry.js';
import type { StorageV1 } from '../spec/v1/storage.js';
import type { LoggerV1 } from '../spec/v1/tool-executor.js';
import { Weft } from '../weft.js';
import { SwappableWeft } from './swappable-weft.js';

/** Why a (re)load kept the previous version: the compiler's diagnostics, or another failure. */
export type DevLoadFailure =
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[]; readonly manifestCount: number }
  | {
      readonly ok: false;
      readonly diagnostics?: undefined;
      readonly manifestCount?: undefined;
      readonly message: string;
    };

/**
 * A project served by `weft dev`: one storage opened once for the whole session, and the
 * current `Weft` over it, replaced by `reload()`.
 */
export interface DevProject {
  readonly holder: SwappableWeft<Weft>;
  readonly current: Weft;
  /**
   * Recompiles and opens the project again over the same storage, makes it current, then closes
   * the previous version once its requests are done; its unfinished runs are taken over at once
   * (each keeps the workflow version it started with). A project that does not compile (or whose
   * plugins fail to load) leaves the current version serving.
   */
  reload(drainMs: number): Promise<{ readonly ok: true } | DevLoadFailure>;
  /** Records the URL the host listens on in the PGlite storage lock (so `weft run` goes through it). */
  recordUrl(url: string): Promise<void>;
  close(): Promise<void>;
}

const silentLogger: LoggerV1 = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Opens a project for `weft dev`: compiles it, opens its storage once, and opens a `Weft` over it.
 *
 * @example
 * const opened = await openDevProject('/srv/project');
 * if (opened.ok) await opened.project.reload(10_000);
 */
export async function openDevProject(
  projectDir: string,
): Promise<{ readonly ok: true; readonly project: DevProject } | DevLoadFailure> {
  const { compile } = await import('../../compiler/index.js');
  const compiled = await compile(projectDir);
  if (!compiled.ok)
    return { ok: false, diagnostics: compiled.diagnostics, manifestCount: compiled.manifestCount };
  const section = compiled.graph.project.storage;
  let storage: StorageV1;
  try {
    const registry = new PluginRegistry();
    await loadPlugins(compiled.graph.project.plugins, projectDir, registry);
    storage = await openStorage(registry, section, projectDir, silentLogger);
  } catch (error) {
    return { ok: false, message: messageOf(error) };
  }
  let first: Weft;
  try {
    first = await Weft.open(projectDir, { storage: keepOpen(storage, storage.exclusive === true) });
  } catch (error) {
    await storage.close();
    return failureOf(error);
  }
  const holder = new SwappableWeft(first);
  return {
    ok: true,
    project: {
      holder,
      get current() {
        return holder.active;
      },
      async reload(drainMs) {
        let next: Weft;
        try {
          // Later versions must not take the leases of runs the previous one is still executing.
          next = await Weft.open(projectDir, { storage: keepOpen(storage, false) });
        } catch (error) {
          return failureOf(error);
        }
        const previous = await holder.swap(next, drainMs);
        await previous.close();
        await next.engine.recover();
        return { ok: true };
      },
      async recordUrl(url) {
        if (section.adapter !== 'pglite') return;
        const { setStorageLockUrl } = await import('../../plugins/pglite/storage-lock.js');
        await setStorageLockUrl(projectDir, url);
      },
      async close() {
        await holder.active.close();
        await storage.close();
      },
    },
  };
}

/**
 * The storage as one `Weft` of the session sees it: closing it does nothing (the session closes
 * the real one), and it claims exclusivity only for the first version (stale leases are those of
 * a previous process, never of an earlier version of this one).
 */
function keepOpen(storage: StorageV1, exclusive: boolean): StorageV1 {
  return new Proxy(storage, {
    get(target, property) {
      if (property === 'close') return async () => {};
      if (property === 'exclusive') return exclusive;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function failureOf(error: unknown): DevLoadFailure {
  if (WeftError.isInstance(error) && error.code === 'PROJECT_INVALID') {
    const details = error.details as { diagnostics?: readonly Diagnostic[] } | undefined;
    const diagnostics = details?.diagnostics ?? [];
    return { ok: false, diagnostics, manifestCount: new Set(diagnostics.map((d) => d.file)).size };
  }
  return { ok: false, message: messageOf(error) };
}

function messageOf(error: unknown): string {
  if (WeftError.isInstance(error)) return `${error.code} ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
