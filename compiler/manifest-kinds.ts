import type { ManifestKind } from './model.js';

/**
 * Every manifest kind of `weft/v1`, in documentation order.
 *
 * @example
 * manifestKinds.includes('Workflow'); // true
 */
export const manifestKinds: readonly ManifestKind[] = [
  'Project',
  'Agent',
  'Workflow',
  'Tool',
  'Integration',
  'Knowledge',
];

/** The one supported manifest API version. */
export const apiVersion = 'weft/v1';

/**
 * True when the string is a manifest kind.
 *
 * @example
 * isManifestKind('Tool'); // true
 */
export function isManifestKind(value: unknown): value is ManifestKind {
  return typeof value === 'string' && (manifestKinds as readonly string[]).includes(value);
}
