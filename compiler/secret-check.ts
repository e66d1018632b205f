// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` is weft expression syntax inside plain strings, not a template literal
import type { Diagnostic } from './diagnostic.js';
import { toPointer, valueAt } from './json-pointer.js';
import { makeDiagnostic } from './make-diagnostic.js';
import type { ParsedManifest } from './model.js';
import type { MarkedFields } from './schema-registry.js';

const envReference = /^\$\{\{\s*env\.[A-Za-z_][A-Za-z0-9_]*\s*\}\}$/;
const envMention = /\$\{\{\s*env\./;

function walkStrings(
  value: unknown,
  path: (string | number)[],
  visit: (text: string, pointer: string) => void,
): void {
  if (typeof value === 'string') visit(value, toPointer(path));
  else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) walkStrings(item, [...path, index], visit);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) walkStrings(item, [...path, key], visit);
  }
}

/**
 * The secret rules of the manifest language: a field marked `x-weft-secret` holds only
 * `${{ env.NAME }}` or `{ secretRef }` (a literal is `SECRET_LITERAL`), and `${{ env.* }}` is
 * allowed nowhere but in secret and `x-weft-env` fields (`SECRET_OUTSIDE_SECRET_FIELD`).
 * Returns the diagnostics and the pointers of literal secrets (their schema errors are redundant).
 *
 * @example
 * const { diagnostics, literalSecrets } = checkSecrets(manifest, marked);
 */
export function checkSecrets(
  manifest: ParsedManifest,
  marked: MarkedFields,
): { diagnostics: Diagnostic[]; literalSecrets: Set<string> } {
  const diagnostics: Diagnostic[] = [];
  const literalSecrets = new Set<string>();
  for (const pointer of [...marked.secret].sort()) {
    const value = valueAt(manifest.value, pointer);
    if (typeof value !== 'string' || envReference.test(value)) continue;
    literalSecrets.add(pointer);
    const message = 'This field is a secret and must not hold a literal value.';
    const hint = 'Use ${{ env.NAME }} (set NAME in the environment) or { secretRef: NAME }.';
    diagnostics.push(
      makeDiagnostic('SECRET_LITERAL', manifest.file, manifest.locate(pointer), pointer, message, { hint }),
    );
  }
  walkStrings(manifest.value, [], (text, pointer) => {
    if (!envMention.test(text) || marked.secret.has(pointer) || marked.env.has(pointer)) return;
    const message =
      'Environment references (${{ env.* }}) are only allowed in secret fields and settings read from the environment.';
    const hint =
      'Declare the variable in the tool `secrets` list and read it in the executor, or move it to a secret field.';
    diagnostics.push(
      makeDiagnostic(
        'SECRET_OUTSIDE_SECRET_FIELD',
        manifest.file,
        manifest.locate(pointer),
        pointer,
        message,
        { hint },
      ),
    );
  });
  return { diagnostics, literalSecrets };
}
