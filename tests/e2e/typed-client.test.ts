import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost } from '../../runtime/host/index.js';
import { Weft } from '../../runtime/weft.js';
// The client `weft compile` emits for definitions/ (kept current by the golden test), imported
// here so that the repository's tsc type-checks real uses of it.
import { createClient, type RunEvent, WeftApiError } from '../golden/definitions/client.js';
import type { OrderApprovalOutput } from '../golden/definitions/types.js';
import { copyProject, removeProject } from './e2e-helpers.js';

let dir: string;
let weft: Weft;
let app: ReturnType<typeof createHost>;
let client: ReturnType<typeof createClient>;

beforeAll(async () => {
  dir = copyProject('definitions');
  weft = await Weft.open(dir, { storage: 'memory' });
  app = createHost(weft);
  await app.listen({ host: '127.0.0.1', port: 0 });
  client = createClient({ baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/` });
});
afterAll(async () => {
  await app?.close();
  await weft?.close();
  removeProject(dir);
});

async function collect(events: AsyncIterable<RunEvent>): Promise<RunEvent[]> {
  const received: RunEvent[] = [];
  for await (const event of events) received.push(event);
  return received;
}

describe('the generated client against a running host', () => {
  it('drives order-approval from start to resume, with typed runs and resumable events', async () => {
    const approval = client.workflows['order-approval'];
    const started = await approval.start({ orderId: 'A1', amount: 20 }, { wait: true });
    expect(started.status).toBe('suspended');
    const total: number | undefined = started.suspended?.[0]?.payload.total;
    expect(typeof total).toBe('number');

    const before = await collect(approval.events(started.runId));
    expect(before.map((event) => event.type)).toEqual([
      'run:start',
      'step:start',
      'step:complete',
      'step:start',
      'run:suspended',
    ]);
    // A suspension is a state the resume replaces: it is sent without an id (ids stay 1..n in every read).
    expect(before.map((event) => event.id)).toEqual([1, 2, 3, 4, undefined]);
    const lastSeen = before.findLast((event) => event.id !== undefined)?.id ?? 0;

    const resumed = await approval.resume(started.runId, { step: 'approve', data: { approved: true } });
    const finished = resumed.status === 'completed' ? resumed : await approval.get(started.runId);
    expect(finished.status).toBe('completed');
    const output: OrderApprovalOutput | undefined = finished.output;
    expect(output).toEqual({ orderId: 'A1', status: 'charged' });

    // Reconnecting after the last event seen gives only what happened since.
    const after = await collect(approval.events(started.runId, { lastEventId: lastSeen }));
    expect(after[0]).toMatchObject({
      id: 5,
      type: 'step:complete',
      step: 'approve',
      output: { approved: true },
    });
    expect(after.map((event) => event.id)).toEqual(after.map((_, index) => index + 5));
    expect(after.at(-1)).toMatchObject({
      type: 'run:complete',
      output: { orderId: 'A1', status: 'charged' },
    });
    const again = await collect(approval.events(started.runId));
    expect(again).toEqual([...before.slice(0, -1), ...after]);

    const page = await approval.list({ status: 'completed' });
    expect(page.items.map((run) => run.runId)).toContain(started.runId);
  });

  it('runs a tool and answers API errors as typed WeftApiError', async () => {
    const order = await client.tools['lookup-order'].execute({ orderId: 'A1' });
    expect(typeof order.total).toBe('number');
    const error = await client.workflows['order-approval']
      .get('no-such-run')
      .catch((caught: unknown) => caught);
    expect(WeftApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 404, code: 'RUN_NOT_FOUND' });
    const invalid = await client.workflows['order-approval']
      // @ts-expect-error amount is required by the workflow's input schema
      .start({ orderId: 'A1' })
      .catch((caught: unknown) => caught);
    expect(invalid).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    const badId = await collect(client.workflows['order-approval'].events('x', { lastEventId: -1 })).catch(
      (caught: unknown) => caught,
    );
    expect(badId).toMatchObject({ status: 400, code: 'EVENTS_INVALID_LAST_EVENT_ID' });
  });
});
