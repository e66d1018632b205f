import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openHostedProject, send } from './host-test-project.js';

describe('closing the host', () => {
  it('ends open event streams without event: end, so the close does not wait for them', async () => {
    const project = await openHostedProject();
    await project.app.listen({ host: '127.0.0.1', port: 0 });
    const port = (project.app.server.address() as AddressInfo).port;
    const { body: run } = await send(project.app, 'POST', '/api/workflows/slow-steps/runs', { input: {} });
    let received = '';
    const ended = new Promise<void>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: `/api/workflows/slow-steps/runs/${run.runId}/events` },
        (res) => {
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            received += chunk;
          });
          res.on('end', () => resolve());
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received).toContain('"type":"run:start"');
    // Closing ends the open stream (otherwise `ended` never settles and the test times out).
    await project.app.close();
    await ended;
    expect(received).not.toContain('event: end');
    // The run was left to the engine: it is still there and not failed.
    expect(['running', 'completed']).toContain(
      (await project.weft.getWorkflow('slow-steps').getRun(run.runId)).status,
    );
    await project.weft.close();
  });
});
