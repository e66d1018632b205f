import { describe, expect, it } from 'vitest';
import { createHost } from '../../../runtime/host/index.js';
import type { HealthStatus } from '../../../runtime/public/api-types.js';
import { openHostedProject, send } from './host-test-project.js';

describe('GET /api/health when the storage does not answer', () => {
  it('answers 503 with storage unreachable', async () => {
    const project = await openHostedProject();
    const weft = project.weft;
    const broken = createHost({
      graph: weft.graph,
      storage: { ping: () => Promise.reject(new Error('connection refused')) },
      getWorkflow: (name) => weft.getWorkflow(name),
    });
    try {
      const { status, body } = await send<HealthStatus>(broken, 'GET', '/api/health');
      expect(status).toBe(503);
      expect(body).toEqual({ status: 'degraded', storage: 'unreachable' });
    } finally {
      await broken.close();
      await project.close();
    }
  });
});
