import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyServerOptions } from 'fastify';
import { maskSecrets } from '../secrets/secret-masker.js';

/** A pino level the host logs at. */
export type HostLogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** Where log lines go (default stderr); each line is one JSON object. */
export interface LogDestination {
  write(line: string): void;
}

/**
 * The Fastify logger options of the host: pino JSON lines at `level` to `destination` (stderr by
 * default), every line of a request carrying its id (`reqId`), the `authorization`, `cookie` and
 * `x-api-key` headers redacted, and every registered secret value (API keys, tool credentials)
 * masked by the secret masker before the line is written. `false` logs nothing.
 *
 * @example
 * Fastify({ logger: hostLogger('info'), ...requestIdOptions });
 */
export function hostLogger(
  level: HostLogLevel | false,
  destination: LogDestination = process.stderr,
): Exclude<FastifyServerOptions['logger'], undefined> {
  if (level === false) return false;
  return {
    level,
    stream: { write: (line: string) => destination.write(maskSecrets(line)) },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
      censor: '***',
    },
  };
}

const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Request-id options: an incoming `x-request-id` made of `[A-Za-z0-9._:-]` (at most 128
 * characters) is kept, anything else gets a fresh UUID; log lines carry it as `reqId`. The host
 * echoes it in the `x-request-id` response header.
 *
 * @example
 * Fastify({ ...requestIdOptions });
 */
export const requestIdOptions = {
  requestIdHeader: false,
  genReqId: (request: IncomingMessage): string => {
    const incoming = request.headers['x-request-id'];
    return typeof incoming === 'string' && requestIdPattern.test(incoming) ? incoming : randomUUID();
  },
} as const satisfies Pick<FastifyServerOptions, 'requestIdHeader' | 'genReqId'>;
