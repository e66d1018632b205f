import { manifestSchemas } from '../schema/index.js';
import type { Diagnostic } from './diagnostic.js';
import { dedupeDiagnostics, makeDiagnostic } from './make-diagnostic.js';
import type { CompileContext, ParsedManifest } from './model.js';
import { projectChecks } from './project-checks.js';
import { refineErrors } from './refine-errors.js';
import { schemaDiagnostics } from './schema-diagnostics.js';
import { SchemaRegistry } from './schema-registry.js';
import { checkSecrets } from './secret-check.js';
import { loadStandaloneValidators } from './validators/standalone-validators.js';

let defaultRegistry: SchemaRegistry | undefined;

/**
 * The registry of the built-in manifest schemas, created once per process: valid manifests are
 * checked by the validators generated ahead of time, and Ajv compiles a kind's schema only when
 * a manifest of it is invalid (for the full error objects) or the generated code is stale.
 *
 * @example
 * getDefaultRegistry().validate('Tool', value);
 */
export function getDefaultRegistry(): SchemaRegistry {
  defaultRegistry ??= new SchemaRegistry(manifestSchemas, {
    standalone: loadStandaloneValidators(manifestSchemas),
  });
  return defaultRegistry;
}

const under = (pointer: string, parents: ReadonlySet<string>): boolean =>
  [...parents].some((parent) => pointer === parent || pointer.startsWith(`${parent}/`));

/**
 * Validates one manifest against its kind's schema and the secret rules. Never throws.
 *
 * @example
 * const problems = validateManifest(manifest); // [] when valid
 */
export function validateManifest(
  manifest: ParsedManifest,
  registry: SchemaRegistry = getDefaultRegistry(),
): Diagnostic[] {
  try {
    const { valid, errors, marked } = registry.validate(manifest.kind, manifest.value);
    const secrets = checkSecrets(manifest, marked);
    const schemaProblems = valid ? [] : schemaDiagnostics(manifest, refineErrors(errors, registry));
    const kept = schemaProblems.filter((diagnostic) => !under(diagnostic.pointer, secrets.literalSecrets));
    return dedupeDiagnostics([...kept, ...secrets.diagnostics]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const message = `Validating this ${manifest.kind} failed unexpectedly: ${reason}`;
    return [
      makeDiagnostic('COMPILER_INTERNAL_ERROR', manifest.file, { line: 1, column: 1 }, '', message, {
        hint: 'This is a bug in weft; please report it with this file.',
      }),
    ];
  }
}

/**
 * The validate stage: every manifest against its JSON Schema and the secret rules, then the
 * project-wide checks (unique names, exactly one Project, plugin files exist). Pushes every
 * problem to `context.diagnostics` and returns the manifests that are valid.
 *
 * @example
 * const valid = validateManifests(parsed, { dir, diagnostics });
 */
export function validateManifests(
  manifests: readonly ParsedManifest[],
  context: CompileContext,
  registry: SchemaRegistry = getDefaultRegistry(),
): ParsedManifest[] {
  const valid: ParsedManifest[] = [];
  for (const manifest of manifests) {
    const problems = validateManifest(manifest, registry);
    context.diagnostics.push(...problems);
    if (!problems.some((problem) => problem.severity === 'error')) valid.push(manifest);
  }
  context.diagnostics.push(...projectChecks(context.dir, manifests));
  return valid;
}
