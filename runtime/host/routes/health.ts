import type { HealthStatus } from '../../public/api-types.js';
import type { RouteModule } from '../host-context.js';

/**
 * `GET /api/health`: `{ status: 'ok', storage: 'ok' }`, or 503 `{ status: 'degraded', storage:
 * 'unreachable' }` when the storage does not answer a ping within 2 s.
 *
 * @example
 * await app.inject({ method: 'GET', url: '/api/health' }); // 200 { status: 'ok', storage: 'ok' }
 */
export const healthRoutes: RouteModule = (app, { weft }) => {
  // Public and never rate limited: load balancers and probes call it often.
  app.get('/api/health', { config: { scope: 'public', rateLimit: false } }, async (_request, reply) => {
    const reachable = await pingWithin(() => weft.storage.ping(), 2_000);
    const body: HealthStatus = reachable
      ? { status: 'ok', storage: 'ok' }
      : { status: 'degraded', storage: 'unreachable' };
    return reply.status(reachable ? 200 : 503).send(body);
  });
};

async function pingWithin(ping: () => Promise<void>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([
      ping().then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
