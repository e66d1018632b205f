import type { LoggerV1 } from '../spec/v1/tool-executor.js';
import { maskSecrets } from './secret-masker.js';

/**
 * Wraps a logger so that every message and field goes through `maskSecrets` first.
 *
 * @example
 * const logger = maskingLogger(consoleLogger);
 * logger.info(`calling with ${token}`); // logs 'calling with ***'
 */
export function maskingLogger(logger: LoggerV1): LoggerV1 {
  const wrap =
    (level: keyof LoggerV1) =>
    (message: string, fields?: Record<string, unknown>): void => {
      if (fields === undefined) logger[level](maskSecrets(message));
      else logger[level](maskSecrets(message), maskSecrets(fields));
    };
  return { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}
