import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Diagnostic } from './diagnostic.js';
import { makeDiagnostic } from './make-diagnostic.js';
import type { ParsedManifest } from './model.js';

const isPath = (specifier: string): boolean =>
  specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/');

const isRootFile = (file: string): boolean => file === 'weft.yaml' || file === 'weft.yml';

/** The Project manifests, the one in the root `weft.yaml` first. */
function projectsOf(manifests: readonly ParsedManifest[]): ParsedManifest[] {
  const projects = manifests.filter((manifest) => manifest.kind === 'Project');
  return [
    ...projects.filter((project) => isRootFile(project.file)),
    ...projects.filter((project) => !isRootFile(project.file)),
  ];
}

function duplicateNames(manifests: readonly ParsedManifest[]): Diagnostic[] {
  const first = new Map<string, ParsedManifest>();
  const diagnostics: Diagnostic[] = [];
  for (const manifest of manifests) {
    if (manifest.name === '' || manifest.kind === 'Project') continue;
    const key = `${manifest.kind}\u0000${manifest.name}`;
    const original = first.get(key);
    if (original === undefined) {
      first.set(key, manifest);
      continue;
    }
    const where = original.locate('/metadata/name');
    diagnostics.push(
      makeDiagnostic(
        'MANIFEST_DUPLICATE_NAME',
        manifest.file,
        manifest.locate('/metadata/name'),
        '/metadata/name',
        `Another ${manifest.kind} is already named "${manifest.name}".`,
        {
          hint: `The first one is in ${original.file}:${where.line}:${where.column}; names are unique per kind.`,
        },
      ),
    );
  }
  return diagnostics;
}

function projectCount(manifests: readonly ParsedManifest[]): Diagnostic[] {
  const projects = projectsOf(manifests);
  const first = projects[0];
  if (first === undefined) {
    const message = 'No Project manifest (kind: Project) was found in the project folder.';
    const hint = 'Create weft.yaml at the project root (weft init writes one).';
    return [makeDiagnostic('PROJECT_MISSING', 'weft.yaml', { line: 1, column: 1 }, '', message, { hint })];
  }
  return projects.slice(1).map((project) =>
    makeDiagnostic(
      'PROJECT_DUPLICATE',
      project.file,
      project.locate('/kind'),
      '/kind',
      'A project has exactly one Project manifest.',
      {
        hint: `The Project manifest is ${first.file}; merge the two or remove this one.`,
      },
    ),
  );
}

function missingPlugins(dir: string, project: ParsedManifest): Diagnostic[] {
  const spec = project.value.spec as { plugins?: unknown } | null;
  const plugins = Array.isArray(spec?.plugins) ? spec.plugins : [];
  const base = join(dir, dirname(project.file));
  const diagnostics: Diagnostic[] = [];
  plugins.forEach((plugin, index) => {
    if (typeof plugin !== 'string' || !isPath(plugin)) return;
    const path = plugin.startsWith('/') ? plugin : join(base, plugin);
    if (existsSync(path)) return;
    const pointer = `/spec/plugins/${index}`;
    diagnostics.push(
      makeDiagnostic(
        'PROJECT_PLUGIN_NOT_FOUND',
        project.file,
        project.locate(pointer),
        pointer,
        `The plugin file "${plugin}" does not exist.`,
        {
          hint: 'Plugin paths are relative to weft.yaml.',
        },
      ),
    );
  });
  return diagnostics;
}

/**
 * Checks across manifests: names unique per kind (`MANIFEST_DUPLICATE_NAME`), exactly one Project
 * (`PROJECT_MISSING`, `PROJECT_DUPLICATE`) and plugin files listed in it that exist
 * (`PROJECT_PLUGIN_NOT_FOUND`).
 *
 * @example
 * context.diagnostics.push(...projectChecks('/srv/project', manifests));
 */
export function projectChecks(dir: string, manifests: readonly ParsedManifest[]): Diagnostic[] {
  const project = projectsOf(manifests)[0];
  return [
    ...duplicateNames(manifests),
    ...projectCount(manifests),
    ...(project === undefined ? [] : missingPlugins(dir, project)),
  ];
}
