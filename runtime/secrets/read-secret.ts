import { weftError } from '../errors/create-weft-error.js';
import type { SecretRefV1 } from '../spec/v1/graph.js';
import { registerSecret } from './secret-masker.js';

/** Where secrets are read from (default `process.env`, read at call time). */
export type SecretEnvironment = Readonly<Record<string, string | undefined>>;

/**
 * Reads a secret (`{ $secret: NAME }` in the graph) from the environment at call time and
 * registers it with the masker. A missing or empty variable is `SECRET_MISSING`, naming the
 * variable, never a value.
 *
 * @example
 * const token = readSecret({ $secret: 'CRM_TOKEN' }); // throws SECRET_MISSING when CRM_TOKEN is unset
 */
export function readSecret(ref: SecretRefV1 | string, env: SecretEnvironment = process.env): string {
  const name = typeof ref === 'string' ? ref : ref.$secret;
  const value = env[name];
  if (value === undefined || value === '') {
    throw weftError('SECRET_MISSING', {
      message: `The environment variable ${name} is not set; it holds a secret this call needs.`,
      details: { variable: name },
    });
  }
  return registerSecret(value);
}
