import type { FastifyInstance } from 'fastify';
import { createHost, type HostOptions } from '../../../runtime/host/index.js';
import type { ApiErrorBody, RunDocument } from '../../../runtime/public/api-types.js';
import { Weft } from '../../../runtime/weft.js';

/** The example project on memory storage, served by a host (not listening until a test asks). */
export interface HostedProject {
  readonly weft: Weft;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

const definitions = new URL('../../../definitions/', import.meta.url).pathname;

/**
 * Opens `definitions/` on memory storage and builds its host.
 *
 * @example
 * const project = await openHostedProject();
 * const response = await project.app.inject({ method: 'GET', url: '/api/health' });
 */
export async function openHostedProject(options: HostOptions = {}): Promise<HostedProject> {
  const weft = await Weft.open(definitions, { storage: 'memory' });
  const app = createHost(weft, options);
  return {
    weft,
    app,
    async close() {
      await app.close();
      await weft.close();
    },
  };
}

/** A JSON request through `app.inject()`; the caller names the body type it expects. */
export async function send<Body = RunDocument>(
  app: FastifyInstance,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
): Promise<{ status: number; body: Body }> {
  const response = await app.inject({
    method,
    url,
    ...(body === undefined ? {} : { payload: body as object }),
  });
  return { status: response.statusCode, body: JSON.parse(response.body) as Body };
}

/** The error body of a failed request. */
export type ErrorReply = ApiErrorBody & { error: { details?: { pointer?: string } } };
