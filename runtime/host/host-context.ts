import type { FastifyInstance } from 'fastify';
import type { HostedWeft } from './hosted-weft.js';

/** What every route module gets: the weft instance and the host's settings. */
export interface HostContext {
  readonly weft: HostedWeft;
  /** How long `wait: true` and `resume` wait for a run to settle before answering its current state. */
  readonly waitTimeoutMs: number;
  /** How often an event stream re-reads the run, to see progress made by another process. */
  readonly eventPollMs: number;
  /** Open event streams, ended when the host closes (so shutdown never waits on them). */
  readonly streams: Set<{ abort(): void }>;
  /** Aborted when the host starts closing: requests waiting on a run answer its current state at once. */
  readonly closing: AbortSignal;
}

/**
 * A route module: registers the routes of one area (`routes/runs.ts`, ...). Adding an area to the
 * host is one line in `route-modules.ts`.
 *
 * @example
 * export const healthRoutes: RouteModule = (app, context) => { app.get('/api/health', ...); };
 */
export type RouteModule = (app: FastifyInstance, context: HostContext) => void;
