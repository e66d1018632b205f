import type { FastifyInstance } from 'fastify';
import { defaultHeartbeatMs } from './sse-writer.js';

/** Settings of the host's event streams (run events and agent streams). */
export interface StreamSettings {
  /** The pause between two `: ping` heartbeats (default 15 s; 0 turns them off). */
  readonly heartbeatMs: number;
}

/** By the HTTP server, which a host and every encapsulated plugin context of it share. */
const settings = new WeakMap<object, StreamSettings>();

/**
 * Sets the stream settings of a host built by `createHost` (tests use short heartbeats).
 *
 * @example
 * const app = createHost(weft);
 * configureStreams(app, { heartbeatMs: 50 });
 */
export function configureStreams(app: FastifyInstance, value: Partial<StreamSettings>): void {
  settings.set(app.server, { ...streamSettingsOf(app), ...value });
}

/**
 * The stream settings of a host (the defaults unless `configureStreams` changed them).
 *
 * @example
 * const sse = new SseWriter(reply.raw, streamSettingsOf(request.server));
 */
export function streamSettingsOf(app: FastifyInstance): StreamSettings {
  return settings.get(app.server) ?? { heartbeatMs: defaultHeartbeatMs };
}
