import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDocument, RunEvent } from '../../../runtime/public/api-types.js';
import { type ErrorReply, type HostedProject, openHostedProject, send } from './host-test-project.js';

let project: HostedProject;
let base: string;
beforeAll(async () => {
  project = await openHostedProject();
  await project.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(project.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await project.close();
});

interface Message {
  readonly id?: string;
  readonly event?: string;
  readonly data: string;
  /** The run's status on the server when the client received this message. */
  readonly seenWhile: string;
}

/** Reads an event stream over a real socket, message by message, noting the run status at each arrival. */
function readStream(
  path: string,
  statusNow: () => string,
): Promise<{ status: number; contentType: string; messages: Message[] }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: { accept: 'text/event-stream' } }, (res) => {
      const messages: Message[] = [];
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = Object.fromEntries(
            block
              .split('\n')
              .filter((line) => !line.startsWith(':'))
              .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
          );
          if (fields.data !== undefined)
            messages.push({ ...fields, data: fields.data, seenWhile: statusNow() } as Message);
          end = buffer.indexOf('\n\n');
        }
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type']), messages }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('GET /api/workflows/:name/runs/:runId/events', () => {
  it('streams step events live over a socket while the run executes, then event: end', async () => {
    const { body: run } = await send(project.app, 'POST', '/api/workflows/slow-steps/runs', { input: {} });
    let status = 'running';
    const off = project.weft.on('run:complete', (event) => {
      if (event.runId === run.runId) status = 'completed';
    });
    const stream = await readStream(`/api/workflows/slow-steps/runs/${run.runId}/events`, () => status);
    off();
    expect(stream.status).toBe(200);
    expect(stream.contentType).toContain('text/event-stream');
    const data = stream.messages.filter((m) => m.event === undefined);
    const events = data.map((m) => JSON.parse(m.data) as RunEvent);
    expect(events[0]?.type).toBe('run:start');
    const completed = events.filter((e) => e.type === 'step:complete').map((e) => e.step);
    expect(completed).toEqual(Array.from({ length: 10 }, (_, i) => `step-${i + 1}`));
    expect(events.filter((e) => e.type === 'step:start')).toHaveLength(10);
    expect(events.at(-1)).toMatchObject({ type: 'run:complete', output: { count: 10 } });
    // Most events reached the client before the run ended: the stream is live, not buffered.
    expect(data.filter((m) => m.seenWhile === 'running').length).toBeGreaterThan(10);
    expect(data.map((m) => Number(m.id))).toEqual(data.map((_, i) => i + 1));
    expect(stream.messages.at(-1)?.event).toBe('end');
  });

  it('replays a finished run from its journal, each event once, ending with event: end', async () => {
    const { body: run } = await send(project.app, 'POST', '/api/workflows/flaky-retry/runs', {
      input: {},
      wait: true,
    });
    const stream = await readStream(`/api/workflows/flaky-retry/runs/${run.runId}/events`, () => 'completed');
    const events = stream.messages
      .filter((m) => m.event === undefined)
      .map((m) => JSON.parse(m.data) as RunEvent);
    expect(events.map((e) => `${e.type}${e.step === undefined ? '' : ` ${e.step}#${e.attempt}`}`)).toEqual([
      'run:start',
      'step:start call#1',
      'step:error call#1',
      'step:start call#2',
      'step:error call#2',
      'step:start call#3',
      'step:complete call#3',
      'run:complete',
    ]);
    expect(stream.messages.at(-1)?.event).toBe('end');
  });

  it('ends at a suspension with run:suspended naming the waiting step', async () => {
    const { body: run } = await send<RunDocument>(project.app, 'POST', '/api/workflows/order-approval/runs', {
      input: { orderId: 'o-9', amount: 5 },
      wait: true,
    });
    const response = await project.app.inject({
      method: 'GET',
      url: `/api/workflows/order-approval/runs/${run.runId}/events`,
    });
    expect(response.headers['content-type']).toContain('text/event-stream');
    const blocks = response.body.trim().split('\n\n');
    expect(blocks.at(-1)).toBe('event: end\ndata: {}');
    const last = JSON.parse((blocks.at(-2) ?? '').split('data: ')[1] ?? '{}') as RunEvent;
    expect(last).toMatchObject({ type: 'run:suspended', output: [{ step: 'approve' }] });
  });

  it('answers 404 JSON for an unknown run, before any stream starts', async () => {
    const { status, body } = await send<ErrorReply>(
      project.app,
      'GET',
      '/api/workflows/slow-steps/runs/nope/events',
    );
    expect(status).toBe(404);
    expect(body.error.code).toBe('RUN_NOT_FOUND');
  });
});
