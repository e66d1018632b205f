import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureStreams } from '../../../runtime/host/stream-settings.js';
import type { RunDocument, RunEvent } from '../../../runtime/public/api-types.js';
import { type ErrorReply, type HostedProject, openHostedProject, send } from './host-test-project.js';

let project: HostedProject;
let base: string;
beforeAll(async () => {
  project = await openHostedProject({ eventPollMs: 50 });
  configureStreams(project.app, { heartbeatMs: 20 });
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
}

/** Reads an event stream over a real socket to its end, keeping messages and comment lines. */
function readStream(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; messages: Message[]; comments: string[] }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => {
        const blocks = text.split('\n\n').filter((block) => block !== '');
        const comments = blocks.filter((block) => block.startsWith(':'));
        const messages = blocks
          .filter((block) => !block.startsWith(':'))
          .map((block) => {
            const fields: Record<string, string> = {};
            for (const line of block.split('\n'))
              fields[line.slice(0, line.indexOf(':'))] = line.slice(line.indexOf(':') + 2);
            return fields as unknown as Message;
          });
        resolve({ status: res.statusCode ?? 0, messages, comments });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const dataOf = (messages: readonly Message[]) => messages.filter((message) => message.event === undefined);

async function finishedRun(workflow: string, input: unknown): Promise<RunDocument> {
  const { body } = await send(project.app, 'POST', `/api/workflows/${workflow}/runs`, { input, wait: true });
  return body;
}

describe('run events: ids and Last-Event-ID', () => {
  it('numbers every event 1, 2, 3... and the same run gives the same ids on every read', async () => {
    const run = await finishedRun('flaky-retry', {});
    const first = dataOf((await readStream(`/api/workflows/flaky-retry/runs/${run.runId}/events`)).messages);
    expect(first.map((message) => message.id)).toEqual(first.map((_, index) => String(index + 1)));
    const second = dataOf((await readStream(`/api/workflows/flaky-retry/runs/${run.runId}/events`)).messages);
    expect(second).toEqual(first);
  });

  it.each([
    ['the Last-Event-ID header', (id: number) => ({ headers: { 'last-event-id': String(id) }, query: '' })],
    ['the lastEventId query', (id: number) => ({ headers: {}, query: `?lastEventId=${id}` })],
  ])('resumes after %s with only the events after it, then event: end', async (_name, given) => {
    const run = await finishedRun('flaky-retry', {});
    const path = `/api/workflows/flaky-retry/runs/${run.runId}/events`;
    const all = dataOf((await readStream(path)).messages);
    const { headers, query } = given(3);
    const rest = await readStream(`${path}${query}`, headers);
    expect(dataOf(rest.messages)).toEqual(all.slice(3));
    expect(rest.messages.at(-1)?.event).toBe('end');
    const none = await readStream(path, { 'last-event-id': String(all.length) });
    expect(none.messages.map((message) => message.event)).toEqual(['end']);
  });

  it.each([['abc'], ['-1'], ['1.5'], ['01'], [' '], ['99999999999999999999']])(
    'answers 400 EVENTS_INVALID_LAST_EVENT_ID for Last-Event-ID %j, before any stream starts',
    async (value) => {
      const run = await finishedRun('flaky-retry', {});
      const response = await project.app.inject({
        method: 'GET',
        url: `/api/workflows/flaky-retry/runs/${run.runId}/events`,
        headers: { 'last-event-id': value },
      });
      expect(response.statusCode).toBe(400);
      expect((JSON.parse(response.body) as ErrorReply).error.code).toBe('EVENTS_INVALID_LAST_EVENT_ID');
    },
  );

  it('answers 400 for a malformed lastEventId query and for unknown query fields', async () => {
    const run = await finishedRun('flaky-retry', {});
    const path = `/api/workflows/flaky-retry/runs/${run.runId}/events`;
    const bad = await send<ErrorReply>(project.app, 'GET', `${path}?lastEventId=x`);
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'EVENTS_INVALID_LAST_EVENT_ID' } } });
    const unknown = await send<ErrorReply>(project.app, 'GET', `${path}?after=3`);
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
  });
});

describe('run events: a live run', () => {
  it('sends : ping heartbeats while the run executes', async () => {
    const { body: run } = await send(project.app, 'POST', '/api/workflows/slow-steps/runs', { input: {} });
    const stream = await readStream(`/api/workflows/slow-steps/runs/${run.runId}/events`);
    expect(stream.comments.length).toBeGreaterThan(0);
    expect(new Set(stream.comments)).toEqual(new Set([': ping']));
    const events = dataOf(stream.messages).map((message) => JSON.parse(message.data) as RunEvent);
    expect(events.at(-1)?.type).toBe('run:complete');
  });

  it('resumes a live stream where the dropped connection left it: every event once, in order', async () => {
    const { body: run } = await send(project.app, 'POST', '/api/workflows/slow-steps/runs', { input: {} });
    const path = `/api/workflows/slow-steps/runs/${run.runId}/events`;
    const firstPart = await new Promise<Message[]>((resolve, reject) => {
      const req = request(`${base}${path}`, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          const blocks = text.split('\n\n').filter((block) => block.startsWith('id: '));
          if (blocks.length >= 4) {
            req.destroy();
            resolve(
              blocks.map((block) => {
                const [idLine = '', dataLine = ''] = block.split('\n');
                return { id: idLine.slice(4), data: dataLine.slice(6) };
              }),
            );
          }
        });
      });
      req.on('error', (error) => (error.message.includes('socket hang up') ? undefined : reject(error)));
      req.end();
    });
    const last = firstPart.at(-1)?.id ?? '0';
    const rest = dataOf((await readStream(path, { 'last-event-id': last })).messages);
    const whole = dataOf((await readStream(path)).messages);
    expect([...firstPart, ...rest].map((message) => message.id)).toEqual(whole.map((message) => message.id));
    expect([...firstPart, ...rest].map((message) => message.data)).toEqual(
      whole.map((message) => message.data),
    );
  });

  it('does not cancel the run when the client disconnects', async () => {
    const { body: run } = await send(project.app, 'POST', '/api/workflows/slow-steps/runs', { input: {} });
    await new Promise<void>((resolve, reject) => {
      const req = request(`${base}/api/workflows/slow-steps/runs/${run.runId}/events`, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (error) => (error.message.includes('socket hang up') ? undefined : reject(error)));
      req.end();
    });
    let document = await project.weft.getWorkflow('slow-steps').getRun(run.runId);
    while (document.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      document = await project.weft.getWorkflow('slow-steps').getRun(run.runId);
    }
    expect(document.status).toBe('completed');
  });
});
