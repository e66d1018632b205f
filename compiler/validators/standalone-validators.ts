import { createRequire } from 'node:module';
import type { ManifestKind } from '../model.js';
import type { MarkingValidator } from './mark-keywords.js';
import { schemasFingerprint } from './schemas-fingerprint.js';
import { generatedFingerprint, validatorsSource } from './standalone-validators.generated.js';

/** A validator per manifest kind. */
export type StandaloneValidators = Partial<Record<ManifestKind, MarkingValidator>>;

type ModuleFactory = (
  require: NodeJS.Require,
  module: { exports: StandaloneValidators },
  exports: StandaloneValidators,
) => void;

/**
 * The ahead-of-time compiled validators of the manifest schemas
 * (`standalone-validators.generated.ts`), or undefined when `schemas` are not the ones they were
 * generated from (then the caller compiles the schemas with Ajv at run time).
 *
 * @example
 * const validators = loadStandaloneValidators(manifestSchemas);
 * validators?.Tool?.call({ secret: new Set(), env: new Set() }, value); // true when valid
 */
export function loadStandaloneValidators(schemas: object): StandaloneValidators | undefined {
  if (schemasFingerprint(schemas) !== generatedFingerprint) return undefined;
  const module: { exports: StandaloneValidators } = { exports: {} };
  // The same construction Ajv uses for the validators it generates at run time, here over code
  // generated ahead of time; it only requires Ajv's small run-time helpers and ajv-formats.
  const factory = new Function('require', 'module', 'exports', validatorsSource) as ModuleFactory;
  factory(createRequire(import.meta.url), module, module.exports);
  return module.exports;
}
