import type { FastifyInstance } from 'fastify';
import { weftError } from '../errors/create-weft-error.js';
import { maskSecrets } from '../secrets/secret-masker.js';
import { isInternalError, toApiError } from './api-error-body.js';

/**
 * Installs the host's error and not-found handlers: every failure answers
 * `{ error: { code, message, details? } }` with the catalogue status; only bugs answer 500 (and
 * are logged, without the request body).
 *
 * @example
 * installErrorHandler(app);
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    if (isInternalError(error)) request.log.error({ err: error, url: request.url }, 'request failed');
    const { status, body } = toApiError(error);
    return reply.status(status).type('application/json').send(maskSecrets(body));
  });
  app.setNotFoundHandler((request, reply) => {
    const error = weftError('ROUTE_NOT_FOUND', {
      message: `No API route matches ${request.method} ${request.url.split('?')[0] ?? ''}.`,
    });
    return reply.status(error.status).send({ error: error.toJSON() });
  });
}
