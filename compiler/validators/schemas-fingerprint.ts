import { createHash } from 'node:crypto';
import { manifestAjvOptions } from './mark-keywords.js';

/**
 * A sha256 (hex) of the manifest schemas and the Ajv options they are compiled with: the
 * generated standalone validators are used only while it matches the one they were generated
 * from, so stale generated code can never validate against the wrong schemas.
 *
 * @example
 * schemasFingerprint(manifestSchemas); // '5e1c...'
 */
export function schemasFingerprint(schemas: object): string {
  return createHash('sha256')
    .update(JSON.stringify({ options: manifestAjvOptions, schemas }))
    .digest('hex');
}
