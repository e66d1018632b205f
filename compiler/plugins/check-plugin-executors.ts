import { dirname, join } from 'node:path';
import type { CompiledGraphV1 } from '../../runtime/spec/v1/graph.js';
import type { Diagnostic } from '../diagnostic.js';
import { makeDiagnostic } from '../make-diagnostic.js';
import type { CompileContext, ParsedManifest } from '../model.js';
import { didYouMean } from '../suggest.js';

const isRootFile = (file: string): boolean => file === 'weft.yaml' || file === 'weft.yml';
const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The `plugins` entries of the Project manifest (strings, as its schema requires). */
function pluginSpecifiers(project: ParsedManifest): string[] {
  const spec = project.value.spec as { plugins?: unknown } | null;
  return Array.isArray(spec?.plugins)
    ? spec.plugins.filter((entry): entry is string => typeof entry === 'string')
    : [];
}

/** The tools whose executor is a plugin function, with the executor name each needs. */
function pluginTools(graph: CompiledGraphV1): { tool: string; executor: string }[] {
  const tools: { tool: string; executor: string }[] = [];
  for (const tool of Object.values(graph.tools))
    if (tool.executor.type === 'plugin') tools.push({ tool: tool.name, executor: tool.executor.name });
  return tools;
}

/**
 * Loads weft.yaml's plugins into a registry that only records what they register, one at a time
 * so that a failure is reported at its own `plugins` entry (`PROJECT_PLUGIN_LOAD_FAILED`).
 * Resolves the registered tool executor names, or undefined when a plugin failed.
 */
async function registeredExecutors(
  project: ParsedManifest,
  specifiers: readonly string[],
  context: CompileContext,
): Promise<Set<string> | undefined> {
  // Loaded lazily: a project whose tools use no plugin executor never pays for the loader.
  const [{ loadPlugins }, { PluginRegistry }] = await Promise.all([
    import('../../runtime/plugins/load-plugins.js'),
    import('../../runtime/plugins/plugin-registry.js'),
  ]);
  const registry = new PluginRegistry();
  const base = join(context.dir, dirname(project.file));
  let failed = false;
  for (const [index, specifier] of specifiers.entries()) {
    try {
      await loadPlugins([specifier], base, registry);
    } catch (error) {
      failed = true;
      const pointer = `/spec/plugins/${index}`;
      context.diagnostics.push(
        makeDiagnostic(
          'PROJECT_PLUGIN_LOAD_FAILED',
          project.file,
          project.locate(pointer),
          pointer,
          `The plugin "${specifier}" cannot be loaded: ${reasonOf(error)}`,
          { hint: loadHint(reasonOf(error)) },
        ),
      );
    }
  }
  return failed ? undefined : new Set(registry.toolNames());
}

function executorNotFound(
  manifest: ParsedManifest | undefined,
  tool: string,
  executor: string,
  registered: ReadonlySet<string>,
): Diagnostic {
  const pointer = '/spec/plugin';
  const known = [...registered].sort();
  const hint =
    didYouMean(executor, known) ??
    (known.length === 0
      ? 'The plugins of weft.yaml register no tool executor.'
      : `Registered tool executors: ${known.join(', ')}.`);
  return makeDiagnostic(
    'PLUGIN_EXECUTOR_NOT_FOUND',
    manifest?.file ?? '.',
    manifest?.locate(pointer) ?? { line: 1, column: 1 },
    manifest === undefined ? '' : pointer,
    `Tool "${tool}" names the plugin executor "${executor}", which no plugin of weft.yaml registers.`,
    { hint },
  );
}

/**
 * The compile stage that checks plugin executors: when some Tool uses a `plugin:` executor and
 * weft.yaml lists plugins, it loads them with a recording registry (the runtime's own loader, so
 * `.ts` plugins work under vitest and under plain Node) and reports each Tool whose executor no
 * plugin registers (`PLUGIN_EXECUTOR_NOT_FOUND`, with a did-you-mean), and each plugin that fails
 * to load (`PROJECT_PLUGIN_LOAD_FAILED` at its weft.yaml entry). A project that lists no plugins
 * is not checked: its executors may be installed from code (`new Weft({ plugins })`).
 *
 * @example
 * await checkPluginExecutors(validManifests, graph, context);
 */
export async function checkPluginExecutors(
  manifests: readonly ParsedManifest[],
  graph: CompiledGraphV1,
  context: CompileContext,
): Promise<void> {
  const project = manifests.find((manifest) => manifest.kind === 'Project' && isRootFile(manifest.file));
  const specifiers = project === undefined ? [] : pluginSpecifiers(project);
  if (project === undefined || specifiers.length === 0) return;
  const tools = pluginTools(graph);
  if (tools.length === 0) return;
  const registered = await registeredExecutors(project, specifiers, context);
  if (registered === undefined) return;
  for (const { tool, executor } of tools) {
    if (registered.has(executor)) continue;
    const manifest = manifests.find((candidate) => candidate.kind === 'Tool' && candidate.name === tool);
    context.diagnostics.push(executorNotFound(manifest, tool, executor, registered));
  }
}

/** What to do about a plugin that failed to load. */
function loadHint(reason: string): string {
  if (/require\(\) ES Module|Cannot use import statement outside a module|ERR_REQUIRE_ESM/.test(reason))
    return 'TypeScript plugins are ES modules: add a package.json with "type": "module" to the project folder (weft init writes one).';
  return 'A plugin module default-exports definePlugin({ name, apiVersion: "v1", setup }).';
}
