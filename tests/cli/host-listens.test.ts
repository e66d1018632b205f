import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { hostListens } from '../../cli/host-listens.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  server = undefined;
});

/** A TCP server on a free port of 127.0.0.1, and its port. */
async function listening(): Promise<number> {
  const opened = createServer((socket) => socket.destroy());
  server = opened;
  await new Promise<void>((resolve) => opened.listen(0, '127.0.0.1', resolve));
  const address = opened.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('hostListens', () => {
  it('is true when something accepts connections at the URL', async () => {
    const port = await listening();
    expect(await hostListens(`http://127.0.0.1:${port}`)).toBe(true);
  });

  it('is false when the port refuses connections (the host is gone)', async () => {
    const port = await listening();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    expect(await hostListens(`http://127.0.0.1:${port}`)).toBe(false);
  });
});
