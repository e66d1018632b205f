import { connect } from 'node:net';

/**
 * Whether something accepts connections at a host's URL (its host name and port, 80 or 443 by
 * scheme when the URL has none): false only when the connection is refused or fails outright
 * (nothing listens there), true when it connects or gives no answer within `timeoutMs` (a busy
 * host; the command itself then reports what it gets). Used before going through the host named in
 * a project's storage lock: a host killed a moment ago still holds the lock while it exits.
 *
 * @example
 * if (await hostListens('http://127.0.0.1:3000')) console.log('a host answers there');
 */
export function hostListens(url: string, timeoutMs = 1000): Promise<boolean> {
  const { hostname, port, protocol } = new URL(url);
  const host = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(port || (protocol === 'https:' ? 443 : 80)) });
    const settle = (listening: boolean) => {
      socket.destroy();
      resolve(listening);
    };
    socket.setTimeout(timeoutMs, () => settle(true));
    socket.once('connect', () => settle(true));
    socket.once('error', () => settle(false));
  });
}
