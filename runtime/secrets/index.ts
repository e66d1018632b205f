/**
 * Secrets at run time: read from the environment at call time, registered with one masker, masked
 * (with their encoded forms) everywhere they could be written out.
 *
 * @example
 * import { maskSecrets, readSecret } from '../secrets/index.js';
 * const token = readSecret({ $secret: 'CRM_TOKEN' });
 * logger.info(maskSecrets(`sent ${token}`)); // 'sent ***'
 */
export { maskingLogger } from './masking-logger.js';
export { readSecret, type SecretEnvironment } from './read-secret.js';
export { maskSecrets, registerSecret, SecretMasker, secretMask, secretMasker } from './secret-masker.js';
