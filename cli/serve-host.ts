import type { FastifyInstance } from 'fastify';

/** True for addresses only this machine can reach (`127.0.0.0/8`, `::1`, `localhost`). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * The URL clients use for a listening address (IPv6 in brackets).
 *
 * @example
 * hostUrl('127.0.0.1', 3000); // 'http://127.0.0.1:3000'
 */
export function hostUrl(host: string, port: number): string {
  return `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
}

/**
 * Resolves after `promise` or after `ms`, whichever comes first (shutdown steps are bounded).
 *
 * @example
 * await within(app.close(), 10_000);
 */
export async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    promise.catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}

/**
 * Resolves on the first SIGTERM or SIGINT. Call it before listening, so that a signal right after
 * start-up drains like any other.
 *
 * @example
 * const signalled = untilSignal();
 * await app.listen({ host, port });
 * await signalled;
 */
export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = (): void => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      resolve();
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

/**
 * Listens on `host:port` and resolves the URL clients use (the real port when `port` is 0); on
 * failure prints `weft <command>: cannot listen on ...`, closes the app and resolves undefined.
 *
 * @example
 * const url = await listenHost(app, '127.0.0.1', 0, 'serve', io.err);
 */
export async function listenHost(
  app: FastifyInstance,
  host: string,
  port: number,
  command: string,
  report: (line: string) => void,
): Promise<string | undefined> {
  try {
    await app.listen({ host, port });
  } catch (error) {
    report(
      `weft ${command}: cannot listen on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`,
    );
    await app.close().catch(() => undefined);
    return undefined;
  }
  const address = app.server.address();
  return hostUrl(host, typeof address === 'object' && address !== null ? address.port : port);
}
